/** The STUN service: the RFC 5780 responder from {@code org.webp2p.nat} on the shared event loops. */
package org.webp2p.server.stun;
