package org.webp2p.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {
    private static final String BODY = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n";
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\n"
            + "Cache-Control: max-age=1\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
            .getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void eachAnswerSaysWhatItTookOnTheWireHeadersIncludedAlsoOnAKeptConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpFetcher http = new HttpFetcher(group, null)) {
            Thread origin = new Thread(() -> answerTwice(server));
            origin.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/live/demo/index.m3u8");

            HttpResult first = http.get(uri, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            HttpResult second = http.get(uri, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            origin.join(10_000);

            assertThat(first.text()).isEqualTo(BODY);
            assertThat(first.wireBytes()).isEqualTo(RESPONSE.length);
            assertThat(second.wireBytes()).as("the second answer on the same connection alone").isEqualTo(RESPONSE.length);
        }
    }

    @Test
    void aConditionalGetSendsTheTagAndANotModifiedAnswerHasNoBody() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpFetcher http = new HttpFetcher(group, null)) {
            StringBuilder head = new StringBuilder();
            Thread origin = new Thread(() -> {
                try (Socket s = server.accept()) {
                    head.append(readRequestHead(s.getInputStream()));
                    s.getOutputStream().write("HTTP/1.1 304 Not Modified\r\nETag: \"v7\"\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            origin.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/live/demo/index.m3u8");

            HttpResult r = http.getIfChanged(uri, "\"v7\"", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            origin.join(10_000);

            assertThat(head.toString().toLowerCase()).contains("if-none-match: \"v7\"");
            assertThat(r.status()).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(r.wireBytes()).as("the answer's head alone").isPositive();
        }
    }

    @Test
    void aDownloadShowsItsBodyWhileItArrivesAndAbandoningItClosesItsConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpFetcher http = new HttpFetcher(group, null)) {
            CompletableFuture<Boolean> closedByClient = new CompletableFuture<>();
            Thread origin = new Thread(() -> answerATenthThenWait(server, closedByClient));
            origin.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/live/demo/180p/seg7.ts");

            HttpDownload download = http.download(uri, 0, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(download::bodyBytes, bytes -> bytes == 10_000);
            assertThat(download.expectedBytes()).isEqualTo(100_000);
            assertThat(download.result()).isNotDone();

            download.abandon();
            assertThat(download.result()).isCompletedExceptionally();
            assertThatThrownBy(() -> download.result().get()).isInstanceOf(CancellationException.class);
            assertThat(closedByClient.get(10, TimeUnit.SECONDS)).as("the origin sees the connection closed").isTrue();
            origin.join(10_000);
        }
    }

    /** Announces 100 kB, sends a tenth of it, and waits for the client to close the connection. */
    private static void answerATenthThenWait(ServerSocket server, CompletableFuture<Boolean> closedByClient) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            readRequestHead(in);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[10_000]);
            out.flush();
            s.setSoTimeout(20_000);
            closedByClient.complete(in.read() < 0);
        } catch (IOException e) {
            closedByClient.complete(true); // reset by the client's close
        }
    }

    /** Two requests on one kept-alive connection, each answered with the same bytes. */
    private static void answerTwice(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 2; i++) {
                readRequestHead(in);
                out.write(RESPONSE);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a request's head, up to the blank line, and returns it. */
    private static String readRequestHead(InputStream in) throws IOException {
        byte[] end = {'\r', '\n', '\r', '\n'};
        StringBuilder head = new StringBuilder();
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request cut short");
            }
            head.append((char) b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString();
    }
}
