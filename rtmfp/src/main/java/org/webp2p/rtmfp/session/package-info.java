/**
 * The RTMFP endpoint core and its sessions and flows (RFC 7016 §3), free of I/O: a
 * {@link org.webp2p.rtmfp.session.RtmfpCore} is driven by datagrams and clock ticks and sends
 * through a {@link org.webp2p.rtmfp.session.DatagramSink}, so all of it is tested with a fake
 * clock and an in-memory network.
 */
package org.webp2p.rtmfp.session;
