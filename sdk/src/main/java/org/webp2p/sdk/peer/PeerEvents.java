package org.webp2p.sdk.peer;

import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.fetch.FallbackReason;

/** What the peer network tells its owner, always on the owner's event loop. */
public interface PeerEvents {
    /** A requested segment arrived whole from {@code peer}; unchecked: the owner checks its digest. */
    void segment(String peer, long sequence, byte[] body);

    /** Bytes of a requested segment so far. */
    void progress(String peer, long sequence, long bytes);

    /** A requested segment will not come from {@code peer}. */
    void transferFailed(String peer, long sequence, FallbackReason reason);

    /** A peer connection could not be made or was lost. */
    void peerFailed(PeerConnectionFailure failure);

    /** A peer announced a segment newer than any the owner has listed: its playlist is stale. */
    void heardOf(long sequence);
}
