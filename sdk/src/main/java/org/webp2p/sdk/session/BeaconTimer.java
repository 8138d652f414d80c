package org.webp2p.sdk.session;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.webp2p.sdk.time.Alarm;
import org.webp2p.sdk.time.AlarmClock;

/**
 * When beacons go to pingback: the first as soon as playback is under way, then one every interval
 * the plan in force gives (at least a second apart), and a last one when the client stops, so the
 * server has its whole session. What a beacon carries is the reporter's business.
 *
 * <p>Does no I/O itself: {@code report} does. Owner-thread only, like its clock.
 */
public final class BeaconTimer {
    static final long MIN_INTERVAL_MS = 1_000;

    private final Alarm beaconAlarm;
    private final LongSupplier intervalMs;
    private final Supplier<CompletableFuture<?>> report;

    /**
     * @param intervalMs the plan's beacon interval, read before each beacon
     * @param report     sends one beacon
     */
    public BeaconTimer(AlarmClock clock, LongSupplier intervalMs, Supplier<CompletableFuture<?>> report) {
        this.intervalMs = Objects.requireNonNull(intervalMs, "intervalMs");
        this.report = Objects.requireNonNull(report, "report");
        this.beaconAlarm = new Alarm(clock, "beacon", this::onBeaconAlarm);
    }

    /** Sends a beacon now, and on every interval. */
    public void start() {
        beaconAlarm.setIn(0);
    }

    /** Sends the last beacon; the future says when pingback has it. */
    public CompletableFuture<?> last() {
        beaconAlarm.cancel();
        return report.get();
    }

    private void onBeaconAlarm() {
        beaconAlarm.setIn(Math.max(MIN_INTERVAL_MS, intervalMs.getAsLong()));
        report.get();
    }
}
