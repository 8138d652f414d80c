package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * Address mobility (RFC 7016 §3.5.4.2): an authentic packet from a new address moves the
 * session only after that address echoes a ping carrying a nonce only we know, so a replayed
 * packet cannot redirect our traffic.
 */
final class AddressMobility {
    /** First byte of our address-check pings. */
    private static final byte MARK = 'M';
    private static final int NONCE_LENGTH = 8;

    private final long minimumIntervalMillis;
    private InetSocketAddress candidate;
    private Bytes nonce;
    private long lastProbeAt = Long.MIN_VALUE / 2;

    AddressMobility(long minimumIntervalMillis) {
        this.minimumIntervalMillis = minimumIntervalMillis;
    }

    /**
     * A packet came from {@code from}, which is not the session's address.
     *
     * @return the ping message to send to {@code from}, or null if that address was probed recently
     */
    @Nullable Bytes probe(InetSocketAddress from, long nowMillis, IntFunction<byte[]> randomBytes) {
        if (nowMillis - lastProbeAt < minimumIntervalMillis && from.equals(candidate)) {
            return null;
        }
        lastProbeAt = nowMillis;
        candidate = from;
        byte[] message = randomBytes.apply(NONCE_LENGTH + 1);
        message[0] = MARK;
        nonce = Bytes.of(message);
        return nonce;
    }

    /** True if a ping reply from {@code from} proves it is the probed address; the probe is then spent. */
    boolean confirms(Bytes echo, InetSocketAddress from) {
        if (nonce == null || !from.equals(candidate) || !echo.equals(nonce)) {
            return false;
        }
        nonce = null;
        candidate = null;
        return true;
    }
}
