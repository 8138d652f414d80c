package org.webp2p.server.tracker.ws;

import java.util.List;
import java.util.Objects;

/** What a WebTorrent client sends over the tracker's WebSocket. */
public sealed interface WsRequest {

    /**
     * {@code action: "announce"} without an answer: the peer is in the swarm of {@code infoHash}, and
     * each offer is for one other peer of it.
     *
     * @param numwant how many peers the client wants offers relayed to; null when it did not say
     * @param left    bytes the peer still lacks; 0 makes it a seeder, null (browsers never send it)
     *                a leecher
     */
    record Announce(String infoHash, String peerId, WsEvent event, Integer numwant, Long left, List<Offer> offers)
            implements WsRequest {
        public Announce {
            WireId.require("info_hash", infoHash);
            WireId.require("peer_id", peerId);
            Objects.requireNonNull(event, "event");
            offers = List.copyOf(offers);
            if (numwant != null && numwant < 0) {
                throw new IllegalArgumentException("numwant must not be negative");
            }
        }

        /** Peers to relay offers to: one per offer, fewer if the client asked for fewer. */
        int relays() {
            return numwant == null ? offers.size() : Math.min(numwant, offers.size());
        }

        boolean seeder() {
            return left != null && left == 0;
        }
    }

    /** One WebRTC offer, relayed as it came, and the id its answer will come back with. */
    record Offer(String offerId, RawJson offer) {
        public Offer {
            WireId.requireOfferId(offerId);
            Objects.requireNonNull(offer, "offer");
        }
    }

    /** {@code action: "announce"} with an answer: goes to {@code toPeerId} only, and is not replied to. */
    record Answer(String infoHash, String peerId, String toPeerId, String offerId, RawJson answer)
            implements WsRequest {
        public Answer {
            WireId.require("info_hash", infoHash);
            WireId.require("peer_id", peerId);
            WireId.require("to_peer_id", toPeerId);
            WireId.requireOfferId(offerId);
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** {@code action: "scrape"}: seeder and leecher counts of each swarm named. */
    record Scrape(List<String> infoHashes) implements WsRequest {
        public Scrape {
            infoHashes = List.copyOf(infoHashes);
            infoHashes.forEach(h -> WireId.require("info_hash", h));
        }
    }
}
