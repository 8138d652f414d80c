package org.webp2p.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.admin.AdminService;
import org.webp2p.server.api.ApiService;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.PrivateFiles;
import org.webp2p.server.config.StoreSettings;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.rtmfp.RendezvousService;
import org.webp2p.server.rtmp.RtmpService;
import org.webp2p.server.service.EventLog;
import org.webp2p.server.service.NettyGroups;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.store.Store;
import org.webp2p.server.store.StoreException;
import org.webp2p.server.stun.StunService;
import org.webp2p.server.tracker.TrackerService;

/**
 * Everything a node runs, wired once: store, shared event loops and every service under one
 * manager. The console and headless mode both drive this, so they cannot drift apart.
 */
public final class ServerRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerRuntime.class);

    private final Config config;
    private final Path dataDir;
    private final Store store;
    private final EventLog events;
    private final NettyGroups netty;
    private final ServiceManager manager;

    private ServerRuntime(Config config, Path dataDir, Store store, NettyGroups netty, Clock clock) {
        this.config = config;
        this.dataDir = dataDir;
        this.store = store;
        this.events = EventLog.in(store);
        this.netty = netty;
        ServiceContext context = new ServiceContext(config, netty, store, clock, dataDir);
        List<Service> services = new ArrayList<>();
        OriginService origin = new OriginService(() -> apiPort());
        services.add(origin);
        services.add(new RtmpService(origin.liveIngest(), line -> services().note(RtmpService.NAME, line)));
        services.add(new StunService());
        services.add(new RendezvousService());
        services.add(new TrackerService(origin::entryPlaylists));
        services.add(new PingbackService());
        services.add(new ApiService(this::services));
        services.add(new AdminService(this::services));
        this.manager = new ServiceManager(context, services);
        manager.addListener(event -> {
            try {
                events.append(event);
            } catch (SQLException e) {
                log.warn("cannot record {} in the event log", event, e);
            }
        });
    }

    /** Opens the store in (or as configured for) {@code dataDir}; services are not started yet. */
    public static ServerRuntime open(Config config, Path dataDir, Clock clock) throws StoreException, IOException {
        PrivateFiles.createDirectories(dataDir);
        String url = config.get(StoreSettings.URL);
        if (url.isBlank()) {
            // The embedded store holds the generated publish key.
            PrivateFiles.restrictToOwner(PrivateFiles.createDirectories(Store.embeddedDirectory(dataDir)));
            url = Store.embeddedUrl(dataDir);
        }
        Store store = Store.open(url, config.get(StoreSettings.USER), config.get(StoreSettings.PASSWORD));
        return new ServerRuntime(config, dataDir, store, new NettyGroups(), clock);
    }

    /** Where the player pages the origin serves find the API: its port while it runs. */
    private OptionalInt apiPort() {
        return manager.runningAddress(ApiService.NAME).map(a -> OptionalInt.of(a.getPort())).orElse(OptionalInt.empty());
    }

    public ServiceManager services() {
        return manager;
    }

    /** Every service state change, kept in the store across restarts. */
    public EventLog events() {
        return events;
    }

    public Store store() {
        return store;
    }

    public Config config() {
        return config;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops every service, then the event loops, then the store, in that order so nothing is lost. */
    @Override
    public void close() {
        try {
            manager.stopAll();
        } finally {
            try {
                netty.close();
            } finally {
                store.close();
            }
        }
    }
}
