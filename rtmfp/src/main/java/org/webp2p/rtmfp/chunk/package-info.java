/** RTMFP chunks (RFC 7016 §2.3), one immutable record per type, and their stateless codec. */
package org.webp2p.rtmfp.chunk;
