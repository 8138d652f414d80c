/**
 * The thin Netty adapter: {@link org.webp2p.rtmfp.net.RtmfpEndpoint} for applications, and
 * {@link org.webp2p.rtmfp.net.RtmfpDatagramHandler} to put a core on an existing event loop.
 */
package org.webp2p.rtmfp.net;
