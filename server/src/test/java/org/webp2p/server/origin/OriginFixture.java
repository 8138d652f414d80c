package org.webp2p.server.origin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.webp2p.server.config.Config;
import org.webp2p.server.service.NettyGroups;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.store.Store;

/** A started origin on a loopback port over a temporary data directory, and a client for it. */
final class OriginFixture implements AutoCloseable {
    static final String KEY = "test-publish-key";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Store store;
    private final NettyGroups netty = new NettyGroups(2);
    private final ServiceContext context;
    OriginService origin;

    OriginFixture(Path dataDir, Clock clock, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("origin.port", "0", "origin.bind", "127.0.0.1",
                "origin.publish-key", KEY));
        all.putAll(settings);
        store = Store.open(Store.embeddedUrl(dataDir), "sa", "");
        context = new ServiceContext(Config.defaults().with(all), netty, store, clock, dataDir);
        start();
    }

    OriginFixture(Path dataDir, Map<String, String> settings) throws Exception {
        this(dataDir, Clock.systemUTC(), settings);
    }

    /** Stops the origin and starts a new one on the same data directory and store. */
    void restart() throws Exception {
        origin.stop();
        start();
    }

    /** What the origin is started with, for a test that stops and starts the same service. */
    ServiceContext context() {
        return context;
    }

    private void start() throws Exception {
        origin = new OriginService();
        origin.start(context);
    }

    /**
     * A live playlist without its EXT-X-PROGRAM-DATE-TIME lines, which hold the wall-clock time each
     * segment arrived, for tests that compare the rest exactly.
     */
    static String withoutDates(String playlist) {
        return playlist.replaceAll("#EXT-X-PROGRAM-DATE-TIME:[^\\n]*\\n", "");
    }

    /** {@code size} bytes of {@code label} over and over: a segment whose bytes say which it is. */
    static byte[] segmentBytes(String label, int size) {
        byte[] b = new byte[size];
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            b[i] = l[i % l.length];
        }
        return b;
    }

    /** The digest tag written by hand from its definition, not by the code under test. */
    static String digestLine(byte[] data) throws NoSuchAlgorithmException {
        return "#EXT-X-WEBP2P-DIGEST:BYTES=" + data.length + ",SHA256=\""
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)) + "\"";
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + origin.boundAddresses().get(0).getPort() + pathAndQuery);
    }

    /** Where an encoder uploads {@code file} of {@code stream}: the key in the path, as ffmpeg needs it. */
    String publishUrl(String stream, String file) {
        return "/ingest/" + KEY + "/" + stream + "/" + file;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String text(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode());
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(String method, String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String stream, String file, byte[] body) throws IOException, InterruptedException {
        return send("PUT", publishUrl(stream, file), body);
    }

    HttpResponse<String> put(String stream, String file, String body) throws IOException, InterruptedException {
        return put(stream, file, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        origin.stop();
        netty.close();
        store.close();
    }
}
