package org.webp2p.server.api;

import java.time.Instant;
import java.util.Objects;
import org.webp2p.protocol.admin.TokenRequest;

/**
 * What a signed token grants: playing {@code stream} ({@code *} for any) until {@code expiresAt}.
 *
 * @param subject who it was made for, for the operator's records; may be empty
 */
public record AccessToken(String stream, String subject, Instant issuedAt, Instant expiresAt) {
    public static final String ANY_STREAM = TokenRequest.ANY_STREAM;

    public AccessToken {
        Objects.requireNonNull(stream, "stream");
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
    }

    public boolean allows(String wanted) {
        return ANY_STREAM.equals(stream) || stream.equals(wanted);
    }
}
