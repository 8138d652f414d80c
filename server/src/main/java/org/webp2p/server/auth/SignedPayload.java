package org.webp2p.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.webp2p.server.http.Json;

/**
 * A JSON value with its signature, as text: {@code base64url(json) "." base64url(HMAC-SHA256(key,
 * base64url(json)))}. Access tokens and session tickets are both this shape; each kind signs with
 * its own key ({@link #derive}), so a value of one kind never passes for the other. Stateless: any
 * node holding the secret checks any value without a lookup.
 */
public final class SignedPayload {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Secrets shorter than this are refused: HMAC is only as strong as its key. */
    public static final int MIN_KEY = 16;

    private final SecretKeySpec key;
    private final int maxLength;

    /** Why a text is not a genuine signed value. */
    public enum Flaw {
        /** Not {@code payload.signature}, not base64url, too long, or a payload that does not read. */
        MALFORMED,
        /** Altered, or signed with another key. */
        BAD_SIGNATURE
    }

    /** A text refused, with why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Flaw flaw;

        Refused(Flaw flaw, String message) {
            super(message);
            this.flaw = flaw;
        }

        public Flaw flaw() {
            return flaw;
        }
    }

    /**
     * @param key       at least {@link #MIN_KEY} bytes
     * @param maxLength longest text {@link #open} reads, so a huge one costs no HMAC
     */
    public SignedPayload(byte[] key, int maxLength) {
        if (key.length < MIN_KEY) {
            throw new IllegalArgumentException("a signing key must be at least " + MIN_KEY + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.maxLength = maxLength;
    }

    /** The key for one kind of value made from the node's secret: HMAC-SHA256(secret, label). */
    public static byte[] derive(byte[] secret, String label) {
        return new SignedPayload(secret, 0).mac(label);
    }

    public String sign(Object payload) {
        try {
            String body = B64.encodeToString(Json.MAPPER.writeValueAsBytes(payload));
            return body + "." + B64.encodeToString(mac(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getSimpleName(), e);
        }
    }

    /** The payload of a genuine value, read as {@code type}; the signature is checked before anything is parsed. */
    public <T> T open(String text, Class<T> type) throws Refused {
        int dot = text.indexOf('.');
        if (text.length() > maxLength || dot <= 0 || dot != text.lastIndexOf('.')) {
            throw new Refused(Flaw.MALFORMED, "not in the form payload.signature");
        }
        String body = text.substring(0, dot);
        byte[] signature;
        try {
            signature = B64D.decode(text.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new Refused(Flaw.MALFORMED, "the signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, mac(body))) {
            throw new Refused(Flaw.BAD_SIGNATURE, "the signature does not match: it was altered or made with another secret");
        }
        try {
            return Json.MAPPER.readValue(B64D.decode(body), type);
        } catch (IOException | RuntimeException e) {
            throw new Refused(Flaw.MALFORMED, "the payload is not valid");
        }
    }

    private byte[] mac(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
