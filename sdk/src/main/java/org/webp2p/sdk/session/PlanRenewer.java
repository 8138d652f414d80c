package org.webp2p.sdk.session;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.sdk.time.Alarm;
import org.webp2p.sdk.time.AlarmClock;

/**
 * Asks the API for a fresh plan now and then: P2P may have been switched on as the swarm grew, or
 * off, and the rendezvous nodes may have moved. As often as beacons (at least a second apart), and
 * every 3 s at most while P2P is off, since a growing swarm is what turns it on. A failed renewal
 * keeps the last plan; the next one is asked for on time regardless.
 *
 * <p>Does no I/O itself: {@code renew} does. Owner-thread only, like its clock.
 */
public final class PlanRenewer {
    private static final Logger log = LoggerFactory.getLogger(PlanRenewer.class);
    static final long MIN_INTERVAL_MS = 1_000;
    static final long RENEW_WHILE_OFF_MS = 3_000;

    private final AlarmClock clock;
    private final Supplier<SessionPlan> plan;
    private final Function<String, CompletableFuture<SessionPlan>> renew;
    private final Consumer<SessionPlan> onRenewed;
    private final Alarm renewAlarm;
    private boolean stopped;

    /**
     * @param plan      the plan in force, which sets the interval and names the session
     * @param renew     asks the API for the session's plan by its id; may complete on any thread
     * @param onRenewed hears each fresh plan, on the owner thread
     */
    public PlanRenewer(AlarmClock clock, Supplier<SessionPlan> plan,
                       Function<String, CompletableFuture<SessionPlan>> renew, Consumer<SessionPlan> onRenewed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.renew = Objects.requireNonNull(renew, "renew");
        this.onRenewed = Objects.requireNonNull(onRenewed, "onRenewed");
        this.renewAlarm = new Alarm(clock, "plan renewal", this::onRenewAlarm);
    }

    /** Renews one interval from now, and on from then. */
    public void start() {
        if (!stopped) {
            renewAlarm.setIn(interval(plan.get()));
        }
    }

    /** Renews no more; a renewal in flight is ignored when it answers. */
    public void stop() {
        stopped = true;
        renewAlarm.cancel();
    }

    /** How long a plan stays in force before it is renewed. */
    static long interval(SessionPlan p) {
        long beacons = Math.max(MIN_INTERVAL_MS, p.pingbackIntervalMs());
        return p.p2p().enabled() ? beacons : Math.min(beacons, RENEW_WHILE_OFF_MS);
    }

    private void onRenewAlarm() {
        SessionPlan current = plan.get();
        renewAlarm.setIn(interval(current));
        renew.apply(current.sessionId()).whenCompleteAsync((fresh, failure) -> {
            if (stopped) {
                return;
            }
            if (failure != null) {
                log.debug("plan not renewed, keeping the last one: {}", failure.toString());
                return;
            }
            try {
                onRenewed.accept(fresh);
            } catch (RuntimeException e) {
                clock.failed(renewAlarm.name(), e);
            }
        }, clock);
    }
}
