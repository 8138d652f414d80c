package org.webp2p.sdk.fetch;

/** What the scheduler asks the transport layer to do now. */
public sealed interface FetchAction {

    long sequence();

    /**
     * Fetch from the origin over HTTP what peers have not delivered: the whole segment when
     * {@code peerBytes} is 0, else only the ranges still missing (a range request for each).
     */
    record FromHttp(long sequence, long peerBytes, FallbackReason reason) implements FetchAction {
    }

    /**
     * Fetch bytes {@code offset} to {@code end} of a segment from a peer, or from {@code offset} to the
     * segment's end when {@code end} is {@link #TO_END}; if not complete by {@code deadlineMs} the
     * scheduler moves what is missing to HTTP.
     */
    record FromPeer(long sequence, String peerId, int offset, int end, long deadlineMs) implements FetchAction {
        /** The end of a part that runs to the end of the segment, whatever its size. */
        public static final int TO_END = 0;

        /** The whole segment. */
        public FromPeer(long sequence, String peerId, long deadlineMs) {
            this(sequence, peerId, 0, TO_END, deadlineMs);
        }
    }

    /**
     * Stop a peer transfer (a part of the segment from {@code offset}) whose bytes now come from
     * another peer or from HTTP; what it delivered is kept.
     */
    record CancelPeer(long sequence, String peerId, int offset) implements FetchAction {
    }
}
