package org.webp2p.rtmfp.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.rtmfp.DropCounters;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.session.DatagramSink;
import org.webp2p.rtmfp.session.HelloAdmission;
import org.webp2p.rtmfp.session.IHelloHandler;
import org.webp2p.rtmfp.session.IncomingSessionHandler;
import org.webp2p.rtmfp.session.RtmfpCore;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;

/**
 * An RTMFP endpoint on its own UDP socket and thread: open sessions to servers or peers, accept
 * sessions, and exchange messages on flows. Nothing of the network library shows through.
 *
 * <pre>{@code
 * try (RtmfpEndpoint endpoint = RtmfpEndpoint.builder().bind()) {
 *     Session s = endpoint.connect("rtmfp://example.org/app", serverAddress, listener).get();
 *     s.openFlow(metadata).send(bytes).get();
 * }
 * }</pre>
 */
public final class RtmfpEndpoint implements AutoCloseable {
    /** The endpoint's own thread, or null when it runs on a loop it was given and must not stop. */
    private final @Nullable EventLoopGroup ownGroup;
    private final Channel channel;
    private final RtmfpCore core;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RtmfpEndpoint(EventLoopGroup ownGroup, Channel channel, RtmfpCore core) {
        this.ownGroup = ownGroup;
        this.channel = channel;
        this.core = core;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Our peer ID, which others use to reach us through a rendezvous. */
    public PeerId peerId() {
        return core.identity().peerId();
    }

    /** Opens a session to the server at {@code address} named by its {@code rtmfp:} URI. */
    public CompletableFuture<Session> connect(String serverUri, InetSocketAddress address, SessionListener listener) {
        return core.open(EndpointDiscriminator.forServer(serverUri), List.of(address), listener);
    }

    /**
     * Opens a session to a peer by ID, asking the given addresses: the peer itself, or
     * rendezvous servers that introduce us to it. An open session with that peer is reused.
     */
    public CompletableFuture<Session> connectToPeer(PeerId peer, List<InetSocketAddress> addresses,
                                                    SessionListener listener) {
        return core.open(EndpointDiscriminator.forPeer(peer), addresses, listener);
    }

    /** Accepts sessions opened to us; without a handler they are accepted with a default listener. */
    public void setIncomingSessionHandler(IncomingSessionHandler handler) {
        core.setIncomingSessionHandler(handler);
    }

    /** Sees IHellos for other endpoints, for rendezvous services. */
    public void setIHelloHandler(IHelloHandler handler) {
        core.setIHelloHandler(handler);
    }

    /** Decides whether IHellos for us are answered here or redirected, e.g. when a server is full. */
    public void setHelloAdmission(HelloAdmission admission) {
        core.setHelloAdmission(admission);
    }

    public List<Session> sessions() {
        return core.sessions();
    }

    public DropCounters drops() {
        return core.drops();
    }

    /** Ends all sessions, telling each far end, and frees the port. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            core.shutdown().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Shutting down regardless: the far ends will time their sessions out.
        }
        channel.close().syncUninterruptibly();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Configures and binds an endpoint. */
    public static final class Builder {
        private InetSocketAddress localAddress = new InetSocketAddress("0.0.0.0", 0);
        private RtmfpParams params = RtmfpParams.defaults();
        private LocalIdentity identity;
        private UnaryOperator<DatagramSink> outboundDecorator = UnaryOperator.identity();
        private EventLoopGroup sharedLoop;
        private DatagramTunnel tunnel = DatagramTunnel.DIRECT;
        private final SecureRandom random = new SecureRandom();

        private Builder() {
        }

        public Builder localAddress(InetSocketAddress address) {
            this.localAddress = address;
            return this;
        }

        public Builder params(RtmfpParams params) {
            this.params = params;
            return this;
        }

        /** Defaults to an ephemeral peer identity with the configured DH groups. */
        public Builder identity(LocalIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** Wraps the outgoing datagram path, e.g. to inject loss in tests. */
        public Builder outboundDecorator(UnaryOperator<DatagramSink> decorator) {
            this.outboundDecorator = decorator;
            return this;
        }

        /**
         * Runs on an event loop the caller owns instead of a thread of its own, so many endpoints
         * (a simulated swarm) share a few threads; the caller's work on the same loop then needs no
         * locks. Closing the endpoint leaves the loop running.
         */
        public Builder eventLoop(EventLoopGroup loop) {
            this.sharedLoop = loop;
            return this;
        }

        /** Routes every datagram through {@code tunnel}, e.g. from behind an emulated NAT. */
        public Builder tunnel(DatagramTunnel tunnel) {
            this.tunnel = tunnel;
            return this;
        }

        public RtmfpEndpoint bind() throws IOException {
            LocalIdentity id = identity != null ? identity
                    : LocalIdentity.ephemeral(params.dhGroups(), false, params.dhPrivateKeyBits(), random);
            EventLoopGroup ownGroup = sharedLoop == null ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory())
                    : null;
            EventLoopGroup group = sharedLoop == null ? ownGroup : sharedLoop;
            RtmfpDatagramHandler handler = new RtmfpDatagramHandler((sink, executor, clock) ->
                    new RtmfpCore(params, id, clock, outboundDecorator.apply(sink), executor, random), tunnel,
                    params.timerTickMillis());
            try {
                Channel channel = new Bootstrap()
                        .group(group)
                        .channel(NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, 2 << 20)
                        .option(ChannelOption.SO_SNDBUF, 2 << 20)
                        .handler(handler)
                        .bind(localAddress)
                        .sync()
                        .channel();
                return new RtmfpEndpoint(ownGroup, channel, handler.core());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(ownGroup);
                throw new IOException("interrupted while binding", e);
            } catch (RuntimeException e) {
                stop(ownGroup);
                throw new IOException("cannot bind " + localAddress, e);
            }
        }

        private static void stop(EventLoopGroup ownGroup) {
            if (ownGroup != null) {
                ownGroup.shutdownGracefully();
            }
        }
    }
}
