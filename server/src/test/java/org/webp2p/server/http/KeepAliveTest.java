package org.webp2p.server.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_0;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.webp2p.server.EmbeddedHttp.request;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webp2p.server.EmbeddedHttp.Answer;

/**
 * Whether a connection stays open after an answer, decided in one place (Netty's
 * HttpServerKeepAliveHandler) for every outcome: one row per request, through the real pipeline.
 */
class KeepAliveTest {
    private static final String NONE = null;

    static Stream<Arguments> outcomes() {
        return Stream.of(
                // version, request's Connection header, method, uri, body size, status, stays open
                Arguments.of(HTTP_1_1, NONE, GET, "/health", 0, 200, true),
                Arguments.of(HTTP_1_1, "keep-alive", GET, "/health", 0, 200, true),
                Arguments.of(HTTP_1_1, "close", GET, "/health", 0, 200, false),
                Arguments.of(HTTP_1_1, "Close", GET, "/health", 0, 200, false),
                Arguments.of(HTTP_1_0, NONE, GET, "/health", 0, 200, false),
                Arguments.of(HTTP_1_0, "keep-alive", GET, "/health", 0, 200, true),
                Arguments.of(HTTP_1_0, "close", GET, "/health", 0, 200, false),
                Arguments.of(HTTP_1_1, NONE, HEAD, "/health", 0, 200, true),
                Arguments.of(HTTP_1_1, "close", HEAD, "/health", 0, 200, false),
                Arguments.of(HTTP_1_0, NONE, HEAD, "/health", 0, 200, false),
                Arguments.of(HTTP_1_1, NONE, GET, "/nowhere", 0, 404, true),
                Arguments.of(HTTP_1_1, NONE, POST, "/health", 2, 405, true),
                Arguments.of(HTTP_1_1, NONE, GET, "/guarded", 0, 401, true),
                Arguments.of(HTTP_1_1, NONE, GET, "/boom", 0, 500, true),
                Arguments.of(HTTP_1_1, "close", GET, "/boom", 0, 500, false),
                Arguments.of(HTTP_1_0, NONE, GET, "/nowhere", 0, 404, false),
                Arguments.of(HTTP_1_1, NONE, POST, "/echo", TestRoutes.MAX_BODY, 200, true),
                // The body beyond the limit is still on the wire: the connection cannot be read further.
                Arguments.of(HTTP_1_1, NONE, POST, "/echo", TestRoutes.MAX_BODY + 1, 413, false),
                Arguments.of(HTTP_1_0, "keep-alive", POST, "/echo", TestRoutes.MAX_BODY + 1, 413, false));
    }

    @ParameterizedTest(name = "{0} Connection: {1} {2} {3} ({4} bytes) -> {5}, open: {6}")
    @MethodSource("outcomes")
    void oneOwnerDecidesWhetherTheConnectionStaysOpen(HttpVersion version, String connection, HttpMethod method,
                                                      String uri, int bodySize, int status, boolean open) {
        TestRoutes t = new TestRoutes();
        FullHttpRequest req = connection == null ? request(version, method, uri, new byte[bodySize])
                : request(version, method, uri, new byte[bodySize], "Connection", connection);

        List<Answer> answers = t.http.exchange(req);

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(status);
            assertThat(a.keepsAlive()).as("the answer tells the client what the server does").isEqualTo(open);
            assertThat(a.headers().getAll(HttpHeaderNames.CONNECTION)).as("one Connection header at most")
                    .hasSizeLessThanOrEqualTo(1);
        });
        assertThat(t.http.isOpen()).isEqualTo(open);
        t.http.close();
    }

    @Test
    void pipelinedRequestsAreAllAnsweredBeforeTheOneThatAskedToClose() {
        TestRoutes t = new TestRoutes();

        List<Answer> answers = t.http.exchange(request(HTTP_1_1, GET, "/things/1"),
                request(HTTP_1_1, GET, "/nowhere"), request(HTTP_1_1, GET, "/things/3", "Connection", "close"));

        assertThat(answers).extracting(a -> a.status().code()).containsExactly(200, 404, 200);
        assertThat(answers).extracting(Answer::keepsAlive).containsExactly(true, true, false);
        assertThat(t.http.isOpen()).isFalse();
        t.http.close();
    }

    @Test
    void aKeptConnectionServesTheNextRequest() {
        TestRoutes t = new TestRoutes();

        assertThat(t.http.exchange(request(HTTP_1_0, GET, "/things/1", "Connection", "keep-alive")))
                .singleElement().satisfies(a -> assertThat(a.status().code()).isEqualTo(200));
        assertThat(t.http.exchange(request(HTTP_1_1, GET, "/things/2")))
                .singleElement().satisfies(a -> assertThat(a.text()).contains("\"2\""));

        assertThat(t.handler.requests.sum()).isEqualTo(2);
        assertThat(t.http.isOpen()).isTrue();
        t.http.close();
    }
}
