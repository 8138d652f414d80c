package org.webp2p.nat.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
import java.util.function.LongSupplier;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;
import org.webp2p.nat.transport.UdpTransport;

/**
 * A NAT in user space on loopback, with real UDP on both sides. It owns a public IP address (say
 * 127.2.0.1) and binds one public socket there per mapping; inside hosts get a
 * {@link DatagramTransport} from {@link #attach} whose packets travel through this NAT's gateway
 * socket. Translation and filtering follow a {@link NatProfile}; one I/O thread does the work.
 */
public final class EmulatedNat implements AutoCloseable {
    /** Room for the largest UDP payload plus a gateway frame header. */
    private static final int BUFFER_SIZE = 65_535 + 19;

    private final NatTable table;
    private final InetAddress publicAddress;
    private final Duration mappingTimeout;
    private final LongSupplier millis;
    private final Selector selector;
    private final DatagramChannel gateway;
    private final InetSocketAddress gatewayAddress;
    private final Set<InetSocketAddress> insideHosts = ConcurrentHashMap.newKeySet();
    private final List<DatagramTransport> attached = new CopyOnWriteArrayList<>();
    private final Map<NatMapping, DatagramChannel> publicSockets = new HashMap<>();
    private final Thread loop;
    private volatile boolean closed;

    private final AtomicLong translatedOut = new AtomicLong();
    private final AtomicLong translatedIn = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong mappingsCreated = new AtomicLong();
    private final AtomicLong mappingsExpired = new AtomicLong();

    private EmulatedNat(NatProfile profile, InetAddress publicAddress, InetAddress gatewayAddress,
            Duration mappingTimeout, LongSupplier millis) throws IOException {
        this.table = new NatTable(profile, mappingTimeout);
        this.publicAddress = Objects.requireNonNull(publicAddress, "publicAddress");
        this.mappingTimeout = mappingTimeout;
        this.millis = millis;
        this.selector = Selector.open();
        this.gateway = DatagramChannel.open();
        try {
            gateway.bind(new InetSocketAddress(gatewayAddress, 0));
            gateway.configureBlocking(false);
            gateway.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            gateway.close();
            selector.close();
            throw e;
        }
        this.gatewayAddress = (InetSocketAddress) gateway.getLocalAddress();
        this.loop = new Thread(this::run, "nat-" + publicAddress.getHostAddress());
        loop.setDaemon(true);
    }

    /**
     * Starts a NAT.
     *
     * @param profile how it maps and filters
     * @param publicAddress the outside address its mappings bind, e.g. 127.2.0.1
     * @param gatewayAddress the inside address of its gateway socket, e.g. 127.1.0.1
     * @param mappingTimeout idle time before a mapping and its public port go away
     */
    public static EmulatedNat start(NatProfile profile, InetAddress publicAddress, InetAddress gatewayAddress,
            Duration mappingTimeout) throws IOException {
        EmulatedNat nat = new EmulatedNat(profile, publicAddress, gatewayAddress, mappingTimeout,
                () -> System.nanoTime() / 1_000_000);
        nat.loop.start();
        return nat;
    }

    /** Connects a new inside host: a socket on {@code privateAddress} (port chosen) behind this NAT. */
    public DatagramTransport attach(InetAddress privateAddress) throws IOException {
        UdpTransport socket = UdpTransport.bind(new InetSocketAddress(privateAddress, 0));
        insideHosts.add(socket.localAddress());
        NattedTransport host = new NattedTransport(socket, gatewayAddress);
        attached.add(host);
        return host;
    }

    /** The inside IP address of the gateway, where hosts of this NAT can bind too. */
    public InetAddress insideAddress() {
        return gatewayAddress.getAddress();
    }

    /** The public IP address mappings appear on. */
    public InetAddress publicAddress() {
        return publicAddress;
    }

    /** A snapshot of the counters. */
    public NatCounters counters() {
        return new NatCounters(translatedOut.get(), translatedIn.get(), filtered.get(), dropped.get(),
                mappingsCreated.get(), mappingsExpired.get());
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        // Expiry is checked a few times per timeout so a mapping never outlives it by much.
        long tick = Math.max(1, Math.min(100, mappingTimeout.toMillis() / 4));
        try {
            while (!closed) {
                selector.select(tick);
                for (SelectionKey key : selector.selectedKeys()) {
                    receive(key, buffer);
                }
                selector.selectedKeys().clear();
                for (NatMapping gone : table.expire(millis.getAsLong())) {
                    closeQuietly(publicSockets.remove(gone));
                    mappingsExpired.incrementAndGet();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                throw new IllegalStateException("emulated NAT loop failed", e);
            }
        }
    }

    private void receive(SelectionKey key, ByteBuffer buffer) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        try {
            buffer.clear();
            SocketAddress from = channel.receive(buffer);
            if (from == null) {
                return;
            }
            byte[] data = new byte[buffer.position()];
            buffer.flip().get(data);
            if (key.attachment() instanceof NatMapping mapping) {
                fromOutside(mapping, (InetSocketAddress) from, data);
            } else {
                fromInside((InetSocketAddress) from, data);
            }
        } catch (IOException e) {
            // A single packet failing (an ICMP error surfacing, a port gone) must not stop the NAT.
            dropped.incrementAndGet();
        }
    }

    private void fromInside(InetSocketAddress host, byte[] frame) throws IOException {
        Optional<Datagram> datagram = GatewayFrame.decode(frame);
        if (datagram.isEmpty() || !insideHosts.contains(host)) {
            dropped.incrementAndGet();
            return;
        }
        NatMapping mapping = table.outbound(host, datagram.get().peer(), millis.getAsLong());
        DatagramChannel socket = publicSockets.get(mapping);
        if (socket == null) {
            // A new mapping, or one whose port could not be bound last time: bind it now.
            socket = open(mapping);
        }
        socket.send(ByteBuffer.wrap(datagram.get().payload()), datagram.get().peer());
        translatedOut.incrementAndGet();
    }

    private DatagramChannel open(NatMapping mapping) throws IOException {
        DatagramChannel socket = DatagramChannel.open();
        try {
            socket.bind(new InetSocketAddress(publicAddress, 0));
            socket.configureBlocking(false);
            socket.register(selector, SelectionKey.OP_READ, mapping);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        publicSockets.put(mapping, socket);
        mappingsCreated.incrementAndGet();
        return socket;
    }

    private void fromOutside(NatMapping mapping, InetSocketAddress source, byte[] payload) throws IOException {
        Optional<InetSocketAddress> host = table.inbound(mapping, source, millis.getAsLong());
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
        closed = true;
        selector.wakeup();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publicSockets.values().forEach(EmulatedNat::closeQuietly);
        attached.forEach(DatagramTransport::close);
        closeQuietly(gateway);
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
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
