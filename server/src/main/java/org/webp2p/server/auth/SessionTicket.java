package org.webp2p.server.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a session ticket vouches for: the API opened session {@code sessionId} on {@code stream} for
 * {@code subject} (and, when the client named it, peer {@code peerId}) at {@code since}, and the
 * ticket is good until {@code expiresAt}.
 *
 * @param since when the session began, the earliest moment its client's counts can cover
 */
public record SessionTicket(String sessionId, @Nullable String peerId, String stream, String subject, Instant since,
                            Instant expiresAt) {
    public SessionTicket {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(stream, "stream");
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(since)) {
            throw new IllegalArgumentException("a ticket must expire after its session began");
        }
    }

    /**
     * Why a message naming this session, peer and stream is not covered by the ticket, or empty when
     * it is. A null {@code sessionId} is not checked (a message without one); a null {@code peerId}
     * neither, and a ticket without a peer covers any.
     */
    public Optional<String> mismatch(@Nullable String sessionId, @Nullable String peerId, String stream) {
        if (sessionId != null && !sessionId.equals(this.sessionId)) {
            return Optional.of("the ticket is for session " + this.sessionId + ", not " + sessionId);
        }
        // A stream with renditions has a swarm for each, named STREAM/RENDITION: one ticket covers them all.
        if (!stream.equals(this.stream) && !stream.startsWith(this.stream + "/")) {
            return Optional.of("the ticket is for stream " + this.stream + ", not " + stream);
        }
        if (peerId != null && this.peerId != null && !peerId.equals(this.peerId)) {
            return Optional.of("the ticket is for peer " + this.peerId + ", not " + peerId);
        }
        return Optional.empty();
    }
}
