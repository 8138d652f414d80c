package org.webp2p.ui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows of a live table, matched by key across snapshots: a known key updates its row in place, a
 * new key adds one, a missing key removes one. FX thread only.
 *
 * @param <R> the immutable content of a row
 */
public final class LiveRows<R> {
    private final Function<R, String> key;
    // The extractor turns a row's new content into an update event, so sorted and filtered views
    // of the rows re-sort and re-filter as figures change, not only when rows come and go.
    private final ObservableList<LiveRow<R>> rows =
            FXCollections.observableArrayList(row -> new Observable[] {row.valueProperty()});
    private final Map<String, LiveRow<R>> byKey = new HashMap<>();

    public LiveRows(Function<R, String> key) {
        this.key = key;
    }

    /** Makes the rows hold exactly {@code fresh}, in its order for rows that are new. */
    public void apply(List<R> fresh) {
        Set<String> seen = new HashSet<>();
        for (R content : fresh) {
            String k = key.apply(content);
            seen.add(k);
            LiveRow<R> row = byKey.get(k);
            if (row == null) {
                row = new LiveRow<>(k, content);
                byKey.put(k, row);
                rows.add(row);
            } else if (!row.get().equals(content)) {
                row.set(content);
            }
        }
        if (seen.size() < byKey.size()) {
            byKey.keySet().retainAll(seen);
            rows.removeIf(r -> !seen.contains(r.key()));
        }
    }

    public ObservableList<LiveRow<R>> rows() {
        return rows;
    }

    public Optional<R> find(String k) {
        return Optional.ofNullable(byKey.get(k)).map(LiveRow::get);
    }
}
