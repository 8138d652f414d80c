/**
 * A STUN server's decisions without sockets: which reply a datagram gets and which of the server's
 * two or four sockets must send it.
 */
package org.webp2p.nat.responder;
