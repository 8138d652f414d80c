package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WsTrackerHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "/OhCf44068LyQuGuhQ4O";

    private final WsCounters counters = new WsCounters();
    private final WsSwarms swarms = new WsSwarms(new WsLimits(Duration.ofSeconds(120), 10, 100, 100, 2),
            Clock.systemUTC(), new Random(1), h -> true, counters);

    /** A channel that looks like a socket from {@code host}, already upgraded. */
    private EmbeddedChannel upgraded(String host) {
        EmbeddedChannel ch = new EmbeddedChannel(new WsTrackerHandler(swarms, counters, Duration.ofMinutes(5), 65536)) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(host, 40000);
            }
        };
        ch.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/announce", new DefaultHttpHeaders(), null));
        return ch;
    }

    private static String announce(String peerId, int offers) {
        StringBuilder o = new StringBuilder();
        for (int i = 0; i < offers; i++) {
            o.append(i == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"sdp-").append(peerId)
                    .append("\"},\"offer_id\":\"offer_id_\u00e9\\u0001").append("%09d".formatted(i)).append("\"}");
        }
        return "{\"action\":\"announce\",\"event\":\"started\",\"numwant\":5,\"info_hash\":\"" + HASH
                + "\",\"peer_id\":\"" + peerId + "\",\"offers\":[" + o + "]}";
    }

    /** Frames sent but not read yet, per channel: one write may carry several. */
    private final Map<EmbeddedChannel, Queue<Object>> unread = new HashMap<>();

    /**
     * The next message sent, as a frame: relays and replies leave already framed, as bytes (TextFrames),
     * which a client's decoder reads here as a browser's would.
     */
    private Object readOutbound(EmbeddedChannel ch) {
        Queue<Object> frames = unread.computeIfAbsent(ch, c -> new ArrayDeque<>());
        if (frames.isEmpty()) {
            ch.runPendingTasks();
            Object out = ch.readOutbound();
            if (!(out instanceof ByteBuf bytes)) {
                return out;
            }
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
            client.writeInbound(bytes);
            for (Object f = client.readInbound(); f != null; f = client.readInbound()) {
                frames.add(f);
            }
            client.finishAndReleaseAll();
        }
        return frames.poll();
    }

    private JsonNode readText(EmbeddedChannel ch) throws Exception {
        Object sent = readOutbound(ch);
        assertThat(sent).as("a text frame was sent").isInstanceOf(TextWebSocketFrame.class);
        TextWebSocketFrame f = (TextWebSocketFrame) sent;
        try {
            return JSON.readTree(f.text());
        } finally {
            f.release();
        }
    }

    private CloseWebSocketFrame readClose(EmbeddedChannel ch) {
        Object f = readOutbound(ch);
        while (f instanceof TextWebSocketFrame t) {
            t.release();
            f = readOutbound(ch);
        }
        assertThat(f).isInstanceOf(CloseWebSocketFrame.class);
        return (CloseWebSocketFrame) f;
    }

    @Test
    void anOfferTravelsToTheOtherPeerAndItsAnswerComesBack() throws Exception {
        EmbeddedChannel a = upgraded("198.51.100.1");
        EmbeddedChannel b = upgraded("198.51.100.2");
        a.writeInbound(new TextWebSocketFrame(announce("-PM0203-aaaaaaaaaaaa", 0)));
        assertThat(readText(a).get("interval").asInt()).isEqualTo(120);

        b.writeInbound(new TextWebSocketFrame(announce("-PM0203-bbbbbbbbbbbb", 3)));
        JsonNode reply = readText(b);
        assertThat(reply.get("incomplete").asInt()).isEqualTo(2);
        assertThat(readOutbound(b)).as("no offer of its own comes back").isNull();

        JsonNode offer = readText(a);
        assertThat(offer.get("peer_id").asText()).isEqualTo("-PM0203-bbbbbbbbbbbb");
        assertThat(offer.get("offer").get("sdp").asText()).isEqualTo("sdp--PM0203-bbbbbbbbbbbb");
        String offerId = offer.get("offer_id").asText();
        assertThat(offerId).startsWith("offer_id_\u00e9\u0001");

        a.writeInbound(new TextWebSocketFrame(JSON.writeValueAsString(JSON.createObjectNode()
                .put("action", "announce").put("info_hash", HASH).put("peer_id", "-PM0203-aaaaaaaaaaaa")
                .put("to_peer_id", "-PM0203-bbbbbbbbbbbb").put("offer_id", offerId)
                .set("answer", JSON.createObjectNode().put("type", "answer").put("sdp", "answer-sdp")))));
        assertThat(readOutbound(a)).as("the answerer gets no reply").isNull();
        JsonNode answer = readText(b);
        assertThat(answer.get("answer").get("sdp").asText()).isEqualTo("answer-sdp");
        assertThat(answer.get("offer_id").asText()).isEqualTo(offerId);
        assertThat(answer.get("peer_id").asText()).isEqualTo("-PM0203-aaaaaaaaaaaa");

        a.close();
        assertThat(swarms.swarms()).singleElement().satisfies(s -> assertThat(s.peers()).isEqualTo(1));
        assertThat(a.finishAndReleaseAll()).isFalse();
        b.finishAndReleaseAll();
    }

    @Test
    void messagesForOneSocketLeaveInOneWriteOnceItsLoopHasReadEverySocket() throws Exception {
        EmbeddedChannel a = upgraded("198.51.100.1");
        EmbeddedChannel b = upgraded("198.51.100.2");
        a.writeInbound(new TextWebSocketFrame(announce("-PM0203-aaaaaaaaaaaa", 0)));
        b.writeInbound(new TextWebSocketFrame(announce("-PM0203-bbbbbbbbbbbb", 0)));
        readText(a);
        readText(b);

        // Two announces with an offer each reach a before its loop runs its tasks, as in one pass of epoll.
        b.writeInbound(new TextWebSocketFrame(announce("-PM0203-bbbbbbbbbbbb", 1)));
        b.writeInbound(new TextWebSocketFrame(announce("-PM0203-bbbbbbbbbbbb", 1)));
        assertThat((Object) a.readOutbound()).as("nothing written before the loop's pass ends").isNull();
        a.runPendingTasks();

        assertThat(a.outboundMessages()).as("one write").hasSize(1);
        assertThat(readText(a).get("offer_id").asText()).endsWith("000000000");
        assertThat(readText(a).get("offer_id").asText()).endsWith("000000000");
        assertThat(readOutbound(a)).isNull();
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    @Test
    void anInvalidAnnounceIsAnsweredWithAFailureReasonAndTheSocketStays() throws Exception {
        EmbeddedChannel ch = upgraded("198.51.100.1");
        ch.writeInbound(new TextWebSocketFrame("{\"action\":\"announce\",\"info_hash\":\"" + HASH
                + "\",\"peer_id\":\"too-short\"}"));

        JsonNode failure = readText(ch);
        assertThat(failure.get("failure reason").asText()).startsWith("invalid peer_id");
        assertThat(failure.get("info_hash").asText()).isEqualTo(HASH);
        assertThat(ch.isActive()).isTrue();
        assertThat(counters.refusedCount(WsCounters.Refused.INVALID)).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedJsonClosesWithInvalidPayloadAndTheReason() {
        EmbeddedChannel ch = upgraded("198.51.100.1");
        ch.writeInbound(new TextWebSocketFrame("{\"action\":\"announce\","));

        CloseWebSocketFrame close = readClose(ch);
        assertThat(close.statusCode()).isEqualTo(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code());
        assertThat(close.reasonText()).startsWith("malformed JSON");
        close.release();
        assertThat(ch.isActive()).isFalse();
        assertThat(counters.refusedCount(WsCounters.Refused.MALFORMED)).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void textThatIsNotUtf8ClosesWithInvalidPayloadAndWellFormedTextPasses() throws Exception {
        EmbeddedChannel good = upgraded("198.51.100.1");
        good.writeInbound(new TextWebSocketFrame(Unpooled.copiedBuffer(
                "{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"-PM0203-\u00e9\u00e9\u00e9\u00e9\u00e9"
                        + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\",\"x\":\"\u20ac \ud83d\ude00\"}", StandardCharsets.UTF_8)));
        assertThat(readText(good).get("interval").asInt()).as("a reply, not a close").isEqualTo(120);

        EmbeddedChannel bad = upgraded("198.51.100.2");
        ByteBuf overlong = Unpooled.buffer().writeBytes("{\"action\":\"announce\",\"x\":\"".getBytes(StandardCharsets.UTF_8))
                .writeByte(0xC0).writeByte(0xAF).writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        bad.writeInbound(new TextWebSocketFrame(overlong));

        CloseWebSocketFrame close = readClose(bad);
        assertThat(close.statusCode()).isEqualTo(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code());
        assertThat(close.reasonText()).isEqualTo("bytes are not UTF-8");
        close.release();
        assertThat(bad.isActive()).isFalse();
        assertThat(counters.refusedCount(WsCounters.Refused.MALFORMED)).isEqualTo(1);
        good.finishAndReleaseAll();
        bad.finishAndReleaseAll();
    }

    @Test
    void binaryFramesCloseWithUnsupportedData() {
        EmbeddedChannel ch = upgraded("198.51.100.1");
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));

        CloseWebSocketFrame close = readClose(ch);
        assertThat(close.statusCode()).isEqualTo(1003);
        close.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedMessageGetsAFailureReasonThenMessageTooBig() throws Exception {
        EmbeddedChannel ch = upgraded("198.51.100.1");
        ch.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "Max frame length of 65536 has been exceeded."));

        assertThat(readText(ch).get("failure reason").asText()).isEqualTo("message larger than 65536 bytes");
        CloseWebSocketFrame close = readClose(ch);
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
        assertThat(counters.refusedCount(WsCounters.Refused.FRAME_SIZE)).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void aThirdSocketFromOneAddressIsRefusedAtTheHandshake() throws Exception {
        EmbeddedChannel first = upgraded("198.51.100.9");
        EmbeddedChannel second = upgraded("198.51.100.9");
        EmbeddedChannel third = upgraded("198.51.100.9");

        assertThat(readText(third).get("failure reason").asText()).contains("too many connections");
        CloseWebSocketFrame close = readClose(third);
        assertThat(close.statusCode()).isEqualTo(1008);
        close.release();
        assertThat(swarms.sockets()).isEqualTo(2);
        first.close();
        assertThat(swarms.sockets()).isEqualTo(1);
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
        third.finishAndReleaseAll();
    }
}
