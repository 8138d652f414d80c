package org.webp2p.server.tracker.ws;

import java.util.Map;
import java.util.Objects;

/** What the tracker sends over a WebSocket. Every message carries {@code action}. */
public sealed interface WsReply {

    /** The answer to an announce; over WebSocket it lists no peers, offers go to them instead. */
    record Announced(String infoHash, long intervalSeconds, int complete, int incomplete) implements WsReply {
    }

    /** Another peer's offer, with that peer's id so the answer can find its way back. */
    record OfferRelay(String infoHash, String fromPeerId, String offerId, RawJson offer) implements WsReply {
    }

    /** The answer to one of this peer's offers. */
    record AnswerRelay(String infoHash, String fromPeerId, String offerId, RawJson answer) implements WsReply {
    }

    /** Counts per swarm asked for. */
    record Scraped(Map<String, Counts> files, long intervalSeconds) implements WsReply {
        public Scraped {
            files = Map.copyOf(files);
        }
    }

    /** Seeders and leechers of one swarm. */
    record Counts(int complete, int incomplete) {
    }

    /**
     * A refusal, {@code {"failure reason": ...}}. Clients drop an announce reply for another swarm,
     * so the info hash goes with it whenever it is known.
     *
     * @param action   {@code announce} or {@code scrape}; null when the request had none readable
     * @param infoHash null when the request had none readable
     */
    record Failure(String action, String infoHash, String reason) implements WsReply {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
