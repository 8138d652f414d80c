package org.webp2p.ui.nat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.NatPairStat;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.server.stun.StunService;
import org.webp2p.ui.Format;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.LiveRows;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/**
 * The NAT page: how often peers of each NAT type reached peers of each other type (from clients'
 * beacons over pingback's window), which types the live peers have, and the STUN service's counters.
 */
public final class NatViewModel {
    /** One STUN counter. */
    public record Counter(String name, long value) {
    }

    private final Map<NatType, Map<NatType, NatCellViewModel>> cells = new EnumMap<>(NatType.class);
    /** LAN links made by peers of a type (the LAN column) and to peers of a type (the LAN row). */
    private final Map<NatType, NatCellViewModel> lanFrom = new EnumMap<>(NatType.class);
    private final Map<NatType, NatCellViewModel> lanTo = new EnumMap<>(NatType.class);
    private final NatCellViewModel lanAll = new NatCellViewModel(null, null);
    private final ReadOnlyObjectWrapper<Map<NatType, Long>> peerTypes = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("-");
    private final LiveRows<Counter> stun = new LiveRows<>(Counter::name);
    private final ConnectivityViewModel connectivity;

    public NatViewModel(NodeModel node) {
        this.connectivity = new ConnectivityViewModel(node);
        for (NatType local : NatType.values()) {
            Map<NatType, NatCellViewModel> row = new EnumMap<>(NatType.class);
            for (NatType remote : NatType.values()) {
                row.put(remote, new NatCellViewModel(local, remote));
            }
            cells.put(local, row);
            lanFrom.put(local, new NatCellViewModel(local, null));
            lanTo.put(local, new NatCellViewModel(null, local));
        }
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the NAT view model's update");
        List<NatPairStat> pairs = s.global().natPairs();
        Map<List<NatType>, NatPairStat> byPair = pairs.stream()
                .collect(Collectors.toMap(p -> List.of(p.local(), p.remote()), Function.identity()));
        cells.forEach((local, row) -> row.forEach((remote, cell) -> {
            NatPairStat p = byPair.get(List.of(local, remote));
            cell.apply(p == null ? 0 : p.attempts(), p == null ? 0 : p.successes());
        }));
        for (NatType t : NatType.values()) {
            lanFrom.get(t).applyLan(sum(pairs, p -> p.local() == t, NatPairStat::lan),
                    sum(pairs, p -> p.local() == t, NatPairStat::successes));
            lanTo.get(t).applyLan(sum(pairs, p -> p.remote() == t, NatPairStat::lan),
                    sum(pairs, p -> p.remote() == t, NatPairStat::successes));
        }
        lanAll.applyLan(sum(pairs, p -> true, NatPairStat::lan), sum(pairs, p -> true, NatPairStat::successes));
        long attempts = pairs.stream().mapToLong(NatPairStat::attempts).sum();
        long successes = pairs.stream().mapToLong(NatPairStat::successes).sum();
        long lan = pairs.stream().mapToLong(NatPairStat::lan).sum();
        totals.set(attempts == 0 ? "No connection attempts reported in the window"
                : successes + " of " + attempts + " connection attempts succeeded ("
                + Format.percent((double) successes / attempts) + ")"
                + (lan == 0 ? "" : ", " + lan + " of them LAN links between peers behind one NAT"));

        Map<NatType, Long> types = new EnumMap<>(NatType.class);
        for (NatType t : NatType.values()) {
            types.put(t, 0L);
        }
        s.peers().stream().map(PeerRecord::natType).forEach(t -> types.merge(t, 1L, Long::sum));
        peerTypes.set(types);

        // Sorted, because a status's metrics map has no order and the rows would come up shuffled.
        stun.apply(s.metrics(StunService.NAME).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Counter(e.getKey(), e.getValue().longValue())).toList());
    }

    private static long sum(List<NatPairStat> pairs, Predicate<NatPairStat> which, ToLongFunction<NatPairStat> what) {
        return pairs.stream().filter(which).mapToLong(what).sum();
    }

    /**
     * A cell of the LAN row or column: LAN links made by {@code local} peers (remote null), to
     * {@code remote} peers (local null), or by all (both null).
     */
    public NatCellViewModel lanCell(@Nullable NatType local, @Nullable NatType remote) {
        if (local != null && remote != null) {
            throw new IllegalArgumentException("a LAN cell has the LAN on one side at least");
        }
        return local != null ? lanFrom.get(local) : remote != null ? lanTo.get(remote) : lanAll;
    }

    /** The cell for connections from {@code local} peers to {@code remote} peers. */
    public NatCellViewModel cell(NatType local, NatType remote) {
        return cells.get(local).get(remote);
    }

    /** Live peers of each NAT type, every type present. */
    public ReadOnlyObjectProperty<Map<NatType, Long>> peerTypesProperty() {
        return peerTypes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** The connectivity check run from this machine against the node. */
    public ConnectivityViewModel connectivity() {
        return connectivity;
    }

    public ObservableList<LiveRow<Counter>> stunCounters() {
        return stun.rows();
    }
}
