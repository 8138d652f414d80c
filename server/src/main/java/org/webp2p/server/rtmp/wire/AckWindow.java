package org.webp2p.server.rtmp.wire;

import java.util.Optional;

/**
 * The receiving side of flow control (specification §5.4.3 and §5.4.4): counts the bytes a client
 * sent and says when to acknowledge them, once per window the client announced. Encoders do not wait
 * for acknowledgements while publishing, but some check them to measure the connection.
 */
public final class AckWindow {
    private long window;
    private long received;
    private long acknowledged;

    /** The client's Window Acknowledgement Size; 0, before one comes, acknowledges nothing. */
    public void window(long size) {
        window = size;
    }

    /** Counts {@code bytes} more; the acknowledgement to send, when a window has filled since the last one. */
    public Optional<ControlMessage.Acknowledgement> received(long bytes) {
        received += bytes;
        if (window == 0 || received - acknowledged < window) {
            return Optional.empty();
        }
        acknowledged = received;
        return Optional.of(new ControlMessage.Acknowledgement(received & 0xffffffffL));
    }
}
