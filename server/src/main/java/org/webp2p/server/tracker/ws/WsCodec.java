package org.webp2p.server.tracker.ws;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    /** The constant parts of the messages written by hand. */
    /** Room for an announce reply, or for the fields around a relayed SDP. */
    private static final int SMALL = 160;
    private static final byte[] ANNOUNCED = ascii("{\"action\":\"announce\",\"interval\":");
    private static final byte[] INFO_HASH = ascii(",\"info_hash\":");
    private static final byte[] COMPLETE = ascii(",\"complete\":");
    private static final byte[] INCOMPLETE = ascii(",\"incomplete\":");
    private static final byte[] OFFER = ascii("{\"action\":\"announce\",\"offer\":");
    private static final byte[] ANSWER = ascii("{\"action\":\"announce\",\"answer\":");
    private static final byte[] OFFER_ID = ascii(",\"offer_id\":");
    private static final byte[] PEER_ID = ascii(",\"peer_id\":");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private WsCodec() {
    }

    /**
     * @throws MalformedMessageException when {@code text} is not a JSON object
     * @throws WsRefusal                 when it is one but not a valid announce or scrape
     */
    public static WsRequest decode(String text) throws MalformedMessageException, WsRefusal {
        return decode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Like {@link #decode(String)}, from UTF-8 bytes as they came off the socket. */
    public static WsRequest decode(byte[] utf8) throws MalformedMessageException, WsRefusal {
        if (!utf8Json(utf8)) {
            throw new MalformedMessageException("a message is JSON in UTF-8");
        }
        Fields f = new Fields();
        try (JsonParser p = JSON.getFactory().createParser(utf8)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedMessageException("a message must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                f.read(name, p.nextToken(), p, utf8);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new MalformedMessageException("malformed JSON: text after the object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable message: " + e.getMessage());
        }
        if ("announce".equals(f.action)) {
            return f.announce();
        }
        if ("scrape".equals(f.action)) {
            return f.scrape();
        }
        throw new WsRefusal(null, null, "invalid action in WS request: " + f.action);
    }

    /** The fields of one message as they are read, in any order; the first problem found is kept for later. */
    private static final class Fields {
        String action;
        String infoHash;
        List<String> infoHashes;
        String peerId;
        String toPeerId;
        String offerId;
        String event;
        Integer numwant;
        Long left;
        List<WsRequest.Offer> offers = List.of();
        RawJson answer;
        String problem;

        void read(String name, JsonToken t, JsonParser p, byte[] utf8) throws IOException {
            switch (name) {
                case "action" -> action = text(t, p);
                case "info_hash" -> {
                    if (t == JsonToken.START_ARRAY) {
                        infoHashes = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            infoHashes.add(text(p.currentToken(), p));
                            p.skipChildren();
                        }
                    } else {
                        infoHash = text(t, p);
                    }
                }
                case "peer_id" -> peerId = text(t, p);
                case "to_peer_id" -> toPeerId = text(t, p);
                case "offer_id" -> offerId = text(t, p);
                case "event" -> event = text(t, p);
                case "numwant" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        numwant = p.getIntValue();
                    } else if (t != JsonToken.VALUE_NULL) {
                        fail("numwant must be a whole number");
                    }
                }
                case "left" -> left = t.isNumeric() ? Long.valueOf(p.getLongValue()) : null;
                case "offers" -> offers = offers(t, p, utf8);
                case "answer" -> {
                    if (t == JsonToken.START_OBJECT) {
                        answer = raw(p, utf8);
                    } else if (t != JsonToken.VALUE_NULL) {
                        fail("answer must be an object");
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }

        private List<WsRequest.Offer> offers(JsonToken t, JsonParser p, byte[] utf8) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (t != JsonToken.START_ARRAY) {
                fail("offers must be an array");
                p.skipChildren();
                return List.of();
            }
            List<WsRequest.Offer> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    fail(EACH_OFFER);
                    p.skipChildren();
                    continue;
                }
                String id = null;
                RawJson offer = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (field.equals("offer_id")) {
                        id = text(v, p);
                    } else if (field.equals("offer") && v == JsonToken.START_OBJECT) {
                        offer = raw(p, utf8);
                    } else {
                        p.skipChildren();
                    }
                }
                if (offer == null) {
                    fail(EACH_OFFER);
                } else {
                    try {
                        out.add(new WsRequest.Offer(id, offer));
                    } catch (IllegalArgumentException e) {
                        fail(e.getMessage());
                    }
                }
            }
            return out;
        }

        WsRequest announce() throws WsRefusal {
            String knownHash = valid(infoHash) ? infoHash : null;
            try {
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                if (answer != null) {
                    if (toPeerId == null) {
                        throw new IllegalArgumentException("invalid `to_peer_id` (required with `answer`)");
                    }
                    return new WsRequest.Answer(infoHash, peerId, toPeerId, offerId, answer);
                }
                return new WsRequest.Announce(infoHash, peerId, WsEvent.parse(event), numwant, left, offers);
            } catch (IllegalArgumentException e) {
                throw new WsRefusal("announce", knownHash, e.getMessage());
            }
        }

        WsRequest scrape() throws WsRefusal {
            List<String> hashes = infoHashes != null ? infoHashes : infoHash != null ? List.of(infoHash) : null;
            if (hashes == null || hashes.isEmpty() || hashes.size() > MAX_SCRAPE) {
                throw new WsRefusal("scrape", null, "scrape needs info_hash: one or up to " + MAX_SCRAPE + " in an array");
            }
            try {
                return new WsRequest.Scrape(hashes);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new WsRefusal("scrape", null, "invalid info_hash: must be a string of 20 characters U+0000-U+00FF");
            }
        }

        private void fail(String reason) {
            if (problem == null) {
                problem = reason;
            }
        }

        private static String text(JsonToken t, JsonParser p) throws IOException {
            return t == JsonToken.VALUE_STRING ? p.getText() : null;
        }

        /** At a START_OBJECT: the object's text exactly as it came, the parser left at its end. */
        private static RawJson raw(JsonParser p, byte[] utf8) throws IOException {
            int start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int end = (int) p.currentTokenLocation().getByteOffset() + 1;
            return new RawJson(utf8, start, end);
        }
    }

    private static final String EACH_OFFER = "each offer must be {\"offer\": {...}, \"offer_id\": \"...\"}";

    /**
     * False for the bytes Jackson would take for UTF-16 or UTF-32: a zero or a byte-order mark byte
     * among the first four, which UTF-8 JSON never has. Read so, a message has no byte offsets, and
     * the SDPs it carries could not be kept as the bytes they came in.
     */
    private static boolean utf8Json(byte[] message) {
        for (int i = 0; i < Math.min(4, message.length); i++) {
            int b = message[i] & 0xFF;
            if (b == 0x00 || b == 0xFE || b == 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean valid(String id) {
        try {
            WireId.require("info_hash", id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code reply} as JSON text: for tests, and refusals, which are rare. */
    public static String encode(WsReply reply) {
        ByteBuf out = Unpooled.buffer(128);
        try {
            encode(reply, out);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    /**
     * Appends {@code reply} as UTF-8 JSON to {@code out}, a socket's buffer. What every announce causes,
     * its reply and the offers and answers it relays, is written field by field with the SDP copied as
     * the bytes it came in: a Jackson generator for each of those cost more than the rest of the
     * relay. Scrapes and refusals go through Jackson.
     */
    public static void encode(WsReply reply, ByteBuf out) {
        if (reply instanceof WsReply.Announced a) {
            out.writeBytes(ANNOUNCED);
            writeNumber(out, a.intervalSeconds());
            out.writeBytes(INFO_HASH);
            writeString(out, a.infoHash());
            out.writeBytes(COMPLETE);
            writeNumber(out, a.complete());
            out.writeBytes(INCOMPLETE);
            writeNumber(out, a.incomplete());
            out.writeByte('}');
        } else if (reply instanceof WsReply.OfferRelay o) {
            writeRelay(out, OFFER, o.offer(), o.offerId(), o.fromPeerId(), o.infoHash());
        } else if (reply instanceof WsReply.AnswerRelay a) {
            writeRelay(out, ANSWER, a.answer(), a.offerId(), a.fromPeerId(), a.infoHash());
        } else {
            try (JsonGenerator g = JSON.createGenerator((OutputStream) new ByteBufOutputStream(out), JsonEncoding.UTF8)) {
                write(g, reply);
            } catch (IOException e) {
                throw new UncheckedIOException("writing JSON to a buffer cannot fail", e);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** About how many bytes {@link #encode(WsReply, ByteBuf)} writes, so that the buffer need not grow. */
    static int sizeHint(WsReply reply) {
        if (reply instanceof WsReply.OfferRelay o) {
            return SMALL + o.offer().length();
        }
        if (reply instanceof WsReply.AnswerRelay a) {
            return SMALL + a.answer().length();
        }
        return SMALL;
    }

    /** In bittorrent-tracker's field order: action, the SDP, offer_id, peer_id (the sender's), info_hash. */
    private static void writeRelay(ByteBuf out, byte[] start, RawJson sdp, String offerId, String fromPeerId,
                                   String infoHash) {
        out.writeBytes(start);
        sdp.writeTo(out);
        out.writeBytes(OFFER_ID);
        writeString(out, offerId);
        out.writeBytes(PEER_ID);
        writeString(out, fromPeerId);
        out.writeBytes(INFO_HASH);
        writeString(out, infoHash);
        out.writeByte('}');
    }

    private static void writeNumber(ByteBuf out, long n) {
        ByteBufUtil.writeAscii(out, Long.toString(n));
    }

    /** A JSON string in UTF-8, with the escapes RFC 8259 §7 requires: quote, backslash, U+0000-U+001F. */
    static void writeString(ByteBuf out, String s) {
        out.writeByte('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            ByteBufUtil.writeUtf8(out, s, plain, i);
            out.writeByte('\\');
            if (c < 0x20) {
                out.writeByte('u').writeByte('0').writeByte('0').writeByte(HEX[c >> 4]).writeByte(HEX[c & 0xF]);
            } else {
                out.writeByte(c);
            }
            plain = i + 1;
        }
        ByteBufUtil.writeUtf8(out, s, plain, s.length());
        out.writeByte('"');
    }

    private static void write(JsonGenerator g, WsReply reply) throws IOException {
        g.writeStartObject();
        if (reply instanceof WsReply.Scraped s) {
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
