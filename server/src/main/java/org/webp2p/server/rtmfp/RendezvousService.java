package org.webp2p.server.rtmfp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.net.RtmfpDatagramHandler;
import org.webp2p.rtmfp.session.RtmfpCore;
import org.webp2p.server.api.OpenStreams;
import org.webp2p.server.api.TokenCodec;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.RendezvousSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.net.UdpEndpoint;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;

/**
 * The RTMFP rendezvous: peers connect to {@code rtmfp://HOST:PORT/webp2p} with a Flash
 * {@code connect} (see {@link ConnectRequest} for where the token and stream are read), are listed
 * in the {@link #directory()}, and are introduced to each other by peer ID. Over
 * {@code rendezvous.max-sessions}, or while stopping, new initiators are redirected to the nodes in
 * {@code rendezvous.peers}. One IP address may hold {@code rendezvous.max-sessions-per-address}
 * sessions and start {@code rendezvous.handshake-rate-per-address} handshakes a second.
 *
 * <p>Runs the RTMFP core on the shared I/O event loop of the socket it binds on
 * {@code rendezvous.bind:rendezvous.port} (UDP). Metrics: {@code load} (sessions) and
 * {@code capacity} (the session limit), which the API balances on, then peers, handshakes,
 * connects, introductions (by NAT type pair), redirects, bytes and drops by reason.
 */
public final class RendezvousService implements Service {
    /** Service and configuration prefix. */
    public static final String NAME = ServiceName.RENDEZVOUS.id();

    private static final long SHUTDOWN_WAIT_MILLIS = 1000;

    private final RendezvousMetrics metrics = new RendezvousMetrics();
    private final SecureRandom random = new SecureRandom();
    private volatile PeerDirectory directory = new PeerDirectory();
    private volatile Running running;

    private record Running(UdpEndpoint endpoint, RtmfpCore core, LoadRedirect admission, int capacity) {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The peers connected now; empty when stopped. */
    public PeerDirectory directory() {
        return directory;
    }

    @Override
    public synchronized void start(ServiceContext context) throws Exception {
        Config config = context.config();
        int capacity = config.get(RendezvousSettings.MAX_SESSIONS);
        List<InetSocketAddress> siblings = siblings(config.get(RendezvousSettings.PEERS));
        boolean requireToken = config.get(RendezvousSettings.REQUIRE_TOKEN) && !config.get(ApiSettings.OPEN);
        ConnectGate gate = new ConnectGate(new TokenCodec(TokenSecret.load(config, context.dataDir())), requireToken,
                OpenStreams.from(config), context.clock());
        RtmfpParams params = RtmfpParams.defaults().toBuilder().maxSessions(capacity)
                .maxSessionsPerAddress(config.get(RendezvousSettings.MAX_SESSIONS_PER_ADDRESS))
                .maxHandshakesPerAddressPerSecond(config.get(RendezvousSettings.HANDSHAKE_RATE_PER_ADDRESS)).build();
        LocalIdentity identity = LocalIdentity.ephemeral(params.dhGroups(), true, params.dhPrivateKeyBits(), random);
        PeerDirectory peers = new PeerDirectory();
        RtmfpDatagramHandler rtmfp = new RtmfpDatagramHandler((sink, executor, clock) ->
                new RtmfpCore(params, identity, clock, (to, bytes) -> {
                    metrics.bytesOut.add(bytes.length);
                    sink.send(to, bytes);
                }, executor, random));
        UdpEndpoint endpoint = UdpEndpoint.bind(context.netty(), config.endpoint(ServiceName.RENDEZVOUS),
                new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new InboundByteCounter(metrics.bytesIn), rtmfp);
                    }
                });
        RtmfpCore core = rtmfp.core();
        LoadRedirect admission = new LoadRedirect(siblings, capacity, () -> core.sessions().size(), metrics.redirects);
        core.setHelloAdmission(admission);
        core.setIHelloHandler(new Introducer(peers, metrics.introductions));
        core.setIncomingSessionHandler(session -> {
            metrics.handshakes.increment();
            session.setListener(new PeerConnection(session, gate, peers, metrics, context.clock()));
        });
        directory = peers;
        running = new Running(endpoint, core, admission, capacity);
    }

    /** {@code host:port} entries, comma separated; resolved once at start. */
    private static List<InetSocketAddress> siblings(String text) {
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (String entry : text.split(",")) {
            String node = entry.trim();
            if (node.isEmpty()) {
                continue;
            }
            int colon = node.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("rendezvous.peers entry '" + node + "' is not host:port");
            }
            String host = node.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(node.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rendezvous.peers entry '" + node + "' has no valid port");
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("rendezvous.peers host '" + host + "' does not resolve");
            }
            nodes.add(address);
        }
        return nodes;
    }

    @Override
    public synchronized void stop() throws Exception {
        Running r = running;
        if (r == null) {
            return;
        }
        running = null;
        r.admission().drain();
        try {
            // Tell every peer the session ends, so none waits for its idle timeout.
            r.core().shutdown().get(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Closing regardless: the far ends time their sessions out.
        } finally {
            r.endpoint().close();
            directory = new PeerDirectory();
        }
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        Running r = running;
        return r == null ? List.of() : List.of(r.endpoint().localAddress());
    }

    @Override
    public Map<String, Number> metrics() {
        Running r = running;
        return r == null ? metrics.snapshot(0, 0, 0, null)
                : metrics.snapshot(r.core().sessions().size(), r.capacity(), directory.size(), r.core().drops());
    }

    /** Counts received bytes before the RTMFP core sees them, whatever becomes of them. */
    private static final class InboundByteCounter extends ChannelInboundHandlerAdapter {
        private final LongAdder bytes;

        InboundByteCounter(LongAdder bytes) {
            this.bytes = bytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                ByteBuf content = packet.content();
                bytes.add(content.readableBytes());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
