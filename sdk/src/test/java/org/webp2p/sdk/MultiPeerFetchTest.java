package org.webp2p.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.tracker.AnnounceAnswer;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.sdk.abr.ThroughputMeter;
import org.webp2p.sdk.diagnostics.Diagnostics;
import org.webp2p.sdk.fetch.FetchAction;
import org.webp2p.sdk.fetch.PartialSegment;
import org.webp2p.sdk.fetch.SchedulerSettings;
import org.webp2p.sdk.fetch.SegmentScheduler;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.nat.LocalAddresses;
import org.webp2p.sdk.peer.HeldSegments;
import org.webp2p.sdk.peer.PeerNetwork;
import org.webp2p.sdk.peer.QuietPeerEvents;
import org.webp2p.sdk.playback.Playback;
import org.webp2p.sdk.playback.PlaybackStats;
import org.webp2p.sdk.playback.VirtualPlayer;
import org.webp2p.server.TestNode;

/**
 * One client's data path (scheduler, fetcher, store) against real peers over RTMFP, introduced by a
 * real rendezvous, serving the 1.5 Mbit/s demo's segments from a real origin: a segment comes in
 * parts from two peers, or from a peer that stalls and another that finishes its part, and is
 * assembled and checked against the origin's digest. The player never moves (it wants ten minutes
 * of buffer, and says it has started so that the scheduler asks peers), so every segment's time to
 * its deadline stands still and the test does not race it.
 */
class MultiPeerFetchTest {
    private static final String SWARM = "demo-hd";

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<FetchAction> carriedOut = new CopyOnWriteArrayList<>();
    private final List<SegmentScheduler.Fallback> fallbacks = new CopyOnWriteArrayList<>();
    private final List<Holder> holders = new ArrayList<>();
    /** Off while peers announce a segment, so that the requester plans it knowing all its holders. */
    private final AtomicBoolean planning = new AtomicBoolean(true);
    private TestNode node;
    private EventLoopGroup group;
    private EventLoop loop;
    private HttpFetcher http;
    private URI origin;
    private SegmentStore store;
    private PeerNetwork requester;
    private long first;
    private MediaPlaylist playlist;

    /** A peer that serves the segments it is told to hold, as the origin has them, within an upload limit. */
    private final class Holder implements HeldSegments {
        private final Map<Long, byte[]> held = new HashMap<>();
        private final Map<Long, PartialSegment> arriving = new HashMap<>();
        final PeerNetwork network;

        Holder(int uploadKbps) throws Exception {
            RtmfpEndpoint endpoint = RtmfpEndpoint.builder().localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .eventLoop(loop).bind();
            network = new PeerNetwork(endpoint, loop, System::currentTimeMillis, SWARM, 8, uploadKbps, this,
                    new QuietPeerEvents());
            holders.add(this);
        }

        /** Holds the segment from now on and tells its peers. */
        void hold(long sequence) throws Exception {
            byte[] body = originBytes(sequence);
            onLoop(() -> {
                held.put(sequence, body);
                network.announce(sequence);
                return null;
            });
        }

        /** Receives the segment from now on, as {@link #fill} says, and tells its peers it passes it on. */
        void startArriving(long sequence, int total) throws Exception {
            onLoop(() -> {
                arriving.put(sequence, new PartialSegment(total));
                network.arriving(sequence);
                return null;
            });
        }

        /** Bytes {@code from} to {@code end} of an arriving segment came, as the origin has them. */
        void fill(long sequence, int from, int end) throws Exception {
            byte[] part = Arrays.copyOfRange(originBytes(sequence), from, end);
            onLoop(() -> {
                arriving.get(sequence).fill(from, part, "upstream");
                return null;
            });
        }

        @Override
        public byte[] get(long sequence) {
            return held.get(sequence);
        }

        @Override
        public PartialSegment arriving(long sequence) {
            return arriving.get(sequence);
        }

        @Override
        public Set<Long> sequences() {
            return held.keySet();
        }
    }

    /** A player past its first frame whose playhead stands still: a paused one. */
    private record StandingPlayer(VirtualPlayer still) implements Playback {
        @Override
        public void startAt(long sequence) {
            still.startAt(sequence);
        }

        @Override
        public void describe(long sequence, long durationMs) {
            still.describe(sequence, durationMs);
        }

        @Override
        public void arrived(long sequence) {
            still.arrived(sequence);
        }

        @Override
        public boolean has(long sequence) {
            return still.has(sequence);
        }

        @Override
        public void tick() {
            still.tick();
        }

