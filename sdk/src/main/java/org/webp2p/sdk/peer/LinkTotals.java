package org.webp2p.sdk.peer;

/** Bytes received from and sent to one peer since this client started. */
public record LinkTotals(String peerId, long bytesIn, long bytesOut) {
    /** Both counts added, for the same peer. */
    public LinkTotals plus(LinkTotals more) {
        return new LinkTotals(peerId, bytesIn + more.bytesIn, bytesOut + more.bytesOut);
    }
}
