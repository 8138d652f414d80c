package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import java.io.IOException;

/**
 * A text message on the tracker's WebSocket, from any browser. Once the handler has checked it is
 * UTF-8, the codec reads it as a request or refuses it, as {@link MalformedMessageException} (the
 * connection is closed) or {@link WsRefusal} (a failure reply); nothing else may escape. An SDP it
 * keeps to relay is one JSON object exactly, so that a relay cannot carry anything else into
 * another peer's messages.
 */
class WsCodecFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest
    void readsARequestOrRefusesTheMessage(byte[] message) throws IOException {
        if (!Utf8.valid(Unpooled.wrappedBuffer(message), 0, message.length)) {
            return;
        }
        WsRequest request;
        try {
            request = WsCodec.decode(message);
        } catch (MalformedMessageException | WsRefusal refused) {
            return;
        }
        if (request instanceof WsRequest.Announce a) {
            for (WsRequest.Offer offer : a.offers()) {
                assertIsOneObject(offer.offer());
            }
        } else if (request instanceof WsRequest.Answer a) {
            assertIsOneObject(a.answer());
        }
    }

    private static void assertIsOneObject(RawJson sdp) throws IOException {
        assertThat(JSON.readTree(sdp.json()).isObject()).as(sdp.json()).isTrue();
        try (JsonParser parser = JSON.createParser(sdp.json())) {
            parser.nextToken();
            parser.skipChildren();
            assertThat(parser.nextToken()).as("after the object in " + sdp.json()).isNull();
        }
    }
}
