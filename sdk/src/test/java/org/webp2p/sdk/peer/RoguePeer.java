package org.webp2p.sdk.peer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.server.TestNode;

/**
 * A real peer of the demo's 180p swarm ({@code demo/180p}) that claims to hold every segment, now and for minutes to come, and
 * then misbehaves: it {@link Behaviour#LIES} (one byte flipped: right size, wrong bytes, so only the
 * digest can tell) or {@link Behaviour#CRAWLS} (true bytes at 2 KB/s), or is {@link Behaviour#FULL}
 * and closes every session it is offered. It announces itself to the tracker and keeps a session to
 * the rendezvous like an honest client.
 */
public final class RoguePeer implements AutoCloseable {
    /** How it misbehaves. */
    public enum Behaviour { LIES, CRAWLS, FULL }

    private static final Pattern SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger served = new AtomicInteger();
    private final RtmfpEndpoint endpoint;
    private final PeerNetwork network;
    private final URI tracker;
    private final String ticket;

    public RoguePeer(TestNode node, Behaviour behaviour) throws Exception {
        URI origin = URI.create("http://127.0.0.1:" + node.address("origin").getPort() + "/live/demo/");
        Matcher m = SEQUENCE.matcher(new String(get(origin.resolve("180p/index.m3u8")).body()));
        if (!m.find()) {
            throw new IllegalStateException("the demo playlist has no media sequence");
        }
        long first = Long.parseLong(m.group(1));
        TreeSet<Long> claimed = new TreeSet<>();
        for (long s = first; s < first + 200; s++) {
            claimed.add(s);
        }
        Map<Long, byte[]> fetched = new HashMap<>();
        HeldSegments lies = new HeldSegments() {
            @Override
            public byte[] get(long sequence) {
                // The true bytes are the origin's: each demo segment is the clip moved to its loop.
                served.incrementAndGet();
                byte[] copy = fetched.computeIfAbsent(sequence, s -> trueBytes(origin, s));
                if (copy == null) {
                    return null;
                }
                copy = copy.clone();
                if (behaviour == Behaviour.LIES) {
                    copy[copy.length / 2] ^= 0x5a;
                }
                return copy;
            }

            @Override
            public Set<Long> sequences() {
                return claimed;
            }
        };
        endpoint = RtmfpEndpoint.builder().localAddress(new InetSocketAddress("127.0.0.1", 0)).eventLoop(loop).bind();
        network = new PeerNetwork(endpoint, loop.next(), System::currentTimeMillis, "demo/180p",
                behaviour == Behaviour.FULL ? 0 : 8,
                behaviour == Behaviour.CRAWLS ? 16 : 0, lies,
                new QuietPeerEvents());
        tracker = URI.create("http://127.0.0.1:" + node.address("tracker").getPort() + "/v1/announce");
        ticket = node.ticket(network.peerId(), "demo");
        String rendezvous = "rtmfp://127.0.0.1:" + node.address("rendezvous").getPort() + "/webp2p";
        loop.submit(() -> {
            network.natType(NatType.OPEN);
            network.joinRendezvous(List.of(rendezvous), "demo", null);
        }).get(5, TimeUnit.SECONDS);
        loop.scheduleAtFixedRate(network::tick, 100, 100, TimeUnit.MILLISECONDS);
        loop.scheduleAtFixedRate(this::announce, 0, 5, TimeUnit.SECONDS);
    }

    /** A demo segment as the origin serves it, or null when it is not (or no longer) there. */
    private byte[] trueBytes(URI origin, long sequence) {
        try {
            HttpResponse<byte[]> r = get(origin.resolve("s" + sequence + ".ts"));
            return r.statusCode() == 200 ? r.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private HttpResponse<byte[]> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void announce() {
        String body = """
                {"swarm":"demo/180p","peerId":"%s","event":"update","natType":"OPEN","position":0,"uploadKbps":100000,
                 "ticket":"%s"}""".formatted(network.peerId(), ticket);
        http.sendAsync(HttpRequest.newBuilder(tracker).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    public String peerId() {
        return network.peerId();
    }

    /** Segments it was asked for and began to send. */
    public int served() {
        return served.get();
    }

    public int connectedPeers() throws Exception {
        return CompletableFuture.supplyAsync(network::connectedPeers, loop.next()).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        network.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
