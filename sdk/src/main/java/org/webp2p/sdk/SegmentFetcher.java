package org.webp2p.sdk;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
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
import org.webp2p.sdk.fetch.PartialSegment;
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
            int total = (int) store.listed(f.sequence()).digest().bytes();
            peers.request(f.peerId(), f.sequence(), total, f.offset(),
                    f.end() == FetchAction.FromPeer.TO_END ? total : f.end());
        } else if (action instanceof FetchAction.CancelPeer c) {
            peers.cancel(c.peerId(), c.sequence());
        }
    }

    /**
     * Fetches a segment from the origin; after slow peers, only the ranges they did not deliver, a
     * range request each, and the assembled whole is checked against the digest. The download (of
     * several, the largest) is watched until it ends, so one that would come too late can be
     * abandoned ({@link #abandonLate}). One that arrives after a switch to another rendition plays,
     * but is not offered to peers.
     */
    private void fetchHttp(FetchAction.FromHttp h) {
        long seq = h.sequence();
        MediaPlaylist.Segment s = store.listed(seq);
        if (s == null) {
            scheduler.httpFailed(seq);
            return;
        }
        int rendition = store.rendition();
        PartialSegment partial = store.peekPartial(seq);
        if (partial == null || partial.filledBytes() == 0) {
            watched(seq, s, http.download(s.uri(), 0, timeout), rendition).whenCompleteAsync((r, failure) -> {
                if (answered(seq, r, failure) && !store.holds(seq)) {
                    stored(seq, r.body(), rendition == store.rendition());
                }
            }, loop);
            return;
        }
        List<PartialSegment.Range> missingRanges = partial.missing();
        PartialSegment.Range largest = missingRanges.stream()
                .max(Comparator.comparingInt(m -> m.end() - m.from())).orElseThrow();
        for (PartialSegment.Range missing : missingRanges) {
            HttpDownload download = http.download(s.uri(), missing.from(), missing.end(), timeout);
            CompletableFuture<HttpResult> result = missing == largest ? watched(seq, s, download, rendition)
                    : download.result();
            result.whenCompleteAsync((r, failure) -> {
                if (!answered(seq, r, failure) || store.holds(seq)) {
                    return;
                }
                if (r.status() != 206) {
                    // the origin ignored the range and sent the whole segment
                    stored(seq, r.body(), rendition == store.rendition());
                } else if (store.peekPartial(seq) == partial && r.body().length == missing.end() - missing.from()) {
                    partial.fill(missing.from(), r.body(), null);
                    if (partial.complete()) {
                        assembled(seq, partial);
                    }
                } else {
                    store.takePartial(seq);
                    scheduler.httpFailed(seq);
                }
            }, loop);
        }
    }

    /** Watches an origin download until it ends, on the loop, where the watch lives. */
    private CompletableFuture<HttpResult> watched(long seq, MediaPlaylist.Segment s, HttpDownload download,
                                                  int rendition) {
        downloads.started(seq, download, rendition, s.durationMs(), clock.getAsLong());
        return download.result().whenCompleteAsync((r, failure) -> downloads.ended(seq, download), loop);
    }

    /** Counts an origin answer; true if it is a success to use, else the scheduler is told it failed. */
    private boolean answered(long seq, HttpResult r, Throwable failure) {
        if (r != null) {
            fromOrigin(r);
        }
        if (failure != null || !r.ok()) {
            scheduler.httpFailed(seq);
            return false;
        }
        return true;
    }

    /**
     * A segment put together from parts is complete: it is stored if it matches its digest. If not, it
     * is thrown away and fetched afresh, never from the peers that took part; a peer is disconnected
     * only when the bad bytes can only have been its own.
     */
    private void assembled(long seq, PartialSegment partial) {
        store.takePartial(seq);
        MediaPlaylist.Segment listed = store.listed(seq);
        byte[] body = partial.bytes();
        if (listed.digest() != null && listed.digest().matches(body)) {
            countP2p(body.length - partial.originBytes());
            stored(seq, body, true); // parts are of the rendition followed: a switch throws them away
            return;
        }
        Set<String> contributors = partial.contributors();
        scheduler.discarded(seq, contributors, FallbackReason.CORRUPT);
        if (contributors.size() == 1) {
            peers.drop(contributors.iterator().next(), "segment " + seq + " (" + body.length + " bytes, "
                    + (body.length - partial.originBytes()) + " of them from this peer) does not match the digest "
                    + "the origin published");
        }
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

    /** The segment's size as its digest gives it; a segment without one is not fetched from peers at all. */
    @Override
    public int bytes(long sequence) {
        MediaPlaylist.Segment s = store.listed(sequence);
        return s == null || s.digest() == null ? 0 : (int) s.digest().bytes();
    }

    /**
     * Bytes from a peer go into the segment's parts as they come, so that they can be passed on at once:
     * the first ones make this client tell its peers it has the segment arriving.
     */
    @Override
    public void received(String peer, long sequence, int offset, byte[] bytes, long soFar, boolean whole) {
        MediaPlaylist.Segment listed = store.listed(sequence);
        if (listed == null || listed.digest() == null || store.holds(sequence)) {
            return; // slid out of the window, or arrived another way meanwhile
        }
        PartialSegment partial = store.partial(sequence, (int) listed.digest().bytes());
        partial.fill(offset, bytes, peer);
        if (partial.complete()) {
            assembled(sequence, partial);
            return;
        }
        peers.arriving(sequence);
        if (whole) {
            scheduler.partArrived(sequence, peer, clock.getAsLong(), soFar);
        } else {
            scheduler.peerProgress(sequence, peer, soFar);
        }
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
