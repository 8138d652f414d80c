package org.webp2p.server.stun;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.webp2p.nat.responder.ServerEndpoints;
import org.webp2p.nat.responder.SocketRole;
import org.webp2p.nat.responder.StunResponder;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.config.StunSettings;
import org.webp2p.server.net.UdpEndpoint;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;

/**
 * The STUN server (RFC 8489 Binding, RFC 5780 behaviour discovery, RFC 3489 classic clients) that
 * peers use to learn their public address and NAT type before rendezvous.
 *
 * <p>Binds {@code stun.bind:stun.port} and {@code stun.bind:stun.alt-port}; with {@code stun.alt-bind}
 * also the same two ports on that address, four sockets in all. Behaviour discovery needs a specific
 * {@code stun.bind}: on a wildcard address the service still answers Binding but cannot name the
 * addresses it answers from. When {@code stun.port} is 0, an {@code stun.alt-port} of 0 also picks a
 * free port.
 */
public final class StunService implements Service {
    /** Service and configuration prefix. */
    public static final String NAME = ServiceName.STUN.id();

    private static final String SOFTWARE = "webp2p-stun";

    private final StunMetrics metrics = new StunMetrics();
    private final List<UdpEndpoint> endpoints = new ArrayList<>();
    private volatile StunDatagramHandler.Serving serving;
    private volatile List<InetSocketAddress> bound = List.of();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(ServiceContext context) throws Exception {
        Config config = context.config();
        InetAddress primaryAddress = config.get(ServiceName.STUN.bind());
        int port = config.get(ServiceName.STUN.port());
        int altPort = config.get(StunSettings.ALT_PORT);
        InetAddress alternateAddress = alternateAddress(config.get(StunSettings.ALT_BIND), primaryAddress);
        if (port != 0 && altPort == port) {
            throw new IllegalArgumentException("stun.alt-port must differ from stun.port (both " + port + ")");
        }
        Map<SocketRole, Channel> sockets = new EnumMap<>(SocketRole.class);
        try {
            InetSocketAddress primary = bind(context, SocketRole.PRIMARY, new InetSocketAddress(primaryAddress, port),
                    sockets);
            InetSocketAddress alternate = bind(context, SocketRole.ALTERNATE_PORT,
                    new InetSocketAddress(primaryAddress, altPort), sockets);
            ServerEndpoints layout = new ServerEndpoints(primary, alternate.getPort(), alternateAddress);
            if (alternateAddress != null) {
                bind(context, SocketRole.ALTERNATE_ADDRESS, layout.address(SocketRole.ALTERNATE_ADDRESS), sockets);
                bind(context, SocketRole.ALTERNATE_BOTH, layout.address(SocketRole.ALTERNATE_BOTH), sockets);
            }
            serving = new StunDatagramHandler.Serving(new StunResponder(layout, SOFTWARE), Map.copyOf(sockets));
            bound = endpoints.stream().map(UdpEndpoint::localAddress).toList();
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    private InetSocketAddress bind(ServiceContext context, SocketRole role, InetSocketAddress address,
            Map<SocketRole, Channel> sockets) throws InterruptedException {
        UdpEndpoint endpoint = UdpEndpoint.bind(context.netty(), address,
                new StunDatagramHandler(role, () -> serving, metrics));
        endpoints.add(endpoint);
        sockets.put(role, endpoint.channel());
        return endpoint.localAddress();
    }

    private static InetAddress alternateAddress(String configured, InetAddress primary) throws UnknownHostException {
        String text = configured.trim();
        if (text.isEmpty()) {
            return null;
        }
        InetAddress alternate = InetAddress.getByName(text);
        if (alternate.equals(primary) || alternate.isAnyLocalAddress() || primary.isAnyLocalAddress()) {
            throw new IllegalArgumentException("stun.alt-bind (" + text + ") needs a specific stun.bind and must be"
                    + " another specific address");
        }
        return alternate;
    }

    @Override
    public synchronized void stop() {
        serving = null;
        bound = List.of();
        endpoints.forEach(UdpEndpoint::close);
        endpoints.clear();
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        return bound;
    }

    @Override
    public Map<String, Number> metrics() {
        return metrics.snapshot();
    }
}
