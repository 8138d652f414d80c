/** Session startup pieces without I/O (RFC 7016 §3.5.1): stateless cookies and the initiator's opening state machine. */
package org.webp2p.rtmfp.handshake;