        @Override
        public long playhead() {
            return still.playhead();
        }

        @Override
        public long msUntilNeeded(long sequence, long defaultDurationMs) {
            return still.msUntilNeeded(sequence, defaultDurationMs);
        }

        @Override
        public long bufferAheadMs() {
            return still.bufferAheadMs();
        }

        @Override
        public PlaybackStats stats() {
            return still.stats();
        }

        @Override
        public boolean started() {
            return true;
        }
    }

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of());
        node.runtime().services().startAll();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
        http = new HttpFetcher(group, null);
        origin = URI.create("http://127.0.0.1:" + node.address("origin").getPort() + "/live/" + SWARM + "/");
        playlist = MediaPlaylist.parse(new String(get(origin.resolve("index.m3u8")),
                StandardCharsets.UTF_8), origin);
        first = playlist.mediaSequence();
        assertThat(playlist.segments()).as("six segments listed, each with its digest").hasSizeGreaterThanOrEqualTo(6)
                .allMatch(s -> s.digest() != null);

        store = new SegmentStore();
        StandingPlayer player = new StandingPlayer(
                new VirtualPlayer(System::currentTimeMillis, System.currentTimeMillis(), 600_000));
        SegmentScheduler scheduler = new SegmentScheduler(SchedulerSettings.defaults(), true, fallbacks::add);
        SegmentFetcher fetcher = new SegmentFetcher(loop, System::currentTimeMillis, http, Duration.ofSeconds(10),
                store, scheduler, player, new Diagnostics(), null, s -> { }, new ThroughputMeter());
        RtmfpEndpoint endpoint = RtmfpEndpoint.builder().localAddress(new InetSocketAddress("127.0.0.1", 0))
                .eventLoop(loop).bind();
        onLoop(() -> {
            store.list(playlist);
            playlist.segments().forEach(s -> player.describe(s.sequence(), s.durationMs()));
            player.startAt(first);
            requester = new PeerNetwork(endpoint, loop, System::currentTimeMillis, SWARM, 8, 0, store.forPeers(),
                    fetcher);
            fetcher.usePeers(requester);
            return null;
        });
        loop.scheduleAtFixedRate(() -> {
            player.tick();
            if (planning.get()) {
                for (FetchAction a : scheduler.plan(System.currentTimeMillis(), player, first + 5, fetcher)) {
                    carriedOut.add(a);
                    fetcher.carryOut(a);
                }
            }
            requester.tick();
            holders.forEach(h -> h.network.tick());
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        holders.forEach(h -> h.network.close());
        if (requester != null) {
            requester.close();
        }
        http.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void aSegmentNoPeerWouldDeliverInTimeAloneArrivesInPartsFromTwo() throws Exception {
        // 800 kbit/s each: a 375 KB segment alone takes about 3.5 s of the 5 s before it turns urgent
        Holder a = new Holder(800);
        Holder b = new Holder(800);
        linked(a, b);
        await("the urgent segments from HTTP", () -> stored(first) && stored(first + 2));
        // Each delivers one segment whole first, which measures it.
        a.hold(first + 4);
        b.hold(first + 5);
        await("segments 4 and 5 from the peers", () -> stored(first + 4) && stored(first + 5));

        planning.set(false);
        a.hold(first + 3);
        b.hold(first + 3);
        await("both holders known", () -> onLoopQuietly(() -> requester.holders(first + 3).size() == 2));
        planning.set(true);
        await("segment 3", () -> stored(first + 3));

        List<FetchAction.FromPeer> parts = requests(first + 3);
        assertThat(parts).as("one part from each").extracting(FetchAction.FromPeer::peerId)
                .containsExactlyInAnyOrder(a.network.peerId(), b.network.peerId());
        assertThat(parts).extracting(FetchAction.FromPeer::offset).contains(0);
        assertThat(fallbacks).noneMatch(f -> f.sequence() >= first + 3);
        assertThat(onLoop(() -> store.get(first + 3))).isEqualTo(originBytes(first + 3));
    }

    @Test
    void aPeerThatStallsMidSegmentIsRelievedByAnotherThatFinishesIt() throws Exception {
        // 16 kbit/s: it sends one 16 KiB chunk at once, then the next eight seconds later
        Holder stalling = new Holder(16);
        Holder steady = new Holder(0);
        linked(stalling, steady);
        await("the urgent segments from HTTP", () -> stored(first) && stored(first + 2));

        stalling.hold(first + 3);
        await("the request to the stalling peer", () -> !requests(first + 3).isEmpty());
        steady.hold(first + 3);
        await("segment 3", () -> stored(first + 3));

        assertThat(carriedOut).contains(new FetchAction.CancelPeer(first + 3, stalling.network.peerId(), 0));
        assertThat(requests(first + 3)).extracting(FetchAction.FromPeer::peerId)
                .containsExactly(stalling.network.peerId(), steady.network.peerId());
        assertThat(requests(first + 3).get(1).offset()).as("the second peer continues after the first one's bytes")
                .isPositive();
        assertThat(fallbacks).noneMatch(f -> f.sequence() == first + 3);
        assertThat(onLoop(() -> store.get(first + 3))).isEqualTo(originBytes(first + 3));
    }

    @Test
    void aPeerPassesASegmentOnAsItsBytesArriveThere() throws Exception {
        Holder relay = new Holder(0);
        linked(relay);
        await("the urgent segments from HTTP", () -> stored(first) && stored(first + 2));
        int size = originBytes(first + 3).length;

        relay.startArriving(first + 3, size);
        await("the request to the relay", () -> !requests(first + 3).isEmpty());
        // The relay's own copy comes in 64 KiB steps over about two seconds, and goes on as it comes.
        int step = 64 * 1024;
        for (int from = 0; from < size; from += step) {
            Thread.sleep(300);
            assertThat(stored(first + 3)).as("not whole before the relay had every byte").isFalse();
            relay.fill(first + 3, from, Math.min(size, from + step));
        }
        await("segment 3", () -> stored(first + 3));

        assertThat(requests(first + 3)).extracting(FetchAction.FromPeer::peerId)
                .containsExactly(relay.network.peerId());
        assertThat(fallbacks).noneMatch(f -> f.sequence() == first + 3);
        assertThat(onLoop(() -> store.get(first + 3))).isEqualTo(originBytes(first + 3));
    }

    @Test
    void aPeerAskedForBytesPastTheEndOfASegmentDisconnectsTheAsker() throws Exception {
        Holder holder = new Holder(0);
        linked(holder);
        holder.hold(first + 3);
        int size = originBytes(first + 3).length;
        planning.set(false);
        await("the holder's have", () -> onLoopQuietly(() -> requester.holders(first + 3).size() == 1));

        // The asker believes the segment twice its size: the range it asks for is past the real end.
        onLoop(() -> {
            requester.request(holder.network.peerId(), first + 3, 2 * size, size + 10, size + 20);
            return null;
        });

        await("the link closed", () -> onLoopQuietly(() -> holder.network.connectedPeers() == 0
                && requester.connectedPeers() == 0));
        assertThat(onLoop(() -> store.holds(first + 3))).isFalse();
    }

    /** Every peer on the rendezvous, and the requester linked to the holders. */
    private void linked(Holder... peers) throws Exception {
        String rendezvous = "rtmfp://127.0.0.1:" + node.address("rendezvous").getPort() + "/webp2p";
        List<PeerNetwork> all = new ArrayList<>(List.of(requester));
        for (Holder h : peers) {
            all.add(h.network);
        }
        onLoop(() -> {
            for (PeerNetwork n : all) {
                n.natType(NatType.OPEN);
                n.joinRendezvous(List.of(rendezvous), SWARM, null);
            }
            return null;
        });
        await("the rendezvous", () -> onLoopQuietly(() -> all.stream().allMatch(PeerNetwork::rendezvousUp)));
        List<AnnounceAnswer.Peer> offered = new ArrayList<>();
        for (Holder h : peers) {
            List<String> addresses = h.network.localAddresses().stream().map(LocalAddresses::text).toList();
            offered.add(new AnnounceAnswer.Peer(h.network.peerId(), NatType.OPEN, addresses, 0, null, 0, false));
        }
        onLoop(() -> {
            requester.offer(offered);
            return null;
        });
        await("links to the holders", () -> onLoopQuietly(() -> requester.connectedPeers() == peers.length));
    }

    private List<FetchAction.FromPeer> requests(long sequence) {
        return carriedOut.stream().filter(a -> a instanceof FetchAction.FromPeer && a.sequence() == sequence)
                .map(FetchAction.FromPeer.class::cast).toList();
    }

    private boolean stored(long sequence) {
        return onLoopQuietly(() -> store.holds(sequence));
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private <T> T onLoopQuietly(Callable<T> task) {
        try {
            return onLoop(task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private byte[] originBytes(long sequence) throws Exception {
        return get(playlist.segments().stream().filter(s -> s.sequence() == sequence).findFirst().orElseThrow().uri());
    }

    private byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", uri).isEqualTo(200);
        return r.body();
    }
}
