/**
 * RTMFP (RFC 7016) with the Flash profile (RFC 7425), interoperable with existing endpoints.
 *
 * <p>Layers, bottom up:
 * <ul>
 *   <li>{@code wire}: VLUs, option lists and bounds-checked readers (RFC 7016 §2.1);</li>
 *   <li>{@code chunk} and {@code packet}: every chunk as an immutable record, packets, the
 *       scrambled session ID and the datagram codec (RFC 7016 §2.2-§2.3);</li>
 *   <li>{@code crypto}: Flash-profile certificates, peer IDs, endpoint discriminators,
 *       Diffie-Hellman groups 2 and 14, session keys and AES-CBC with checksum (RFC 7425 §4);</li>
 *   <li>{@code handshake}: stateless cookies and the initiator's opening state machine;</li>
 *   <li>{@code session}: {@link org.webp2p.rtmfp.session.RtmfpCore}, an endpoint without I/O
 *       (datagrams and clock in, datagrams out), its sessions and flows (RFC 7016 §3);</li>
 *   <li>{@code flow}: RTT estimation and congestion control;</li>
 *   <li>{@code flash}: AMF0 and the NetConnection messages of the first flow (RFC 7425 §5);</li>
 *   <li>{@code net}: {@link org.webp2p.rtmfp.net.RtmfpEndpoint}, the core on a UDP socket.</li>
 * </ul>
 *
 * <p>Threading: a core and everything it owns run on one thread. Public methods of sessions and
 * flows may be called from any thread and hop onto it; listeners are called on it. Every
 * protocol tunable is in {@link org.webp2p.rtmfp.RtmfpParams}; every dropped datagram is counted
 * by {@link org.webp2p.rtmfp.DropReason} in {@link org.webp2p.rtmfp.DropCounters}.
 */
package org.webp2p.rtmfp;
