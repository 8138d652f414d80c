/**
 * The RTMFP rendezvous service (RFC 7016 §3.5.1.5, Flash profile RFC 7425): peers connect with a
 * Flash {@code connect}, register their addresses, and are introduced to each other by peer ID;
 * a full or draining node redirects new initiators to its sibling nodes.
 */
package org.webp2p.server.rtmfp;
