package org.webp2p.server.tracker.ws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON text to {@link WsRequest} and {@link WsReply} to JSON text, in the shapes bittorrent-tracker
 * 11 reads and writes. Stateless and thread-safe.
 */
public final class WsCodec {
    /** A scrape names its swarms; more than this many in one is not a client, it is a sweep. */
    public static final int MAX_SCRAPE = 100;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private WsCodec() {
    }

    /**
     * @throws MalformedMessageException when {@code text} is not a JSON object
     * @throws WsRefusal                 when it is one but not a valid announce or scrape
     */
    public static WsRequest decode(String text) throws MalformedMessageException, WsRefusal {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("a message must be a JSON object");
        }
        JsonNode action = root.get("action");
        String name = action != null && action.isTextual() ? action.asText() : null;
        if ("announce".equals(name)) {
            return announce((ObjectNode) root);
        }
        if ("scrape".equals(name)) {
            return scrape(root);
        }
        throw new WsRefusal(null, null, "invalid action in WS request: " + (name == null ? root.get("action") : name));
    }

    private static WsRequest announce(ObjectNode m) throws WsRefusal {
        String infoHash = text(m, "info_hash");
        String knownHash = valid(infoHash) ? infoHash : null;
        try {
            JsonNode answer = m.get("answer");
            if (answer != null && !answer.isNull()) {
                if (!answer.isObject()) {
                    throw new IllegalArgumentException("answer must be an object");
                }
                String toPeerId = text(m, "to_peer_id");
                if (toPeerId == null) {
                    throw new IllegalArgumentException("invalid `to_peer_id` (required with `answer`)");
                }
                return new WsRequest.Answer(infoHash, text(m, "peer_id"), toPeerId, text(m, "offer_id"),
                        (ObjectNode) answer);
            }
            return new WsRequest.Announce(infoHash, text(m, "peer_id"), WsEvent.parse(text(m, "event")),
                    integer(m, "numwant"), left(m), offers(m.get("offers")));
        } catch (IllegalArgumentException e) {
            throw new WsRefusal("announce", knownHash, e.getMessage());
        }
    }

    private static List<WsRequest.Offer> offers(JsonNode offers) {
        if (offers == null || offers.isNull()) {
            return List.of();
        }
        if (!offers.isArray()) {
            throw new IllegalArgumentException("offers must be an array");
        }
        List<WsRequest.Offer> out = new ArrayList<>(offers.size());
        for (JsonNode o : offers) {
            JsonNode offer = o.get("offer");
            if (!o.isObject() || offer == null || !offer.isObject()) {
                throw new IllegalArgumentException("each offer must be {\"offer\": {...}, \"offer_id\": \"...\"}");
            }
            out.add(new WsRequest.Offer(text(o, "offer_id"), (ObjectNode) offer));
        }
        return out;
    }

    private static WsRequest scrape(JsonNode m) throws WsRefusal {
        JsonNode hashes = m.get("info_hash");
        List<String> list = new ArrayList<>();
        if (hashes != null && hashes.isTextual()) {
            list.add(hashes.asText());
        } else if (hashes != null && hashes.isArray() && hashes.size() <= MAX_SCRAPE) {
            for (JsonNode h : hashes) {
                list.add(h.isTextual() ? h.asText() : null);
            }
        } else {
            throw new WsRefusal("scrape", null, "scrape needs info_hash: one or up to " + MAX_SCRAPE + " in an array");
        }
        try {
            return new WsRequest.Scrape(list);
        } catch (IllegalArgumentException e) {
            throw new WsRefusal("scrape", null, e.getMessage());
        }
    }

    private static boolean valid(String id) {
        try {
            WireId.require("info_hash", id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Integer integer(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return v.intValue();
    }

    /** Like bittorrent-tracker's {@code Number(left)}: anything not a number means "not complete". */
    private static Long left(JsonNode m) {
        JsonNode v = m.get("left");
        return v != null && v.isNumber() ? v.longValue() : null;
    }

    public static String encode(WsReply reply) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (reply instanceof WsReply.Announced a) {
                g.writeStringField("action", "announce");
                g.writeNumberField("interval", a.intervalSeconds());
                g.writeStringField("info_hash", a.infoHash());
                g.writeNumberField("complete", a.complete());
                g.writeNumberField("incomplete", a.incomplete());
            } else if (reply instanceof WsReply.OfferRelay o) {
                writeRelay(g, "offer", o.offer(), o.offerId(), o.fromPeerId(), o.infoHash());
            } else if (reply instanceof WsReply.AnswerRelay a) {
                writeRelay(g, "answer", a.answer(), a.offerId(), a.fromPeerId(), a.infoHash());
            } else if (reply instanceof WsReply.Scraped s) {
                writeScrape(g, s);
            } else {
                WsReply.Failure f = (WsReply.Failure) reply;
                if (f.action() != null) {
                    g.writeStringField("action", f.action());
                }
                g.writeStringField("failure reason", f.reason());
                if (f.infoHash() != null) {
                    g.writeStringField("info_hash", f.infoHash());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void writeRelay(JsonGenerator g, String kind, ObjectNode sdp, String offerId, String fromPeerId,
                                   String infoHash) throws IOException {
        g.writeStringField("action", "announce");
        g.writeFieldName(kind);
        g.writeTree(sdp);
        g.writeStringField("offer_id", offerId);
        g.writeStringField("peer_id", fromPeerId);
        g.writeStringField("info_hash", infoHash);
    }

    private static void writeScrape(JsonGenerator g, WsReply.Scraped s) throws IOException {
        g.writeStringField("action", "scrape");
        g.writeObjectFieldStart("files");
        for (Map.Entry<String, WsReply.Counts> e : s.files().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeNumberField("complete", e.getValue().complete());
            g.writeNumberField("incomplete", e.getValue().incomplete());
            // Like bittorrent-tracker: seeders now are a lower bound of completed downloads.
            g.writeNumberField("downloaded", e.getValue().complete());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("flags");
        g.writeNumberField("min_request_interval", s.intervalSeconds());
        g.writeEndObject();
    }
}
