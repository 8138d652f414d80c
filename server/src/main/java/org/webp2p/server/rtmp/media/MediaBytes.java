package org.webp2p.server.rtmp.media;

import java.io.ByteArrayOutputStream;

/**
 * A growing byte array that is read in place: PES payloads are cut into TS packets straight from it,
 * and a segment is copied out once, when it is handed over.
 */
final class MediaBytes extends ByteArrayOutputStream {

    MediaBytes(int initialCapacity) {
        super(initialCapacity);
    }

    /** The backing array; bytes from 0 to {@link #size()} are the content. */
    byte[] array() {
        return buf;
    }
}
