package org.webp2p.sdk.peer;

import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.fetch.FallbackReason;

/** What the peer network tells its owner, always on the owner's event loop. */
public interface PeerEvents {
    /**
     * Bytes of a segment asked of {@code peer} came: {@code bytes} at {@code offset}, in order, as they
     * arrive, so that they can be passed on at once. Unchecked: the owner checks the assembled
     * segment's digest.
     *
     * @param soFar bytes of the range asked for that have come, these included
     * @param whole true when they complete the range asked for
     */
    void received(String peer, long sequence, int offset, byte[] bytes, long soFar, boolean whole);

    /** A requested segment will not come from {@code peer}. */
    void transferFailed(String peer, long sequence, FallbackReason reason);

    /** A peer connection could not be made or was lost. */
    void peerFailed(PeerConnectionFailure failure);

    /** A peer announced a segment newer than any the owner has listed: its playlist is stale. */
    void heardOf(long sequence);
}
