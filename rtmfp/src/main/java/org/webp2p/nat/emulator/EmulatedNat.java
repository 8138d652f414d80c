package org.webp2p.nat.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.nat.transport.UdpTransport;

/**
 * A NAT in user space on loopback, with real UDP on both sides. It owns a public IP address (say
 * 127.2.0.1) and binds one public socket there per mapping; inside hosts get a
 * {@link DatagramTransport} from {@link #attach} whose packets travel through this NAT's gateway
 * socket. Translation and filtering follow a {@link NatProfile}; the packets are moved on a shared
 * {@link NatReactor} thread, which alone touches the translation state. Hosts behind the same NAT
 * (an office, a household) reach each other on their inside addresses, as on a LAN, but not through
 * the NAT's public address: like home routers and Linux masquerade, it does not hairpin.
 */
public final class EmulatedNat implements AutoCloseable {
    /** IPv4 and UDP headers: what a datagram costs a link beyond its payload. */
    private static final int UDP_IP_HEADERS = 28;

    private final NatReactor reactor;
    private final NatTable table;
    private final InetAddress publicAddress;
    private final DatagramChannel gateway;
    private final InetSocketAddress gatewayAddress;
    private final Set<InetSocketAddress> insideHosts = ConcurrentHashMap.newKeySet();
    private final List<DatagramTransport> attached = new CopyOnWriteArrayList<>();
    private final Map<NatMapping, DatagramChannel> publicSockets = new HashMap<>();

    private final AtomicLong translatedOut = new AtomicLong();
    private final AtomicLong translatedIn = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong mappingsCreated = new AtomicLong();
    private final AtomicLong mappingsExpired = new AtomicLong();
    private final AtomicLong lanSwitched = new AtomicLong();
    private final AtomicLong hairpinRefused = new AtomicLong();
    private volatile ShapedLink link;

    /** Sends a datagram on the reactor thread, now or once the link lets it go. */
    private interface Send {
        void run() throws IOException;
    }

    private EmulatedNat(NatReactor reactor, NatProfile profile, InetAddress publicAddress, DatagramChannel gateway,
            Duration mappingTimeout) throws IOException {
        this.reactor = reactor;
        this.table = new NatTable(profile, mappingTimeout);
        this.publicAddress = publicAddress;
        this.gateway = gateway;
        this.gatewayAddress = (InetSocketAddress) gateway.getLocalAddress();
    }

