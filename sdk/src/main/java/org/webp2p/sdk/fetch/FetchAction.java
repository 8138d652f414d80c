package org.webp2p.sdk.fetch;

/** What the scheduler asks the transport layer to do now. */
public sealed interface FetchAction {

    long sequence();

    /**
     * Fetch from the origin over HTTP, from {@code fromByte} on (a range request continues what a slow
     * peer already delivered).
     */
    record FromHttp(long sequence, long fromByte, FallbackReason reason) implements FetchAction {
    }

    /** Fetch from a peer; if not complete by {@code deadlineMs} the scheduler moves it to HTTP. */
    record FromPeer(long sequence, String peerId, long deadlineMs) implements FetchAction {
    }

    /** Stop a peer transfer whose segment is now coming from HTTP. */
    record CancelPeer(long sequence, String peerId) implements FetchAction {
    }
}
