package org.webp2p.sdk.peer;

import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.fetch.FallbackReason;

/** Events of a peer that only serves: it asks for nothing, so it has nothing to hear. */
public final class QuietPeerEvents implements PeerEvents {
    @Override
    public void received(String peer, long sequence, int offset, byte[] bytes, long soFar, boolean whole) {
    }

    @Override
    public void transferFailed(String peer, long sequence, FallbackReason reason) {
    }

    @Override
    public void peerFailed(PeerConnectionFailure failure) {
    }

    @Override
    public void heardOf(long sequence) {
    }
}