    /**
     * Starts a NAT whose packets {@code reactor} moves.
     *
     * @param reactor the packet-moving thread, shared by any number of NATs
     * @param profile how it maps and filters
     * @param publicAddress the outside address its mappings bind, e.g. 127.2.0.1
     * @param gatewayAddress the inside address of its gateway socket, e.g. 127.1.0.1
     * @param mappingTimeout idle time before a mapping and its public port go away
     */
    public static EmulatedNat start(NatReactor reactor, NatProfile profile, InetAddress publicAddress,
            InetAddress gatewayAddress, Duration mappingTimeout) throws IOException {
        Objects.requireNonNull(publicAddress, "publicAddress");
        DatagramChannel gateway = DatagramChannel.open();
        try {
            gateway.bind(new InetSocketAddress(gatewayAddress, 0));
            EmulatedNat nat = new EmulatedNat(reactor, profile, publicAddress, gateway, mappingTimeout);
            reactor.call(() -> {
                reactor.register(gateway, (channel, buffer) -> nat.readable(channel, buffer, null));
                reactor.track(nat, true);
                return nat;
            });
            return nat;
        } catch (IOException | RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** Connects a new inside host: a socket on {@code privateAddress} (port chosen) behind this NAT. */
    public DatagramTransport attach(InetAddress privateAddress) throws IOException {
        UdpTransport socket = UdpTransport.bind(new InetSocketAddress(privateAddress, 0));
        DatagramTunnel tunnel = tunnel();
        tunnel.opened(socket.localAddress());
        NattedTransport host = new NattedTransport(socket, tunnel);
        attached.add(host);
        return host;
    }

    /**
     * The path for an inside host that owns its socket (an RTMFP endpoint on an event loop, say):
     * bind it on {@link #insideAddress()} and route its datagrams through this tunnel.
     */
    public DatagramTunnel tunnel() {
        return new DatagramTunnel() {
            @Override
            public void opened(InetSocketAddress local) {
                insideHosts.add(local);
            }

            @Override
            public Datagram outbound(Datagram datagram) {
                return new Datagram(gatewayAddress, GatewayFrame.encode(datagram));
            }

            @Override
            public Optional<Datagram> inbound(Datagram datagram) {
                // Only the gateway may reach a host behind a NAT; anything else is dropped as a NAT would.
                return datagram.peer().equals(gatewayAddress) ? GatewayFrame.decode(datagram.payload()) : Optional.empty();
            }

            @Override
            public void closed(InetSocketAddress local) {
                insideHosts.remove(local);
            }
        };
    }

    /** The inside IP address of the gateway, where hosts of this NAT can bind too. */
    public InetAddress insideAddress() {
        return gatewayAddress.getAddress();
    }

    /** The public IP address mappings appear on. */
    public InetAddress publicAddress() {
        return publicAddress;
    }

    /**
     * Puts the access link {@code link} between this NAT and the outside: every datagram its hosts
     * send or receive from now on is delayed, lost or dropped at a full queue as the link says. Losses
     * and drops are counted by the link; an unshaped NAT forwards at once.
     */
    public void shape(ShapedLink link) {
        this.link = link;
    }

    /** A snapshot of the counters. */
    public NatCounters counters() {
        return new NatCounters(translatedOut.get(), translatedIn.get(), filtered.get(), dropped.get(),
                mappingsCreated.get(), mappingsExpired.get(), lanSwitched.get(), hairpinRefused.get());
    }

    /** On the reactor thread: frees the ports of mappings idle past the timeout. */
    void expire(long nowMillis) {
        for (NatMapping gone : table.expire(nowMillis)) {
            closeQuietly(publicSockets.remove(gone));
            mappingsExpired.incrementAndGet();
        }
    }

    /** On the reactor thread: one datagram from the gateway ({@code mapping} null) or a public socket. */
    private void readable(DatagramChannel channel, ByteBuffer buffer, NatMapping mapping) {
        try {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from == null) {
                return;
            }
            byte[] data = new byte[buffer.position()];
            buffer.flip().get(data);
            ShapedLink shaping = link;
            if (mapping == null) {
                fromInside(from, data, shaping);
            } else if (shaping == null) {
                fromOutside(mapping, from, data);
            } else {
                // The downlink is the ISP's side of the router: packets cross it before the NAT filters them.
                later(shaping.down(), data.length, () -> fromOutside(mapping, from, data));
            }
        } catch (IOException e) {
            // One packet failing to move (a port gone, an ICMP error surfacing) must not stop the NAT.
            dropped.incrementAndGet();
        }
    }

    private void fromInside(InetSocketAddress host, byte[] frame, ShapedLink shaping) throws IOException {
        Optional<Datagram> datagram = GatewayFrame.decode(frame);
        if (datagram.isEmpty() || !insideHosts.contains(host)) {
            dropped.incrementAndGet();
            return;
        }
        InetSocketAddress to = datagram.get().peer();
        if (insideHosts.contains(to)) {
            // Hosts behind one NAT share its LAN: they reach each other directly, untranslated.
            gateway.send(ByteBuffer.wrap(GatewayFrame.encode(new Datagram(host, datagram.get().payload()))), to);
            lanSwitched.incrementAndGet();
            return;
        }
        if (to.getAddress().equals(publicAddress)) {
            // No hairpinning: a host cannot reach a neighbour through the NAT's own public address.
            hairpinRefused.incrementAndGet();
            return;
        }
        NatMapping mapping = table.outbound(host, to, reactor.now());
        DatagramChannel socket = publicSockets.get(mapping);
        if (socket == null) {
            // A new mapping, or one whose port could not be bound last time: bind it now.
            socket = open(mapping);
        }
        DatagramChannel out = socket;
        Datagram d = datagram.get();
        Send send = () -> {
            out.send(ByteBuffer.wrap(d.payload()), d.peer());
            translatedOut.incrementAndGet();
        };
        if (shaping == null) {
            send.run();
        } else {
            later(shaping.up(), d.payload().length, send);
        }
    }

    /** On the reactor thread: sends when {@code direction} lets the datagram through, or never if it drops it. */
    private void later(LinkShaper direction, int payloadBytes, Send send) {
        long at = direction.admit(payloadBytes + UDP_IP_HEADERS, reactor.nanoTime());
        if (at == LinkShaper.LOST || at == LinkShaper.QUEUE_FULL) {
            return;
        }
        reactor.at(at, () -> {
            try {
                send.run();
            } catch (IOException e) {
                // The mapping's port went (expired, NAT closed) while the datagram was on the link.
                dropped.incrementAndGet();
            }
        });
    }

    private DatagramChannel open(NatMapping mapping) throws IOException {
        DatagramChannel socket = DatagramChannel.open();
        try {
            socket.bind(new InetSocketAddress(publicAddress, 0));
            reactor.register(socket, (channel, buffer) -> readable(channel, buffer, mapping));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        publicSockets.put(mapping, socket);
        mappingsCreated.incrementAndGet();
        return socket;
    }

    private void fromOutside(NatMapping mapping, InetSocketAddress source, byte[] payload) throws IOException {
        Optional<InetSocketAddress> host = table.inbound(mapping, source, reactor.now());
        if (host.isEmpty()) {
            filtered.incrementAndGet();
            return;
        }
        gateway.send(ByteBuffer.wrap(GatewayFrame.encode(new Datagram(source, payload))), host.get());
        translatedIn.incrementAndGet();
    }

    /** Stops the NAT and frees every port it holds, the inside hosts' sockets included. */
    @Override
    public void close() {
        try {
            reactor.call(() -> {
                release();
                return null;
            });
        } catch (IOException e) {
            // The reactor has stopped, so no other thread can be touching these sockets.
            release();
        }
        attached.forEach(DatagramTransport::close);
    }

    private void release() {
        reactor.track(this, false);
        closeQuietly(gateway);
        publicSockets.values().forEach(EmulatedNat::closeQuietly);
        publicSockets.clear();
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a UDP socket cannot meaningfully fail; the port is released either way.
        }
    }
}
