package org.webp2p.sdk.peer;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.webp2p.nat.NatType;

/**
 * The segment protocol two peers speak on their RTMFP flows (docs/protocol.md, "Peer protocol").
 * Each side opens one flow to the other and sends these as messages on it; RTMFP delivers them
 * reliably and in order. Immutable; {@link PeerMessageCodec} reads and writes them.
 */
public sealed interface PeerMessage {
    /**
     * Protocol version spoken here. Version 2 added the ranged {@link Request}: a version-1 peer would
     * drop a link that sent it one as malformed. Version 3 added {@link Arriving}, which is sent only
     * to peers that greeted with 3 or more.
     */
    int VERSION = 3;
    /** The oldest version still spoken to; a peer greeting with an older one is disconnected. */
    int MIN_VERSION = 2;
    /** The first version that knows {@link Arriving}. */
    int ARRIVING_VERSION = 3;
    /** The largest segment a peer accepts; bigger is not a segment of any stream we serve. */
    int MAX_SEGMENT_BYTES = 32 << 20;
    /** How many sequence numbers one have-message may span. */
    int MAX_HAVE_SPAN = 4096;

    /** First message on a flow: who we are talking to and in which swarm. */
    record Hello(int version, String swarm, NatType natType) implements PeerMessage {
        public Hello {
            Objects.requireNonNull(swarm, "swarm");
            Objects.requireNonNull(natType, "natType");
        }
    }

    /** Segments the sender holds and will serve: all of them after Hello, then each new one. */
    record Have(SortedSet<Long> sequences) implements PeerMessage {
        public Have {
            sequences = Collections.unmodifiableSortedSet(new TreeSet<>(sequences));
            if (!sequences.isEmpty()) {
                if (sequences.first() < 0) {
                    throw new IllegalArgumentException("sequence numbers are not negative");
                }
                if (sequences.last() - sequences.first() >= MAX_HAVE_SPAN) {
                    throw new IllegalArgumentException("a have-message spans at most " + MAX_HAVE_SPAN + " segments");
                }
            }
        }
    }

    /**
     * Asks for {@code length} bytes of a segment from {@code offset}, or, with length {@link #TO_END},
     * for everything from {@code offset} on; {@code Request(sequence)} asks for the whole segment and
     * is written as version 1 wrote it.
     */
    record Request(long sequence, int offset, int length) implements PeerMessage {
        /** The length of a request that runs to the end of the segment. */
        public static final int TO_END = 0;

        public Request {
            checkSequence(sequence);
            if (offset < 0 || length < 0 || offset + (long) length > MAX_SEGMENT_BYTES) {
                throw new IllegalArgumentException("range outside any segment: " + offset + "+" + length);
            }
        }

        /** The whole segment. */
        public Request(long sequence) {
            this(sequence, 0, TO_END);
        }

        /** Whether this asks for the whole segment, as a version-1 request did. */
        public boolean whole() {
            return offset == 0 && length == TO_END;
        }
    }

    /** Part of a requested segment: {@code bytes} at {@code offset} of a segment {@code total} bytes long. */
    record Data(long sequence, int offset, int total, byte[] bytes) implements PeerMessage {
        public Data {
            checkSequence(sequence);
            Objects.requireNonNull(bytes, "bytes");
            if (offset < 0 || total < 0 || total > MAX_SEGMENT_BYTES || offset + (long) bytes.length > total) {
                throw new IllegalArgumentException("data outside its segment: " + offset + "+" + bytes.length
                        + " of " + total);
            }
        }
    }

    /**
     * The sender is receiving a segment from peers and serves any range of it as its bytes arrive:
     * ask for it as of a segment held (version 3). Bytes it passes on are not checked yet; the
     * receiver checks the assembled segment's digest, as with any bytes from peers.
     */
    record Arriving(long sequence) implements PeerMessage {
        public Arriving {
            checkSequence(sequence);
        }
    }

    /** The requester no longer wants a segment (it is coming from HTTP now). */
    record Cancel(long sequence) implements PeerMessage {
        public Cancel {
            checkSequence(sequence);
        }
    }

    /** The asked peer will not send a segment, and why. */
    record Refuse(long sequence, Reason reason) implements PeerMessage {
        public Refuse {
            checkSequence(sequence);
            Objects.requireNonNull(reason, "reason");
        }

        /** Why a request was refused. */
        public enum Reason {
            /** The segment is not (or no longer) held. */
            NOT_HELD,
            /** Every upload slot is taken. */
            BUSY
        }
    }

    private static void checkSequence(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence numbers are not negative");
        }
    }
}
