package org.webp2p.ui.history;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.ui.Format;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.NodeModel;

/**
 * The range a page shows and, for a stored range, its history as the node summed it. Loads run on the
 * node model's history thread; each result reaches the properties in one step on the FX thread, and a
 * result overtaken by a newer pick is dropped. A shown range is read again once a minute.
 */
public final class HistoryViewModel {
    /** About as many points as a chart a screen wide shows apart; the node sums the rows into them. */
    public static final int POINTS = 500;
    private static final Duration RELOAD_AFTER = Duration.ofMinutes(1);

    /** A history with the pairs of NAT types charted from it. */
    public record Shown(HistoryRange range, TrafficHistory history, List<NatPairs.Pair> pairs) {
    }

    private final NodeModel node;
    private final ObservableValue<String> swarm;
    private final ObjectProperty<HistoryRange> range = new SimpleObjectProperty<>(HistoryRange.LIVE);
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanBinding live = Bindings.createBooleanBinding(() -> range.get() == HistoryRange.LIVE, range);
    private long generation;
    private Instant loadedAt = Instant.MIN;

    /**
     * @param swarm the swarm whose history to show, "*" for every swarm; a change reloads a shown range
     */
    public HistoryViewModel(NodeModel node, ObservableValue<String> swarm) {
        this.node = node;
        this.swarm = swarm;
        range.addListener((obs, old, now) -> reload());
        swarm.addListener((obs, old, now) -> reload());
        node.snapshotProperty().addListener((obs, old, s) -> {
            if (!live.get() && !loading.get() && loadedAt.plus(RELOAD_AFTER).isBefore(Instant.now())) {
                reload();
            }
        });
    }

    public ObjectProperty<HistoryRange> rangeProperty() {
        return range;
    }

    /** True while the live window is picked, when the page shows its live figures instead. */
    public BooleanBinding liveProperty() {
        return live;
    }

    /** The history on show; null while live or before the first load of a range. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What is shown, or why nothing is. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Reads the picked range again, ending now. */
    public void reload() {
        FxThread.require("a history load");
        long asked = ++generation;
        HistoryRange r = range.get();
        if (r.span().isEmpty()) {
            loading.set(false);
            shown.set(null);
            status.set("");
            return;
        }
        String s = swarm.getValue() == null ? "*" : swarm.getValue();
        Instant to = Instant.now();
        loading.set(true);
        status.set("Loading " + r.label() + "…");
        node.loadTrafficHistory(s, to.minus(r.span().get()), to, POINTS, h -> {
            if (asked == generation) {
                loadedAt = Instant.now();
                shown.set(new Shown(r, h, NatPairs.mostTried(h.natPairs(), NatPairs.CHARTED)));
                loading.set(false);
                status.set(describe(r, h));
            }
        }, why -> {
            if (asked == generation) {
                loadedAt = Instant.now();
                loading.set(false);
                status.set("The history cannot be read: " + why);
            }
        });
    }

    private static String describe(HistoryRange r, TrafficHistory h) {
        if (h.points().isEmpty()) {
            return "No beacons were stored in the last " + r.label() + ".";
        }
        // In doubles: the steps' sums may add up past the largest long.
        double http = h.points().stream().mapToDouble(p -> p.httpBytes()).sum();
        double p2p = h.points().stream().mapToDouble(p -> p.p2pBytes()).sum();
        double offload = http + p2p == 0 ? 0 : p2p / (http + p2p);
        return "Last " + r.label() + " in steps of " + step(h.stepSeconds()) + ": "
                + Format.bytes(p2p) + " from peers saved the origin (" + Format.percent(offload) + " offload), "
                + Format.bytes(http) + " over HTTP.";
    }

    private static String step(long seconds) {
        if (seconds % 86400 == 0) {
            return seconds / 86400 + " d";
        }
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }

    /** Writes what is shown as CSV to {@code file}; false, with the reason in the status, when it cannot. */
    public boolean export(Path file) {
        Shown s = shown.get();
        if (s == null) {
            status.set("Pick a stored range to export.");
            return false;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            HistoryCsv.write(s.history(), s.pairs(), w);
            status.set("Exported " + s.history().points().size() + " steps to " + file + ".");
            return true;
        } catch (IOException | RuntimeException e) {
            status.set("Cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }
}
