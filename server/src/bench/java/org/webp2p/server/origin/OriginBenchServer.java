package org.webp2p.server.origin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.webp2p.server.config.Config;
import org.webp2p.server.service.NettyGroups;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.store.Store;

/**
 * The origin alone, for {@code origin-vs-nginx.sh}: serves a VOD root and publishes one of its files
 * as a live segment (held in memory), then runs until killed.
 *
 * <p>Arguments: data directory, VOD root, port, I/O threads, file to publish as live segment.
 */
public final class OriginBenchServer {
    private OriginBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        NettyGroups netty = new NettyGroups(Integer.parseInt(args[3]));
        Store store = Store.open(Store.embeddedUrl(data), "sa", "");
        Config config = Config.defaults().with(Map.of("origin.bind", "127.0.0.1", "origin.port", args[2],
                "origin.vod-roots", args[1], "origin.publish-key", "bench", "origin.ended-after", "1h"));
        OriginService origin = new OriginService();
        origin.start(new ServiceContext(config, netty, store, Clock.systemUTC(), data));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            origin.stop();
            netty.close();
            store.close();
        }));

        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + args[2] + "/ingest/bench/bench/";
        put(http, base + "index0.ts", Files.readAllBytes(Path.of(args[4])));
        put(http, base + "index.m3u8",
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nindex0.ts\n".getBytes());
        System.out.println("ready");
        new CountDownLatch(1).await();
    }

    private static void put(HttpClient http, String url, byte[] body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("publishing " + url + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
