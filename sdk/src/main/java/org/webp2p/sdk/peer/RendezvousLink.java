package org.webp2p.sdk.peer;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.flash.TcMetadata;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.SendFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.sdk.nat.LocalAddresses;

/**
 * This client's session to a rendezvous node, through which it is introduced to peers: opened with
 * the Flash {@code connect} (token, stream, NAT type; docs/protocol.md), followed once accepted by
 * {@code setPeerInfo} with the local addresses (RFC 7425), so that a peer behind the same NAT
 * is redirected to them and not to the public address the NAT will not hairpin; reopened with backoff
 * (1 s doubling to 30 s, trying the next node each time) whenever it fails or closes. Loop-confined.
 */
final class RendezvousLink {
    private static final Logger log = LoggerFactory.getLogger(RendezvousLink.class);
    private static final long FIRST_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final int DEFAULT_PORT = 1935;
    static final String SET_PEER_INFO = "setPeerInfo";

    private final RtmfpEndpoint endpoint;
    private final EventLoop loop;
    private final LongSupplier clock;
    private final Supplier<NatType> natType;
    private final Supplier<List<InetSocketAddress>> localAddresses;
    private SendFlow netConnection;
    private List<String> uris = List.of();
    private String stream;
    private String token;
    private InetSocketAddress address;
    private Session session;
    private boolean up;
    private boolean opening;
    private boolean closed;
    private long nextAttempt;
    private long backoff = FIRST_BACKOFF_MS;
    private int index;

    RendezvousLink(RtmfpEndpoint endpoint, EventLoop loop, LongSupplier clockMs, Supplier<NatType> natType,
                   Supplier<List<InetSocketAddress>> localAddresses) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.clock = clockMs;
        this.natType = natType;
        this.localAddresses = localAddresses;
    }

    /** Opens the session to the first node that answers, and keeps one open. */
    void join(List<String> nodes, String stream, String token) {
        this.uris = List.copyOf(nodes);
        this.stream = stream;
        this.token = token;
        open();
    }

    /** The nodes a renewed plan names: the next reconnection tries them; a session that is up stays. */
    void nodes(List<String> nodes) {
        if (!nodes.isEmpty() && !nodes.equals(uris)) {
            uris = List.copyOf(nodes);
            index = 0;
        }
    }

    /** True while the node has accepted this client, so it can introduce it. */
    boolean up() {
        return up;
    }

    /** The node's address, for introductions; meaningful while {@link #up}. */
    InetSocketAddress address() {
        return address;
    }

    /** Reopens a lost session once its backoff has passed. */
    void tick() {
        if (!closed && !up && !opening && !uris.isEmpty() && clock.getAsLong() >= nextAttempt) {
            open();
        }
    }

    void close() {
        closed = true;
    }

    private void open() {
        if (closed || uris.isEmpty() || opening) {
            return;
        }
        opening = true;
        String uri = uris.get(index % uris.size());
        URI parsed = URI.create(uri);
        InetSocketAddress node = new InetSocketAddress(parsed.getHost(),
                parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort());
        endpoint.connect(uri, node, new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.setMessageListener((f, message) -> answered(f.session(), message));
            }

            @Override
            public void onClosed(Session s) {
                loop.execute(() -> lost(s));
            }
        }).whenCompleteAsync((s, failure) -> {
            if (failure != null || closed) {
                opening = false;
                if (s != null) {
                    s.close();
                }
                retry("no answer from " + uri + (failure == null ? "" : ": " + failure.getMessage()));
                return;
            }
            session = s;
            address = node;
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("app", "webp2p");
            object.put("stream", stream);
            object.put("natType", natType.get().name());
            List<Object> args = token == null ? List.of() : List.of(token);
            netConnection = s.openFlow(TcMetadata.netConnection().encode());
            netConnection.send(new NetConnectionCommand(NetConnectionCommand.CONNECT, 1, object, args).toMessage().encode());
        }, loop);
    }

    private void answered(Session s, byte[] message) {
        NetConnectionCommand.fromMessage(TcMessage.decode(message)).ifPresent(answer -> loop.execute(() -> {
            if (s != session) {
                return;
            }
            opening = false;
            if (NetConnectionCommand.RESULT.equals(answer.name())) {
                up = true;
                backoff = FIRST_BACKOFF_MS;
                List<Object> addresses = localAddresses.get().stream().map(LocalAddresses::text)
                        .limit(LocalAddresses.MAX).map(Object.class::cast).toList();
                if (!addresses.isEmpty()) {
                    netConnection.send(new NetConnectionCommand(SET_PEER_INFO, 0, null, addresses).toMessage().encode())
                            .exceptionally(e -> null);
                }
            } else {
                log.warn("rendezvous {} refused this client: {}", address, answer.statusCode().orElse("?"));
                s.close();
            }
        }));
    }

    private void lost(Session s) {
        if (s != session) {
            return;
        }
        session = null;
        up = false;
        opening = false;
        retry("session to the rendezvous closed");
    }

    private void retry(String why) {
        if (closed) {
            return;
        }
        log.debug("rendezvous unavailable ({}); trying again in {} ms", why, backoff);
        index++;
        nextAttempt = clock.getAsLong() + backoff;
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
}
