package org.webp2p.sdk.session;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.webp2p.protocol.tracker.AnnounceEvent;
import org.webp2p.sdk.time.Alarm;
import org.webp2p.sdk.time.AlarmClock;

/**
 * Keeps this client listed in its swarm's tracker: {@code join} when started, {@code update} every
 * 15 s, or every 3 s while the client is short of peers so it meets the swarm sooner, and at once
 * when something peers are matched on changes (its NAT type, its peer network coming up);
 * {@code leave} when it stops.
 *
 * <p>Does no I/O itself: {@code announce} does, and handles the tracker's answer. Owner-thread
 * only, like its clock.
 */
public final class TrackerAnnouncer {
    static final long INTERVAL_MS = 15_000;
    static final long SHORT_OF_PEERS_INTERVAL_MS = 3_000;

    private final AlarmClock clock;
    private final Function<AnnounceEvent, CompletableFuture<?>> announce;
    private final BooleanSupplier shortOfPeers;
    private final Alarm announceAlarm;
    private boolean joined;
    private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);

    /**
     * @param announce     sends one announce with the event ({@code join}, {@code update} or {@code leave})
     * @param shortOfPeers whether this client has fewer peers than it wants
     */
    public TrackerAnnouncer(AlarmClock clock, Function<AnnounceEvent, CompletableFuture<?>> announce,
                            BooleanSupplier shortOfPeers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.announce = Objects.requireNonNull(announce, "announce");
        this.shortOfPeers = Objects.requireNonNull(shortOfPeers, "shortOfPeers");
        this.announceAlarm = new Alarm(clock, "tracker announce", this::onAnnounceAlarm);
    }

    /** Joins the swarm now, and keeps announcing. */
    public void start() {
        announceAlarm.setIn(0);
    }

    /** Announces now rather than at the next interval, once joined; before that, the join tells all. */
    public void soon() {
        assert clock.inOwnerThread();
        announceAlarm.ringWithin(0);
    }

    /**
     * The swarm changed (another rendition): the next announce, sent now, joins the new one. Leaving
     * the old one is the caller's, as only it knows that swarm's name.
     */
    public void rejoin() {
        assert clock.inOwnerThread();
        joined = false;
        announceAlarm.ringWithin(0);
    }

    /** Announces no more, and tells the tracker this client leaves; the future says when it is told. */
    public CompletableFuture<?> leave() {
        announceAlarm.cancel();
        // Separate requests may overtake each other: a join still on its way would list this client
        // again after the tracker had let it go, so the leave waits for it.
        return inFlight.handle((answer, failure) -> null).thenCompose(ignored -> announce.apply(AnnounceEvent.LEAVE));
    }

    private void onAnnounceAlarm() {
        announceAlarm.setIn(shortOfPeers.getAsBoolean() ? SHORT_OF_PEERS_INTERVAL_MS : INTERVAL_MS);
        inFlight = announce.apply(joined ? AnnounceEvent.UPDATE : AnnounceEvent.JOIN);
        joined = true;
    }
}
