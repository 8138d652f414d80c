package org.webp2p.sdk.peer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.session.SendFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.sdk.fetch.PartialSegment;

/** One RTMFP session with another viewer and what each side has asked of the other. Loop-confined. */
final class PeerLink {
    final String peerId;
    final Session session;
    final TreeSet<Long> has = new TreeSet<>();
    /** Segments we asked of this peer, by sequence. */
    final Map<Long, Download> downloads = new HashMap<>();
    /** Segments this peer asked of us, oldest first. */
    final Deque<Upload> uploads = new ArrayDeque<>();
    NatType natType = NatType.UNKNOWN;
    /** The protocol version the peer greeted with; 0 before its Hello. */
    int version;
    SendFlow out;
    boolean greeted;
    boolean closedByUs;
    int chunksInFlight;

    PeerLink(String peerId, Session session) {
        this.peerId = peerId;
        this.session = session;
    }

    /** Unacknowledged chunks this link may have now ({@link Uploads#chunkWindow}); the fewest without a session. */
    int chunkWindow() {
        return session == null ? Uploads.CHUNKS_IN_FLIGHT : Uploads.chunkWindow(session.congestionWindowBytes());
    }

    /** A segment, or the bytes {@code from} to {@code end} of one, arriving from the peer in order. */
    static final class Download {
        final long expected;
        final int from;
        final int end;
        int received;

        Download(long expected, int from, int end) {
            this.expected = expected;
            this.from = from;
            this.end = end;
        }
    }

    /**
     * A segment, or the bytes {@code offset} to {@code end} of one, going to the peer chunk by chunk:
     * of a segment held, or of one still {@code arriving}, whose bytes go as they come.
     */
    static final class Upload {
        final long sequence;
        byte[] data;
        @Nullable PartialSegment arriving;
        /** Its place among every link's uploads: lower was asked for first, and is served first. */
        final long order;
        final int end;
        int offset;

        Upload(long sequence, byte[] data, @Nullable PartialSegment arriving, int offset, int end, long order) {
            this.sequence = sequence;
            this.data = data;
            this.arriving = arriving;
            this.offset = offset;
            this.end = end;
            this.order = order;
        }
    }
}
