/**
 * STUN messages (RFC 8489, with the RFC 5780 and RFC 3489 attributes) as immutable records, one per
 * attribute, and the stateless {@link org.webp2p.nat.stun.StunCodec} that reads and writes them.
 */
package org.webp2p.nat.stun;
