package org.webp2p.server.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.webp2p.server.config.Config;

/**
 * Issues and checks session tickets: proof, carried by a client's beacons (and announces), that the
 * API opened its session. A ticket is a {@link SignedPayload} under a key derived from the API token
 * secret ({@code api.token-secret}), so any node sharing that secret checks one without a lookup,
 * and an access token, signed with the secret itself, never passes for a ticket. Thread-safe.
 */
public final class SessionTickets {
    /** Longest ticket read: a session and peer ID of 128 characters, a long stream and subject. */
    public static final int MAX_LENGTH = 1024;
    private static final String KEY_LABEL = "webp2p session ticket v1";

    private final SignedPayload signer;

    /** Why a ticket was refused; {@link #code} is the error code pingback (and the tracker) answer with. */
    public enum Refusal {
        /** Missing, malformed, altered or made with another secret. */
        INVALID("invalid_ticket"),
        EXPIRED("ticket_expired"),
        /** Genuine, but for another session, stream or peer than the message names. */
        WRONG_SESSION("wrong_session");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The outcome of a check: {@link Valid} or {@link Refused}. */
    public sealed interface Result permits Valid, Refused {
    }

    public record Valid(SessionTicket ticket) implements Result {
    }

    /** @param reason for the client, safe to show: it names nothing the client did not send */
    public record Refused(Refusal refusal, String reason) implements Result {
    }

    /** The signed JSON; short names, as it rides in every beacon. Newer nodes' extra fields are skipped. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Payload(int v, String sid, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String pid,
                           String stream, String sub, long since, long exp) {
        static final int VERSION = 1;
    }

    /** @param secret the API token secret, at least {@link SignedPayload#MIN_KEY} bytes */
    public SessionTickets(byte[] secret) {
        this.signer = new SignedPayload(SignedPayload.derive(secret, KEY_LABEL), MAX_LENGTH);
    }

    /** Tickets under this node's token secret (see {@link TokenSecret}). */
    public static SessionTickets load(Config config, Path dataDir) throws IOException {
        return new SessionTickets(TokenSecret.load(config, dataDir));
    }

    public String issue(SessionTicket t) {
        return signer.sign(new Payload(Payload.VERSION, t.sessionId(), t.peerId(), t.stream(), t.subject(),
                t.since().getEpochSecond(), t.expiresAt().getEpochSecond()));
    }

    /** Whether {@code ticket} is one this node family issued, unexpired at {@code now}. */
    public Result verify(@Nullable String ticket, Instant now) {
        if (ticket == null || ticket.isBlank()) {
            return new Refused(Refusal.INVALID, "a session ticket is required: the one in the session plan");
        }
        SessionTicket t;
        try {
            Payload p = signer.open(ticket, Payload.class);
            t = new SessionTicket(p.sid(), p.pid(), p.stream(), p.sub(), Instant.ofEpochSecond(p.since()),
                    Instant.ofEpochSecond(p.exp()));
        } catch (SignedPayload.Refused e) {
            return new Refused(Refusal.INVALID, "session ticket: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Refused(Refusal.INVALID, "session ticket: the payload is not valid");
        }
        if (!now.isBefore(t.expiresAt())) {
            return new Refused(Refusal.EXPIRED, "the session ticket expired at " + t.expiresAt()
                    + "; a renewed session plan carries a fresh one");
        }
        return new Valid(t);
    }

    /**
     * {@link #verify(String, Instant)}, then whether the ticket covers a message naming
     * {@code sessionId}, {@code peerId} and {@code stream} (see {@link SessionTicket#mismatch}).
     */
    public Result verify(@Nullable String ticket, Instant now, @Nullable String sessionId, @Nullable String peerId,
                         String stream) {
        Result r = verify(ticket, now);
        if (r instanceof Valid v) {
            return v.ticket().mismatch(sessionId, peerId, stream)
                    .<Result>map(why -> new Refused(Refusal.WRONG_SESSION, why)).orElse(r);
        }
        return r;
    }
}
