package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.config.Config;
import org.webp2p.server.service.NettyGroups;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.store.Store;

class OriginUnderServiceManagerTest {
    @TempDir
    Path dataDir;

    @Test
    void runsUnderTheServiceManagerAndReportsAFailedStartReadably() throws Exception {
        try (Store store = Store.open(Store.embeddedUrl(dataDir), "sa", "");
             NettyGroups netty = new NettyGroups(2)) {
            Config config = Config.defaults().with(Map.of("origin.port", "0", "origin.bind", "127.0.0.1"));
            ServiceContext context = new ServiceContext(config, netty, store, Clock.systemUTC(), dataDir);
            try (ServiceManager manager = new ServiceManager(context, List.of(new OriginService()))) {
                manager.start(OriginService.NAME);

                var status = manager.status(OriginService.NAME);
                assertThat(status.state()).isEqualTo(ServiceState.RUNNING);
                int port = status.addresses().get(0).getPort();
                HttpResponse<String> demo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/live/demo/index.m3u8")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(demo.statusCode()).isEqualTo(200);
                assertThat(manager.status(OriginService.NAME).metrics()).containsEntry("requests", 1L);
                String key = manager.service(OriginService.NAME, OriginService.class).publishKey().orElseThrow();
                assertThat(store.settings().get(OriginService.PUBLISH_KEY_SETTING)).contains(key);
            }

            Config missingRoot = config.with(Map.of("origin.vod-roots", dataDir.resolve("none").toString()));
            ServiceContext bad = new ServiceContext(missingRoot, netty, store, Clock.systemUTC(), dataDir);
            try (ServiceManager manager = new ServiceManager(bad, List.of(new OriginService()))) {
                manager.start(OriginService.NAME);

                assertThat(manager.status(OriginService.NAME).state()).isEqualTo(ServiceState.FAILED);
                assertThat(manager.status(OriginService.NAME).lastError()).contains("origin.vod-roots", "none");
                assertThat(Files.exists(dataDir.resolve("none"))).isFalse();
            }
        }
    }
}
