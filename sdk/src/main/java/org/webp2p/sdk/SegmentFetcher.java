package org.webp2p.sdk;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.webp2p.sdk.abr.AbandonRule;
import org.webp2p.sdk.abr.DownloadWatch;
import org.webp2p.sdk.abr.ThroughputMeter;
import org.webp2p.sdk.control.PingbackReporter;
import org.webp2p.sdk.diagnostics.Diagnostics;
import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.fetch.Availability;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.FetchAction;
import org.webp2p.sdk.fetch.SegmentScheduler;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.sdk.http.HttpDownload;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.http.HttpResult;
import org.webp2p.sdk.peer.PeerEvents;
import org.webp2p.sdk.peer.PeerNetwork;
import org.webp2p.sdk.playback.Playback;

/**
 * The player source's data path: carries out what the scheduler decides (origin fetches, peer
 * requests and cancels), checks every segment from a peer against the digest the origin published,
 * stores what passes, and tells the scheduler, the player and the peers. Counts the bytes from
 * each side: from the origin, everything its answers took on the wire (segments, and through
 * {@link #fromOrigin} playlists and init segments, headers included), as the origin sends and a CDN
 * bills them; from peers, only checked bytes, which alone count as offload.
 *
 * <p>Loop-confined, like the source: answers from the network hop back onto the loop, and the
 * peer network calls it there. The byte counts may be added to and read from any thread.
 */
final class SegmentFetcher implements PeerEvents, Availability {
    private final EventLoop loop;
    private final LongSupplier clock;
    private final HttpFetcher http;
    private final Duration timeout;
    private final SegmentStore store;
    private final SegmentScheduler scheduler;
    private final Playback player;
    private final Diagnostics diagnostics;
    private final PingbackReporter pingback;
    private final LongConsumer heardOf;
    private final ThroughputMeter throughput;
    private final DownloadWatch downloads = new DownloadWatch(AbandonRule.defaults());
    /** When each segment under way was first asked for, from the origin or a peer. */
    private final TreeMap<Long, Long> askedAt = new TreeMap<>();
    private PeerNetwork peers;
    private final LongAdder httpBytes = new LongAdder();
    private final LongAdder p2pBytes = new LongAdder();
    private final LongAdder mediaBytes = new LongAdder();
    private final LongAdder mediaMs = new LongAdder();

    /**
     * @param pingback where bytes are counted for beacons, or null without pingback
     * @param heardOf  hears of segments peers hold past the playlist's end
     * @param throughput measures each segment stored, from its size and the time since it was asked for
     */
    SegmentFetcher(EventLoop loop, LongSupplier clockMs, HttpFetcher http, Duration timeout, SegmentStore store, SegmentScheduler scheduler,
                   Playback player, Diagnostics diagnostics, PingbackReporter pingback, LongConsumer heardOf,
                   ThroughputMeter throughput) {
        this.throughput = throughput;
        this.loop = loop;
        this.clock = clockMs;
        this.http = http;
        this.timeout = timeout;
        this.store = store;
        this.scheduler = scheduler;
        this.player = player;
        this.diagnostics = diagnostics;
        this.pingback = pingback;
        this.heardOf = heardOf;
    }

    /** From now on, segments may come from these peers, and each one stored is announced to them. */
    void usePeers(PeerNetwork network) {
        this.peers = network;
    }

    void carryOut(FetchAction action) {
        assert loop.inEventLoop();
        if (!(action instanceof FetchAction.CancelPeer)) {
            askedAt.putIfAbsent(action.sequence(), clock.getAsLong());
        }
        if (action instanceof FetchAction.FromHttp h) {
            fetchHttp(h);
        } else if (action instanceof FetchAction.FromPeer f) {
            peers.request(f.peerId(), f.sequence(), store.listed(f.sequence()).digest().bytes());
        } else if (action instanceof FetchAction.CancelPeer c) {
            byte[] prefix = peers.cancel(c.peerId(), c.sequence());
            if (prefix.length > 0) {
                store.keepPartial(c.sequence(), prefix);
            }
        }
    }

    /**
     * Fetches a segment from the origin; after a slow peer, only the part it did not deliver, and
     * the whole is checked against the digest since its start came from the peer. The download is
     * watched until it ends, so one that would come too late can be abandoned ({@link #abandonLate}).
     * One that arrives after a switch to another rendition plays, but is not offered to peers.
     */
    private void fetchHttp(FetchAction.FromHttp h) {
        MediaPlaylist.Segment s = store.listed(h.sequence());
        byte[] prefix = store.takePartial(h.sequence());
        if (s == null) {
            scheduler.httpFailed(h.sequence());
            return;
        }
        long from = prefix != null && prefix.length == h.fromByte() ? h.fromByte() : 0;
        int rendition = store.rendition();
        HttpDownload download = http.download(s.uri(), from, timeout);
        downloads.started(h.sequence(), download, rendition, s.durationMs(), clock.getAsLong());
        download.result().whenCompleteAsync((r, failure) -> {
            downloads.ended(h.sequence(), download);
            if (r != null) {
                fromOrigin(r);
            }
            if (failure != null || !r.ok()) {
                scheduler.httpFailed(h.sequence());
                return;
            }
            if (store.holds(h.sequence())) {
                return; // arrived another way meanwhile
            }
            // A 200 instead of 206 is the whole segment: the origin ignored the range.
            boolean continued = from > 0 && r.status() == 206;
            byte[] body = continued ? concat(prefix, r.body()) : r.body();
            if (continued && s.digest() != null && !s.digest().matches(body)) {
                scheduler.httpFailed(h.sequence());
                return;
            }
            if (continued) {
                countP2p(prefix.length);
            }
            stored(h.sequence(), body, rendition == store.rendition());
        }, loop);
    }

