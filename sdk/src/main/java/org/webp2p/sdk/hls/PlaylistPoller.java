package org.webp2p.sdk.hls;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.sdk.http.HttpResult;
import org.webp2p.sdk.time.Alarm;
import org.webp2p.sdk.time.AlarmClock;

/**
 * Keeps a live media playlist fresh: fetches it at once, then every half target duration (never
 * more often than every 500 ms) so a new segment is seen soon after the origin lists it, and
 * sooner when a peer already holds a segment past the playlist's end. A playlist that has ended
 * is not fetched again. One fetch at a time; a failed one is retried after a second on the first
 * playlist, half a target duration later on. Each poll is conditional on the entity tag of the
 * playlist last fetched from that address, so a poll that finds nothing new costs a bodiless 304
 * rather than the whole playlist: with 1 s segments half the polls find nothing, and a 6-segment
 * playlist with its digests and dates is about 1.5 KB, which 50 viewers polling twice a second would
 * otherwise take from the origin beside the segments peers spare it.
 *
 * <p>Does no I/O itself: {@code fetch} does, and its answer is handled on the clock's owner thread,
 * where every method here must be called.
 */
public final class PlaylistPoller {
    private static final Logger log = LoggerFactory.getLogger(PlaylistPoller.class);
    public static final long FIRST_RETRY_MS = 1_000;
    static final long MIN_INTERVAL_MS = 500;
    private static final int NOT_MODIFIED = 304;

    private final AlarmClock clock;
    private final Supplier<URI> uri;
    private final BiFunction<URI, @Nullable String, CompletableFuture<HttpResult>> fetch;
    private final Consumer<MediaPlaylist> onPlaylist;
    private final Alarm pollAlarm;
    private MediaPlaylist latest;
    /** The entity tag of {@link #latest} and the address it came from, for the next conditional poll. */
    private @Nullable String latestEtag;
    private @Nullable URI latestFrom;
    private boolean inFlight;
    private boolean stopped;
    /** The last reason a playlist was refused, so a broken origin is warned about once, not per poll. */
    private String refusal;

    /**
     * @param uri        the playlist's address, read at each poll (a renewed plan may move it)
     * @param fetch      GETs a URI unless it still has the entity tag given (null: unconditionally), when
     *                   it answers 304; may complete on any thread
     * @param onPlaylist hears each playlist fetched and parsed, on the owner thread
     */
    public PlaylistPoller(AlarmClock clock, Supplier<URI> uri,
                          BiFunction<URI, @Nullable String, CompletableFuture<HttpResult>> fetch,
                          Consumer<MediaPlaylist> onPlaylist) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.onPlaylist = Objects.requireNonNull(onPlaylist, "onPlaylist");
        this.pollAlarm = new Alarm(clock, "playlist", this::onPollAlarm);
    }

    /** Fetches the playlist now and keeps it fresh from then on. */
    public void start() {
        assert clock.inOwnerThread();
        if (!stopped && !inFlight) {
            pollAlarm.setIn(0);
        }
    }

    /**
     * Starts with a playlist fetched already from {@code asked} (the entry playlist, read to learn
     * whether it is a master one), and keeps it fresh from then on.
     */
    public void startWith(URI asked, HttpResult first) {
        assert clock.inOwnerThread();
        if (!stopped && !inFlight) {
            answered(asked, first, null);
        }
    }

    /**
     * Fetches the playlist now, as its address changed (another rendition); with a fetch in flight,
     * as soon as it answers, since that answer is of the old address.
     */
    public void refresh() {
        assert clock.inOwnerThread();
        if (!stopped && !inFlight) {
            pollAlarm.ringWithin(0);
        }
    }

    /** A peer holds {@code sequence}: past the latest playlist's end, the origin has a newer one. */
    public void heardOf(long sequence) {
        assert clock.inOwnerThread();
        if (latest != null && sequence > latest.lastSequence() && !latest.ended()) {
            pollAlarm.ringWithin(0);
        }
    }

    /** The newest playlist fetched, or null before the first. */
    public @Nullable MediaPlaylist latest() {
        assert clock.inOwnerThread();
        return latest;
    }

    /** Fetches no more; a fetch in flight is ignored when it answers. */
    public void stop() {
        stopped = true;
        pollAlarm.cancel();
    }

    private void onPollAlarm() {
        inFlight = true;
        URI target = null;
        CompletableFuture<HttpResult> answer;
        try {
            target = uri.get();
            answer = fetch.apply(target, target.equals(latestFrom) ? latestEtag : null);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        URI asked = target;
        answer.whenCompleteAsync((r, failure) -> answered(asked, r, failure), clock);
    }

    private void answered(URI asked, HttpResult r, Throwable failure) {
        inFlight = false;
        if (stopped) {
            return;
        }
        if (moved(asked)) {
            // The address changed while this fetch was under way (another rendition): the answer is stale.
            pollAlarm.setIn(0);
            return;
        }
        pollAlarm.setIn(latest == null ? FIRST_RETRY_MS : interval(latest));
        if (failure == null && r.status() == NOT_MODIFIED) {
            return;
        }
        if (failure != null || !r.ok()) {
            log.debug("playlist {} not fetched: {}", asked, failure != null ? failure.toString() : r.status());
            return;
        }
        MediaPlaylist fresh;
        try {
            fresh = MediaPlaylist.parse(r.text(), asked);
        } catch (IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(refusal)) {
                log.warn("playlist {} is not valid HLS: {}", asked, why);
            }
            refusal = why;
            return;
        }
        refusal = null;
        latest = fresh;
        latestEtag = r.etag();
        latestFrom = asked;
        if (fresh.ended()) {
            pollAlarm.cancel();
        } else {
            pollAlarm.setIn(interval(fresh));
        }
        try {
            onPlaylist.accept(fresh);
        } catch (RuntimeException e) {
            clock.failed(pollAlarm.name(), e);
        }
    }

    private boolean moved(URI asked) {
        try {
            return asked != null && !asked.equals(uri.get());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long interval(MediaPlaylist p) {
        return Math.max(MIN_INTERVAL_MS, p.targetDurationMs() / 2);
    }
}
