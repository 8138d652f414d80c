/**
 * NAT traversal tools shared by the server and the client SDK. This package names NAT behaviour
 * ({@link org.webp2p.nat.NatType}, {@link org.webp2p.nat.MappingBehaviour},
 * {@link org.webp2p.nat.FilteringBehaviour}) and finds it ({@link org.webp2p.nat.NatClassifier}).
 * Beside it: {@code stun} (the message codec), {@code responder} (the server's decisions),
 * {@code client} (transactions), {@code transport} (the socket abstraction) and {@code emulator}
 * (NATs in user space on loopback, for tests and simulations).
 */
package org.webp2p.nat;
