package org.webp2p.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.webp2p.server.auth.SignedPayload;

/**
 * Signs and checks access tokens: a {@link SignedPayload} signed with the secret itself, whose JSON
 * is {@code {"v":1,"stream":...,"sub":...,"iat":...,"exp":...}} with times in epoch seconds.
 * Stateless: any node holding the secret can check any token.
 */
public final class TokenCodec {
    private static final int MAX_TOKEN = 2048;

    private final SignedPayload signer;

    public TokenCodec(byte[] secret) {
        // The secret as it is, not a derived key: tokens made before session tickets existed stay good.
        this.signer = new SignedPayload(secret, MAX_TOKEN);
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
        return signer.sign(new Payload(Payload.VERSION, t.stream(), t.subject(), t.issuedAt().getEpochSecond(),
                t.expiresAt().getEpochSecond()));
    }

    /** The token's grant, if it is genuine, unexpired at {@code now} and covers {@code stream}. */
    public AccessToken verify(String token, String stream, Instant now) throws TokenException {
        if (token == null || token.isBlank()) {
            throw new TokenException(TokenException.Reason.MISSING, "a token is required");
        }
        AccessToken t;
        try {
            Payload p = signer.open(token, Payload.class);
            t = new AccessToken(p.stream(), p.sub(), Instant.ofEpochSecond(p.iat()), Instant.ofEpochSecond(p.exp()));
        } catch (SignedPayload.Refused e) {
            throw new TokenException(e.flaw() == SignedPayload.Flaw.BAD_SIGNATURE ? TokenException.Reason.BAD_SIGNATURE
                    : TokenException.Reason.MALFORMED, "token: " + e.getMessage());
        } catch (RuntimeException e) {
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
}
