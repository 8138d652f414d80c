/** The Flash cryptography profile (RFC 7425 §4): certificates, peer IDs, endpoint discriminators, key agreement, packet cipher. */
package org.webp2p.rtmfp.crypto;
