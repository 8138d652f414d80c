package org.webp2p.server.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * Whose quota of sessions a new one counts against ({@code api.max-sessions-per-subject}), so that
 * one leaked token, or one host, cannot take the whole registry.
 *
 * <ul>
 *   <li>A token with a subject: that subject, however many tokens name it.</li>
 *   <li>A token without one: that token alone, by its signature (subjects are optional, and tokens
 *       handed to different people without one must not share a quota).</li>
 *   <li>No token (an open stream): the client's address, its /64 for IPv6, since one host gets a
 *       whole /64 and could otherwise open sessions without end. Sharing one quota among all
 *       anonymous viewers would let any one of them lock the rest out.</li>
 * </ul>
 *
 * @param key the quota's name, unique across the three kinds
 */
record SessionOwner(String key) {
    SessionOwner {
        Objects.requireNonNull(key, "key");
    }

    static SessionOwner of(AccessToken grant, String token) {
        return grant.subject().isEmpty() ? new SessionOwner("token " + token.substring(token.indexOf('.') + 1))
                : new SessionOwner("subject " + grant.subject());
    }

    static SessionOwner anonymous(InetAddress client) {
        if (client instanceof Inet6Address) {
            ByteBuffer b = ByteBuffer.wrap(client.getAddress());
            return new SessionOwner(String.format(Locale.ROOT, "address %x:%x:%x:%x::/64", b.getShort() & 0xffff,
                    b.getShort() & 0xffff, b.getShort() & 0xffff, b.getShort() & 0xffff));
        }
        return new SessionOwner("address " + client.getHostAddress());
    }
}
