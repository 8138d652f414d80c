package org.webp2p.server.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections by client address, refusing one past the cap. An IPv6 client is counted by its
 * /64, the block one subscriber usually gets, or a cap per address would cost an attacker nothing.
 * Thread-safe: accepts and closes happen on any event loop.
 */
final class ConnectionsPerAddress {
    private final int max;
    private final Map<Object, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the connections per address must be at least 1");
        }
        this.max = max;
    }

    /** Counts a new connection from {@code address}; false, counting nothing, when it already has {@code max}. */
    boolean admit(InetAddress address) {
        boolean[] room = {false};
        open.compute(key(address), (k, n) -> {
            int held = n == null ? 0 : n;
            room[0] = held < max;
            return room[0] ? held + 1 : n;
        });
        return room[0];
    }

    /** A connection {@link #admit admitted} from {@code address} closed. */
    void release(InetAddress address) {
        open.computeIfPresent(key(address), (k, n) -> n <= 1 ? null : n - 1);
    }

    int max() {
        return max;
    }

    /** Addresses with a connection open now. */
    int addresses() {
        return open.size();
    }

    private static Object key(InetAddress address) {
        if (address instanceof Inet6Address) {
            return new Block64(ByteBuffer.wrap(address.getAddress()).getLong());
        }
        return address;
    }

    /** The first 64 bits of an IPv6 address. */
    private record Block64(long prefix) {
    }
}
