package org.webp2p.server.service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.webp2p.server.config.Config;
import org.webp2p.server.store.Store;

/** What a service receives at start: configuration, shared event loops, the store, time and disk. */
public record ServiceContext(Config config, NettyGroups netty, Store store, Clock clock, Path dataDir) {
    public ServiceContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(netty, "netty");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
