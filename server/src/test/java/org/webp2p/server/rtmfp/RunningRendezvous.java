package org.webp2p.server.rtmfp;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.webp2p.server.api.AccessToken;
import org.webp2p.server.api.TokenCodec;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigSchema;
import org.webp2p.server.service.NettyGroups;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.store.Store;

/** A started {@link RendezvousService} on loopback with everything it needs, closed in one call. */
final class RunningRendezvous implements AutoCloseable {
    static final String URI = "rtmfp://localhost/webp2p";

    final RendezvousService service = new RendezvousService();
    private final NettyGroups netty = new NettyGroups(2);
    private final Store store;
    private final Path dataDir;
    private final TokenCodec tokens;

    RunningRendezvous(Map<String, String> settings) throws Exception {
        dataDir = Files.createTempDirectory("rendezvous-test");
        store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            Map<String, String> all = new HashMap<>(Map.of("rendezvous.bind", "127.0.0.1", "rendezvous.port", "0"));
            all.putAll(settings);
            Config config = Config.of(ConfigSchema.standard(), all);
            tokens = new TokenCodec(TokenSecret.load(config, dataDir));
            service.start(new ServiceContext(config, netty, store, Clock.systemUTC(), dataDir));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    RunningRendezvous() throws Exception {
        this(Map.of());
    }

    InetSocketAddress address() {
        return service.boundAddresses().get(0);
    }

    /** A token this node accepts for {@code stream}, valid for an hour. */
    String tokenFor(String stream) {
        Instant now = Instant.now();
        return tokens.sign(new AccessToken(stream, "test", now, now.plus(Duration.ofHours(1))));
    }

    long metric(String name) {
        Number value = service.metrics().get(name);
        return value == null ? 0 : value.longValue();
    }

    @Override
    public void close() throws Exception {
        service.stop();
        netty.close();
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