    /** What the origin downloads under way deliver now, in bit/s; 0 if none has run long enough to tell. */
    double flowingBps(long nowMs) {
        return downloads.flowingBps(nowMs);
    }

    /**
     * Abandons the origin downloads that would arrive after their segment plays where a lower
     * rendition's copy would come sooner ({@link AbandonRule}); each fails, and its segment is planned
     * again. What they received counts as origin bytes: the origin sent it. The caller switches down.
     *
     * @param bandwidths    each rendition's peak bitrate, lowest first
     * @param msUntilNeeded playback time until a segment plays
     */
    List<DownloadWatch.Abandon> abandonLate(long nowMs, List<Long> bandwidths, LongUnaryOperator msUntilNeeded) {
        List<DownloadWatch.Abandon> late = downloads.check(nowMs, bandwidths, msUntilNeeded);
        for (DownloadWatch.Abandon a : late) {
            a.transfer().abandon();
            // The segment's next fetch is timed from its own request, not this one's.
            askedAt.remove(a.sequence());
            countOrigin(a.bodyBytes());
        }
        return late;
    }

    /** A segment the player asked for and waited on too long: straight from the origin, stored on the way. */
    CompletableFuture<byte[]> fetchForPlayer(MediaPlaylist.Segment s) {
        return http.get(s.uri(), timeout).thenApplyAsync(r -> {
            fromOrigin(r);
            if (!r.ok()) {
                throw new CompletionException(new IOException("origin answered " + r.status() + " for " + s.uri()));
            }
            if (!store.holds(s.sequence())) {
                stored(s.sequence(), r.body(), true);
            }
            return r.body();
        }, loop);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * Counts an origin answer as HTTP bytes, whatever it was (segment, playlist, init segment, even an
     * error): every byte of it, headers included, left the origin. Any thread.
     */
    void fromOrigin(HttpResult answer) {
        countOrigin(answer.wireBytes());
    }

    private void countOrigin(long bytes) {
        httpBytes.add(bytes);
        if (pingback != null) {
            pingback.httpBytes(bytes);
        }
    }

    /** Bytes from peers that passed the digest check: only those count as offload. */
    private void countP2p(int bytes) {
        p2pBytes.add(bytes);
        if (pingback != null) {
            pingback.p2pBytes(bytes);
        }
    }

    /** @param current whether it is of the rendition followed now: only those are offered to peers */
    private void stored(long sequence, byte[] body, boolean current) {
        MediaPlaylist.Segment listed = store.listed(sequence);
        if (listed != null) {
            mediaBytes.add(body.length);
            mediaMs.add(listed.durationMs());
        }
        Long asked = askedAt.remove(sequence);
        if (asked != null) {
            throughput.sample(body.length, clock.getAsLong() - asked);
        }
        askedAt.headMap(sequence).clear();
        store.store(sequence, body, current);
        scheduler.completed(sequence, clock.getAsLong(), body.length);
        player.arrived(sequence);
        if (peers != null && current) {
            peers.announce(sequence);
        }
    }

    long httpBytes() {
        return httpBytes.sum();
    }

    long p2pBytes() {
        return p2pBytes.sum();
    }

    /** The media bitrate of the segments stored so far, in kbit/s; 0 before the first. */
    double mediaKbps() {
        long ms = mediaMs.sum();
        return ms == 0 ? 0 : mediaBytes.sum() * 8.0 / ms;
    }

    /** Peers that hold a segment; only segments with a published digest are taken from peers. */
    @Override
    public Set<String> holders(long sequence) {
        MediaPlaylist.Segment s = store.listed(sequence);
        return peers == null || s == null || s.digest() == null ? Set.of() : peers.holders(sequence);
    }

    @Override
    public void segment(String peer, long sequence, byte[] body) {
        MediaPlaylist.Segment listed = store.listed(sequence);
        if (listed == null || store.holds(sequence)) {
            return; // slid out of the window, or arrived another way meanwhile
        }
        if (listed.digest() == null || !listed.digest().matches(body)) {
            scheduler.peerFailed(sequence, peer, FallbackReason.CORRUPT, clock.getAsLong());
            peers.drop(peer, "segment " + sequence + " (" + body.length + " bytes) does not match the digest "
                    + "the origin published");
            return;
        }
        countP2p(body.length);
        stored(sequence, body, true);
    }

    @Override
    public void progress(String peer, long sequence, long bytes) {
        scheduler.peerProgress(sequence, bytes);
    }

    @Override
    public void transferFailed(String peer, long sequence, FallbackReason reason) {
        scheduler.peerFailed(sequence, peer, reason, clock.getAsLong());
    }

    @Override
    public void peerFailed(PeerConnectionFailure failure) {
        diagnostics.peerConnectionFailed(failure);
    }

    @Override
    public void heardOf(long sequence) {
        heardOf.accept(sequence);
    }
}
