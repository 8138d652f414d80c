package org.webp2p.sdk.peer;

import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.fetch.FallbackReason;

/** What the peer network tells its owner, always on the owner's event loop. */
public interface PeerEvents {
    /**
     * What was asked of {@code peer} arrived whole: the segment ({@code offset} 0, every byte), or the
     * range of it asked for. Unchecked: the owner checks the assembled segment's digest.
     */
    void arrived(String peer, long sequence, int offset, byte[] bytes);

    /** Bytes of a requested segment or range so far. */
    void progress(String peer, long sequence, long bytes);

    /** A requested segment will not come from {@code peer}. */
    void transferFailed(String peer, long sequence, FallbackReason reason);

    /** A peer connection could not be made or was lost. */
    void peerFailed(PeerConnectionFailure failure);

    /** A peer announced a segment newer than any the owner has listed: its playlist is stale. */
    void heardOf(long sequence);
}
