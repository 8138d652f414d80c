package org.webp2p.server.pingback;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One try at storing a batch of beacons. A batch the database refuses for its data (SQL state class
 * 22, data exception, or 23, integrity constraint) is split in halves until the beacons it refuses are
 * alone: those are dropped, the rest stored. Any other failure (the database down, a lock timeout)
 * says nothing about the beacons, so the part it hit is kept whole for the next try.
 */
final class StoreAttempt {
    private final BeaconStore store;
    private final List<BeaconStore.Received> dropped = new ArrayList<>();
    private final List<BeaconStore.Received> retry = new ArrayList<>();
    private int stored;
    private @Nullable SQLException badData;
    private @Nullable SQLException failure;

    private StoreAttempt(BeaconStore store) {
        this.store = store;
    }

    /** Stores what it can of {@code batch}; see the class comment. */
    static StoreAttempt of(BeaconStore store, List<BeaconStore.Received> batch) {
        StoreAttempt a = new StoreAttempt(store);
        if (!batch.isEmpty()) {
            a.write(batch);
        }
        return a;
    }

    private void write(List<BeaconStore.Received> part) {
        try {
            store.write(part);
            stored += part.size();
        } catch (SQLException e) {
            if (!refusesTheData(e)) {
                failure = e;
                retry.addAll(part);
            } else if (part.size() == 1) {
                badData = e;
                dropped.add(part.get(0));
            } else {
                int half = part.size() / 2;
                write(part.subList(0, half));
                write(part.subList(half, part.size()));
            }
        }
    }

    /** Whether the database refused the values themselves, rather than failing to take any. */
    static boolean refusesTheData(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    String state = x.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    int stored() {
        return stored;
    }

    /** Beacons the database refused one by one: they would fail every time. */
    List<BeaconStore.Received> dropped() {
        return dropped;
    }

    /** Beacons kept for the next try, oldest first. */
    List<BeaconStore.Received> retry() {
        return retry;
    }

    /** Why the last beacon was dropped, if one was. */
    @Nullable SQLException badData() {
        return badData;
    }

    /** Why beacons are kept for another try, if some are. */
    @Nullable SQLException failure() {
        return failure;
    }
}
