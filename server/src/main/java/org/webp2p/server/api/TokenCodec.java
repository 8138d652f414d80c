package org.webp2p.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.webp2p.server.http.Json;

/**
 * Signs and checks access tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))},
 * where the payload is JSON {@code {"v":1,"stream":...,"sub":...,"iat":...,"exp":...}} with times in
 * epoch seconds. Stateless: any node holding the secret can check any token.
 */
public final class TokenCodec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAX_TOKEN = 2048;

    private final SecretKeySpec key;

    public TokenCodec(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("token secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * The signed JSON, short field names because it travels in every request. Only this node family
     * reads it, but tokens outlive versions: a newer node's extra fields are skipped.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Payload(int v, String stream, String sub, long iat, long exp) {
        static final int VERSION = 1;
    }

    public String sign(AccessToken t) {
        Payload payload = new Payload(Payload.VERSION, t.stream(), t.subject(), t.issuedAt().getEpochSecond(),
                t.expiresAt().getEpochSecond());
        try {
            String body = B64.encodeToString(Json.MAPPER.writeValueAsBytes(payload));
            return body + "." + B64.encodeToString(mac(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's grant, if it is genuine, unexpired at {@code now} and covers {@code stream}. */
    public AccessToken verify(String token, String stream, Instant now) throws TokenException {
        if (token == null || token.isBlank()) {
            throw new TokenException(TokenException.Reason.MISSING, "a token is required");
        }
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN || dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token is not in the form payload.signature");
        }
        String body = token.substring(0, dot);
        byte[] signature;
        try {
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, mac(body))) {
            throw new TokenException(TokenException.Reason.BAD_SIGNATURE,
                    "token signature does not match: it was altered or made with another secret");
        }
        AccessToken t;
        try {
            Payload p = Json.MAPPER.readValue(B64D.decode(body), Payload.class);
            t = new AccessToken(p.stream(), p.sub(), Instant.ofEpochSecond(p.iat()), Instant.ofEpochSecond(p.exp()));
        } catch (IOException | RuntimeException e) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token payload is not valid");
        }
        if (!now.isBefore(t.expiresAt())) {
            throw new TokenException(TokenException.Reason.EXPIRED, "token expired at " + t.expiresAt());
        }
        if (!t.allows(stream)) {
            throw new TokenException(TokenException.Reason.WRONG_STREAM,
                    "token is for stream " + t.stream() + ", not " + stream);
        }
        return t;
    }

    private byte[] mac(String body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
