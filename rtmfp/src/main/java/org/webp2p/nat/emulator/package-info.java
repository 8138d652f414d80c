/**
 * NATs emulated in user space with real UDP on 127/8: a pure translation table
 * ({@link org.webp2p.nat.emulator.NatTable}), a socket shell around it
 * ({@link org.webp2p.nat.emulator.EmulatedNat}) and an address plan for many hosts
 * ({@link org.webp2p.nat.emulator.LoopbackLab}); and access links in front of the NATs, with delay,
 * jitter, loss and rate caps, whose arithmetic ({@link org.webp2p.nat.emulator.LinkShaper}) does no
 * I/O either ({@link org.webp2p.nat.emulator.ShapedLink}, {@link org.webp2p.nat.emulator.EmulatedNat#shape}).
 */
package org.webp2p.nat.emulator;
