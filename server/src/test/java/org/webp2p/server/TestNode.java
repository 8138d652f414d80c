package org.webp2p.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.config.Config;

/** A real node for tests: every service on loopback, ephemeral ports, a throwaway data directory. */
public final class TestNode implements AutoCloseable {
    private final Path dataDir;
    private final Config config;
    private final Clock clock;
    private ServerRuntime runtime;

    private TestNode(Path dataDir, Config config, Clock clock) throws Exception {
        this.dataDir = dataDir;
        this.config = config;
        this.clock = clock;
        this.runtime = ServerRuntime.open(config, dataDir, clock);
    }

    public static TestNode open(Map<String, String> overrides) throws Exception {
        return open(overrides, Clock.systemUTC());
    }

    /** A node whose services all read {@code clock}, so a test can move time instead of waiting for it. */
    public static TestNode open(Map<String, String> overrides, Clock clock) throws Exception {
        return new TestNode(Files.createTempDirectory("webp2p-test"), loopbackConfig(overrides), clock);
    }

    /** Stops everything as a process exit would, then opens a fresh runtime on the same data. */
    public ServerRuntime restart() throws Exception {
        runtime.close();
        runtime = ServerRuntime.open(config, dataDir, clock);
        return runtime;
    }

    /** Defaults moved to loopback and port 0, with {@code overrides} on top. */
    public static Config loopbackConfig(Map<String, String> overrides) throws Exception {
        return Config.defaults().with(Config.loopbackOnFreePorts()).with(overrides);
    }

    public ServerRuntime runtime() {
        return runtime;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * A session ticket this node's pingback takes, as the API issues it, for a session that began a
     * minute ago (so a first beacon may carry that long's worth of bytes) and lasts the hour.
     */
    public String ticket(String sessionId, @Nullable String peerId, String stream) {
        Instant now = clock.instant();
        try {
            return SessionTickets.load(config, dataDir).issue(new SessionTicket(sessionId, peerId, stream, "test",
                    now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address(String service) {
        return runtime.services().status(service).primaryAddress()
                .orElseThrow(() -> new IllegalStateException(service + " has no bound address"));
    }

    /**
     * A session ticket as this node's API would hand session {@code session} of {@code stream} to a
     * client that named {@code peerId} (or none, null), good until {@code expires}: what announces carry.
     */
    public String ticket(String session, String peerId, String stream, Instant expires) throws IOException {
        return SessionTickets.load(config, dataDir).issue(new SessionTicket(session, peerId, stream, "test",
                expires.minus(Duration.ofHours(1)), expires));
    }

    /** {@link #ticket(String, String, String, Instant)} of session "session-PEER", good for an hour. */
    public String ticket(String peerId, String stream) throws IOException {
        return ticket("session-" + peerId, peerId, stream, clock.instant().plus(Duration.ofHours(1)));
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts TCP connections on loopback {@code port} right now. */
    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this process can listen on {@code port} right now, proof that nothing else holds it. */
    public static boolean canBind(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        runtime.close();
        deleteTree(dataDir);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
