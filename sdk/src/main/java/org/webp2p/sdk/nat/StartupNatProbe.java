package org.webp2p.sdk.nat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.webp2p.nat.NatClassifier;
import org.webp2p.nat.NatReport;
import org.webp2p.nat.NatType;
import org.webp2p.nat.client.RetransmissionPolicy;
import org.webp2p.nat.transport.UdpTransport;

/**
 * Classifies the NAT in front of this client against the STUN servers a session plan lists, on a
 * thread of its own, since the STUN client blocks and playback must not wait for it.
 */
public final class StartupNatProbe {
    /**
     * Far shorter than RFC 8489's 39.5 s: at start a client would rather report UNKNOWN than wait.
     * 100 + 200 + 400 ms per transaction; a full classification runs at most five transactions.
     */
    static final RetransmissionPolicy QUICK = new RetransmissionPolicy(Duration.ofMillis(100), 3, 4);

    private final RetransmissionPolicy policy;

    public StartupNatProbe(RetransmissionPolicy policy) {
        this.policy = policy;
    }

    /** A probe with retransmissions short enough for start-up (about 3.5 s at worst per server). */
    public static StartupNatProbe quick() {
        return new StartupNatProbe(QUICK);
    }

    /**
     * Classifies against the first of {@code servers} ({@code host:port}) that answers.
     *
     * @param localAddress the address to probe from, or null for the one the system routes through
     * @return the type; {@link NatType#UDP_BLOCKED} if no server answered
     */
    public CompletableFuture<NatType> classify(List<String> servers, InetAddress localAddress) {
        CompletableFuture<NatType> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(classifyNow(servers, localAddress));
            } catch (RuntimeException | IOException e) {
                result.completeExceptionally(e);
            }
        }, "webp2p-nat-probe");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private NatType classifyNow(List<String> servers, InetAddress localAddress) throws IOException {
        IOException lastFailure = null;
        boolean probed = false;
        for (String s : servers) {
            InetSocketAddress server = hostPort(s);
            try (UdpTransport udp = UdpTransport.bind(new InetSocketAddress(routeTo(server, localAddress), 0))) {
                NatReport report = NatClassifier.over(udp, policy).classify(server);
                probed = true;
                if (report.type() != NatType.UDP_BLOCKED) {
                    return report.type();
                }
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        // Silence from every server means blocked; only local socket errors leave nothing to report.
        if (!probed && lastFailure != null) {
            throw lastFailure;
        }
        return NatType.UDP_BLOCKED;
    }

    /**
     * The local address packets to {@code server} leave from: the classifier must bind a specific
     * address, since a wildcard one never equals a mapped address and "no NAT" could not be seen.
     */
    private static InetAddress routeTo(InetSocketAddress server, InetAddress chosen) throws IOException {
        if (chosen != null) {
            return chosen;
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(server);
            return s.getLocalAddress();
        }
    }

    static InetSocketAddress hostPort(String hostPort) {
        URI u = URI.create("stun://" + hostPort);
        if (u.getHost() == null || u.getPort() < 0) {
            throw new IllegalArgumentException("not a host:port STUN address: " + hostPort);
        }
        return new InetSocketAddress(u.getHost(), u.getPort());
    }
}
