package org.webp2p.server.origin;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Segments uploaded without a key. ffmpeg's HLS muxer keeps the query string ({@code ?key=}) only on
 * the playlist URL, so with that form of publishing every segment arrives unauthenticated. They are
 * held here, in memory only, until a playlist with a valid key from the same address lists them;
 * nothing unauthenticated ever reaches disk or a player. The total held is capped, oldest dropped
 * first, so anonymous uploads cannot exhaust memory. Not thread-safe: used on the ingest thread.
 */
final class UnclaimedUploads {
    private record Upload(String stream, String file, InetAddress from) {
    }

    private final long maxBytes;
    private final Map<Upload, byte[]> held = new LinkedHashMap<>();
    // Written on the ingest thread only; read for metrics from any thread.
    private volatile long bytes;

    UnclaimedUploads(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void hold(String stream, String file, InetAddress from, byte[] data) {
        drop(stream, file, from);
        held.put(new Upload(stream, file, from), data);
        bytes += data.length;
        Iterator<byte[]> oldest = held.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().length;
            oldest.remove();
        }
    }

    void drop(String stream, String file, InetAddress from) {
        byte[] old = held.remove(new Upload(stream, file, from));
        if (old != null) {
            bytes -= old.length;
        }
    }

    /** Hands over an upload to the authenticated publisher at the same address. */
    Optional<byte[]> claim(String stream, String file, InetAddress from) {
        byte[] data = held.remove(new Upload(stream, file, from));
        if (data != null) {
            bytes -= data.length;
        }
        return Optional.ofNullable(data);
    }

    boolean holds(String stream, String file, InetAddress from) {
        return held.containsKey(new Upload(stream, file, from));
    }

    /** Bytes held now. */
    long heldBytes() {
        return bytes;
    }
}
