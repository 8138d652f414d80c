package org.webp2p.server.stun;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigSchema;
import org.webp2p.server.service.NettyGroups;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.store.Store;

/** A started {@link StunService} on loopback with everything it needs, closed in one call. */
final class RunningStunService implements AutoCloseable {
    final StunService service = new StunService();
    private final NettyGroups netty = new NettyGroups(2);
    private final Store store;
    private final Path dataDir;

    RunningStunService(Map<String, String> settings) throws Exception {
        dataDir = Files.createTempDirectory("stun-test");
        store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            Config config = Config.of(ConfigSchema.standard(), settings);
            service.start(new ServiceContext(config, netty, store, Clock.systemUTC(), dataDir));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Primary address and port only, alternate port picked freely. */
    static RunningStunService portsOnly() throws Exception {
        return new RunningStunService(Map.of("stun.bind", "127.0.0.1", "stun.port", "0", "stun.alt-port", "0"));
    }

    /** Four sockets: 127.0.0.1 and 127.0.0.2, each on two free ports. */
    static RunningStunService fourSockets() throws Exception {
        return new RunningStunService(Map.of("stun.bind", "127.0.0.1", "stun.port", "0", "stun.alt-port", "0",
                "stun.alt-bind", "127.0.0.2"));
    }

    InetSocketAddress primary() {
        return service.boundAddresses().get(0);
    }

    List<InetSocketAddress> bound() {
        return service.boundAddresses();
    }

    long metric(String name) {
        return service.metrics().get(name).longValue();
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
