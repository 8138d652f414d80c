package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WsCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A p2p-media-loader info hash and peer id, as they are on the wire. */
    private static final String HASH = "/OhCf44068LyQuGuhQ4O";
    private static final String PEER = "-PM0203-Ab3dEf6hIj9k";
    /** bittorrent-tracker's offer ids are 20 random bytes as characters, control characters included. */
    private static final String OFFER_ID = "\u0000\u0007\u001f\u007f\u0080\u00ff\u00e9abcdefghijklm";

    @Test
    void decodesAP2pMediaLoaderAnnounceWithItsOffers() throws Exception {
        String wire = """
                {"numwant":5,"uploaded":0,"downloaded":0,"event":"started","action":"announce",
                 "info_hash":"%s","peer_id":"%s",
                 "offers":[{"offer":{"type":"offer","sdp":"v=0\\r\\n"},
                            "offer_id":"\\u0000\\u0007\\u001f\u007f\u0080\u00ff\u00e9abcdefghijklm"}]}
                """.formatted(HASH, PEER);

        WsRequest.Announce a = (WsRequest.Announce) WsCodec.decode(wire);

        assertThat(a.infoHash()).isEqualTo(HASH);
        assertThat(a.peerId()).isEqualTo(PEER);
        assertThat(a.event()).isEqualTo(WsEvent.STARTED);
        assertThat(a.numwant()).isEqualTo(5);
        assertThat(a.relays()).as("one offer, so one peer even if five are wanted").isEqualTo(1);
        assertThat(a.seeder()).as("no left: a leecher").isFalse();
        assertThat(a.offers()).singleElement().satisfies(o -> {
            assertThat(o.offerId()).isEqualTo(OFFER_ID).hasSize(20);
            assertThat(o.offer().json()).as("kept as it came").isEqualTo("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
        });
    }

    @Test
    void anAnnounceWithAnAnswerIsAnAnswer() throws Exception {
        String wire = JSON.writeValueAsString(Map.of("action", "announce", "info_hash", HASH, "peer_id", PEER,
                "to_peer_id", "-PM0203-zzzzzzzzzzzz", "offer_id", OFFER_ID,
                "answer", Map.of("type", "answer", "sdp", "v=0")));

        WsRequest.Answer a = (WsRequest.Answer) WsCodec.decode(wire);

        assertThat(a.toPeerId()).isEqualTo("-PM0203-zzzzzzzzzzzz");
        assertThat(a.offerId()).isEqualTo(OFFER_ID);
        assertThat(JSON.readTree(a.answer().json()).get("type").asText()).isEqualTo("answer");
    }

    @Test
    void repliesRoundTripEveryIdCharacterForCharacter() throws Exception {
        ObjectNode sdp = JSON.createObjectNode().put("type", "offer").put("sdp", "v=0\r\na=x");
        String offerRelay = WsCodec.encode(new WsReply.OfferRelay(HASH, PEER, OFFER_ID, new RawJson(sdp.toString())));
        JsonNode o = JSON.readTree(offerRelay);
        assertThat(o.get("action").asText()).isEqualTo("announce");
        assertThat(o.get("offer_id").asText()).isEqualTo(OFFER_ID);
        assertThat(o.get("peer_id").asText()).isEqualTo(PEER);
        assertThat(o.get("info_hash").asText()).isEqualTo(HASH);
        assertThat(o.get("offer")).isEqualTo(sdp);

        JsonNode reply = JSON.readTree(WsCodec.encode(new WsReply.Announced(HASH, 120, 0, 3)));
        assertThat(reply.toString()).isEqualTo(
                "{\"action\":\"announce\",\"interval\":120,\"info_hash\":\"" + HASH + "\",\"complete\":0,\"incomplete\":3}");

        JsonNode scrape = JSON.readTree(WsCodec.encode(new WsReply.Scraped(Map.of(HASH, new WsReply.Counts(1, 2)), 120)));
        assertThat(scrape.get("files").get(HASH).get("incomplete").asInt()).isEqualTo(2);
        assertThat(scrape.get("flags").get("min_request_interval").asInt()).isEqualTo(120);
    }

    @Test
    void anOfferIsRelayedAsTheBytesItCameInAndIdsAreEscapedAsJsonRequires() throws Exception {
        // Escapes kept as escapes, raw non-ASCII kept as its UTF-8 bytes, odd spacing kept.
        String sdp = "{ \"type\":\"offer\", \"sdp\":\"v=0\\r\\na=x:\\u00e9\u00e9\\\"q\\\"\" }";
        String wire = "{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"" + PEER
                + "\",\"offers\":[{\"offer\":" + sdp + ",\"offer_id\":\"\\u0000\\\"\\\\\u00ffabcdefghijklmnop\"}]}";
        WsRequest.Offer offer = ((WsRequest.Announce) WsCodec.decode(wire)).offers().get(0);
        assertThat(offer.offerId()).isEqualTo("\u0000\"\\\u00ffabcdefghijklmnop");

        String relay = WsCodec.encode(new WsReply.OfferRelay(HASH, PEER, offer.offerId(), offer.offer()));

        assertThat(relay).isEqualTo("{\"action\":\"announce\",\"offer\":" + sdp
                + ",\"offer_id\":\"\\u0000\\\"\\\\\u00ffabcdefghijklmnop\",\"peer_id\":\"" + PEER
                + "\",\"info_hash\":\"" + HASH + "\"}");
        assertThat(JSON.readTree(relay).get("offer_id").asText()).isEqualTo(offer.offerId());
    }

    @Test
    void invalidFieldsAreRefusedWithTheInfoHashWhenItIsReadable() {
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"announce\",\"info_hash\":\"" + HASH
                + "\",\"peer_id\":\"short\"}"))
                .isInstanceOfSatisfying(WsRefusal.class, r -> {
                    assertThat(r.failure().infoHash()).isEqualTo(HASH);
                    assertThat(r.failure().action()).isEqualTo("announce");
                    assertThat(r.failure().reason()).startsWith("invalid peer_id");
                });
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"announce\",\"info_hash\":\"\u0100" + HASH.substring(1)
                + "\",\"peer_id\":\"" + PEER + "\"}"))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason())
                        .contains("U+0000-U+00FF"));
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"announce\",\"info_hash\":\"" + HASH
                + "\",\"peer_id\":\"" + PEER + "\",\"answer\":{\"sdp\":\"x\"}}"))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason()).contains("to_peer_id"));
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"announce\",\"info_hash\":\"" + HASH
                + "\",\"peer_id\":\"" + PEER + "\",\"event\":\"exploded\"}"))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason()).contains("exploded"));
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"dance\"}"))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason()).contains("dance"));
    }

    @Test
    void textThatIsNotAJsonObjectIsMalformed() {
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":")).isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> WsCodec.decode("[1,2]")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WsCodec.decode("")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aMessageInUtf16IsMalformedThoughItsBytesAreValidUtf8() {
        // ASCII in UTF-16 is ASCII and zero bytes, which pass the UTF-8 check; Jackson then read it as
        // UTF-16, had no byte offsets for the offer, and RawJson threw IllegalArgumentException.
        String announce = "{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"" + PEER
                + "\",\"offers\":[{\"offer_id\":\"abc\",\"offer\":{\"sdp\":\"x\"}}]}";
        for (Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            assertThatThrownBy(() -> WsCodec.decode(announce.getBytes(utf16))).as(utf16.name())
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void fieldsComeInAnyOrderAndAProblemStillNamesTheInfoHash() {
        assertThatThrownBy(() -> WsCodec.decode("{\"offers\":7,\"action\":\"announce\",\"peer_id\":\"" + PEER
                + "\",\"info_hash\":\"" + HASH + "\"}"))
                .isInstanceOfSatisfying(WsRefusal.class, r -> {
                    assertThat(r.failure().reason()).isEqualTo("offers must be an array");
                    assertThat(r.failure().infoHash()).isEqualTo(HASH);
                });
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"announce\"} trailing"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void scrapeTakesOneHashOrAnArray() throws Exception {
        assertThat(((WsRequest.Scrape) WsCodec.decode("{\"action\":\"scrape\",\"info_hash\":\"" + HASH + "\"}"))
                .infoHashes()).containsExactly(HASH);
        assertThat(((WsRequest.Scrape) WsCodec.decode("{\"action\":\"scrape\",\"info_hash\":[\"" + HASH + "\"]}"))
                .infoHashes()).containsExactly(HASH);
        assertThatThrownBy(() -> WsCodec.decode("{\"action\":\"scrape\"}")).isInstanceOf(WsRefusal.class);
    }
}
