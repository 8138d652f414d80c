/** Round-trip time estimation and TCP-compatible congestion control for sessions (RFC 7016 §3.5.2). */
package org.webp2p.rtmfp.flow;
