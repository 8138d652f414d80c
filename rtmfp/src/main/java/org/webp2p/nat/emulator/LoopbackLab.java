package org.webp2p.nat.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.webp2p.nat.NatType;
import org.webp2p.nat.transport.DatagramTransport;
import org.webp2p.nat.transport.UdpTransport;

/**
 * Hands out hosts on loopback, each open or behind its own emulated NAT, with addresses that never
 * collide: private hosts on 127.1.x.y, NAT public addresses on 127.2.x.y, open hosts on 127.3.x.y.
 * Linux routes all of 127/8 to the loopback interface, so this needs no setup. Closing the lab closes
 * everything it made. A swarm simulator makes one lab and asks it for a host per peer; all the lab's
 * NATs share one {@link NatReactor} thread.
 */
public final class LoopbackLab implements AutoCloseable {
    /** Hosts per /16 before the next octet is used; .0 and the top of each block are never handed out. */
    private static final int HOSTS_PER_BLOCK = 250;

    private final Duration mappingTimeout;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private NatReactor reactor;
    private int nextNat;
    private int nextOpen;

    /** @param mappingTimeout how long an idle mapping lives in every NAT of this lab */
    public LoopbackLab(Duration mappingTimeout) {
        this.mappingTimeout = mappingTimeout;
    }

    /**
     * A new host of this type: a plain socket on its own address for {@link NatType#OPEN}, else a host
     * alone behind a new NAT of that type.
     */
    public synchronized DatagramTransport host(NatType type) throws IOException {
        if (type == NatType.OPEN) {
            return own(UdpTransport.bind(new InetSocketAddress(address(3, nextOpen++), 0)));
        }
        EmulatedNat nat = nat(NatProfile.of(type));
        return nat.attach(nat.insideAddress());
    }

    /**
     * A new NAT with its own public address. Attach any number of hosts to it, for instance on its
     * {@link EmulatedNat#insideAddress()}: each socket is a separate inside endpoint.
     */
    public synchronized EmulatedNat nat(NatProfile profile) throws IOException {
        if (reactor == null) {
            reactor = NatReactor.start("loopback-lab-nat");
        }
        int n = nextNat++;
        return own(EmulatedNat.start(reactor, profile, address(2, n), address(1, n), mappingTimeout));
    }

    private static InetAddress address(int network, int n) throws UnknownHostException {
        if (n >= HOSTS_PER_BLOCK * 256) {
            throw new IllegalStateException("loopback lab is out of addresses");
        }
        byte[] octets = {127, (byte) network, (byte) (n / HOSTS_PER_BLOCK), (byte) (n % HOSTS_PER_BLOCK + 1)};
        return InetAddress.getByAddress(octets);
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /** Closes every host and NAT made here, freeing their ports, and stops the NAT thread. */
    @Override
    public synchronized void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                // Keep closing the rest; a socket that fails to close has released its port anyway.
            }
        }
        owned.clear();
        if (reactor != null) {
            reactor.close();
            reactor = null;
        }
    }
}
