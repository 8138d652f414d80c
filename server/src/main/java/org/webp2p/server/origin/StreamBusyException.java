package org.webp2p.server.origin;

/** A publisher tried to claim a stream that another publisher keeps live. */
public final class StreamBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    public StreamBusyException(String stream) {
        super("stream " + stream + " is already being published");
    }
}
