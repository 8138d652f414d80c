package org.webp2p.server.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webp2p.server.EmbeddedHttp.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webp2p.server.EmbeddedHttp;
import org.webp2p.server.EmbeddedHttp.Answer;

/**
 * What the router and its handler answer, one row per request, through the real pipeline in an
 * embedded channel. Every refusal is JSON {@code {code, reason}}; a failing route is a 500, never an
 * exception that escapes or a client left waiting.
 */
class RoutingHandlerTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                // method, uri, body, headers, status, JSON code of a refusal (or a field of the answer), text in it
                Arguments.of(GET, "/things/7", "", new String[0], 200, "id", "7"),
                Arguments.of(GET, "/things/7?verbose=1", "", new String[0], 200, "from", "127.0.0.1"),
                Arguments.of(POST, "/things", "{\"a\":1}", new String[0], 201, "got", "{\"a\":1}"),
                Arguments.of(GET, "/nowhere", "", new String[0], 404, "not_found", "no resource at /nowhere"),
                Arguments.of(GET, "/things/", "", new String[0], 404, "not_found", "/things/"),
                Arguments.of(GET, "/things", "", new String[0], 405, "method_not_allowed", "use POST"),
                Arguments.of(DELETE, "/things/7", "", new String[0], 405, "method_not_allowed", "use GET"),
                Arguments.of(POST, "/health", "{}", new String[0], 405, "method_not_allowed", "use GET"),
                Arguments.of(GET, "/things/%zz", "", new String[0], 400, "bad_request", "%zz"),
                Arguments.of(POST, "/things", "{\"a\":", new String[0], 400, "bad_request", "invalid JSON body"),
                Arguments.of(POST, "/things", "", new String[0], 400, "bad_request", "request body is empty"),
                Arguments.of(GET, "/refuse", "", new String[0], 409, "busy", "come back later"),
                Arguments.of(GET, "/boom", "", new String[0], 500, "internal_error", "see its log"),
                Arguments.of(GET, "/guarded", "", new String[0], 401, "unauthorized", "Bearer"),
                Arguments.of(GET, "/guarded", "", new String[] {"Authorization", "Bearer nope"}, 401, "unauthorized",
                        "not this node's"),
                Arguments.of(GET, "/guarded", "", new String[] {"Authorization", "Bearer " + TestRoutes.TOKEN}, 200,
                        "secret", "42"),
                Arguments.of(GET, "/health", "", new String[0], 200, "status", "ok"));
    }

    @ParameterizedTest(name = "{0} {1} -> {4} {5}")
    @MethodSource("routes")
    void answersEveryRequestWithJson(HttpMethod method, String uri, String body, String[] headers, int status,
                                     String field, String text) throws Exception {
        TestRoutes t = new TestRoutes();

        List<Answer> answers = t.http.exchange(request(HTTP_1_1, method, uri,
                body.getBytes(StandardCharsets.UTF_8), headers));

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(status);
            assertThat(a.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
            assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(a.body().length));
            JsonNode json = Json.MAPPER.readTree(a.body());
            if (status >= 400) {
                assertThat(json.get("code").asText()).isEqualTo(field);
                assertThat(json.get("reason").asText()).contains(text);
            } else {
                assertThat(json.get(field).toString()).contains(text);
            }
            assertThat(a.keepsAlive()).as("a refusal leaves the connection usable").isTrue();
        });
        assertThat(t.http.isOpen()).isTrue();
        assertThat(t.handler.requests.sum()).isEqualTo(1);
        assertThat(t.handler.clientErrors.sum()).isEqualTo(status >= 400 && status < 500 ? 1 : 0);
        assertThat(t.handler.serverErrors.sum()).isEqualTo(status >= 500 ? 1 : 0);
        t.http.close();
    }

    @Test
    void headIsAnsweredAsGetWithoutTheBody() {
        TestRoutes t = new TestRoutes();

        List<Answer> answers = t.http.exchange(request(HTTP_1_1, GET, "/things/7"), request(HTTP_1_1, HEAD, "/things/7"),
                request(HTTP_1_1, HEAD, "/nowhere"));

        assertThat(answers).hasSize(3);
        Answer get = answers.get(0);
        Answer head = answers.get(1);
        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(get.body().length));
        assertThat(head.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(get.header(HttpHeaderNames.CONTENT_TYPE));
        assertThat(answers.get(2).status().code()).isEqualTo(404);
        assertThat(answers.get(2).body()).isEmpty();
        assertThat(t.http.isOpen()).isTrue();
        t.http.close();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("a length that is not a number",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\nhello"),
                Arguments.of("a header line without a colon",
                        "GET /health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"),
                Arguments.of("a request line longer than the decoder takes",
                        "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("two lengths that disagree",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRequestIs400AndTheLastOnItsConnection(String what, String wire) throws Exception {
        TestRoutes t = new TestRoutes();

        List<Answer> answers = t.http.exchangeRaw(wire + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(answers).as("nothing after a malformed request is read").singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(a.body()).get("code").asText()).isEqualTo("bad_request");
            assertThat(Json.MAPPER.readTree(a.body()).get("reason").asText()).startsWith("malformed HTTP request");
            assertThat(a.keepsAlive()).isFalse();
        });
        assertThat(t.http.isOpen()).isFalse();
        assertThat(t.handler.clientErrors.sum()).isEqualTo(1);
        t.http.close();
    }

    @Test
    void releasesTheRequestAndHandsOverTheAnswerWhole() {
        RoutingHandler handler = new TestRoutes().handler;
        EmbeddedChannel ch = EmbeddedHttp.channel(handler);
        FullHttpRequest req = new DefaultFullHttpRequest(HTTP_1_1, POST, "/echo",
                Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));

        ch.writeInbound(req);

        assertThat(req.refCnt()).as("the request is released once answered").isZero();
        FullHttpResponse res = ch.readOutbound();
        assertThat(res.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hello\"}");
        assertThat(res.refCnt()).isEqualTo(1);
        assertThat(res.release()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aRouteDefinedTwiceIsRefusedWhenDeclared() {
        Router router = new Router().get("/things/{id}", req -> null);

        assertThatThrownBy(() -> router.get("/things/{other}", req -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /things/{other}");
        router.post("/things/{id}", req -> null);
    }
}
