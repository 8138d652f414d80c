/** STUN client transactions: sending, resending on the RFC 8489 schedule, and matching responses. */
package org.webp2p.nat.client;
