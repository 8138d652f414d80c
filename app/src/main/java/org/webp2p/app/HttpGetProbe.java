package org.webp2p.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Fetches one path over HTTP and expects 200 with a body that carries the service's own marker. */
final class HttpGetProbe implements ServiceProbe {
    /** Enough of any answer a probe fetches to find its marker; more is not read. */
    private static final int MAX_BODY = 16 * 1024;

    private final String path;
    private final String marker;
    private final Duration timeout;

    /**
     * @param path   what to fetch, e.g. {@code /health}
     * @param marker text a right answer contains, so an unrelated server on the port that also
     *               says 200 is not taken for ours
     */
    HttpGetProbe(String path, String marker, Duration timeout) {
        this.path = path;
        this.marker = marker;
        this.timeout = timeout;
    }

    @Override
    public String probe(InetSocketAddress address) throws ProbeFailure {
        String host = address.getAddress().getHostAddress();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + path);
        long started = System.nanoTime();
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new ProbeFailure("GET " + path + " answered " + status);
            }
            if (!readStart(connection.getInputStream()).contains(marker)) {
                throw new ProbeFailure("GET " + path + " answered 200 without " + marker);
            }
            return "GET " + path + " 200 in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
        } catch (IOException e) {
            throw new ProbeFailure("GET " + path + " failed: " + e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String readStart(InputStream in) throws IOException {
        try (in) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
    }
}
