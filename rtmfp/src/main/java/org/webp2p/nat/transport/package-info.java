/**
 * The datagram socket protocol code is written against, so the same code runs on a plain socket or
 * behind an emulated NAT.
 */
package org.webp2p.nat.transport;
