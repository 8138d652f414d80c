/**
 * NATs emulated in user space with real UDP on 127/8: a pure translation table
 * ({@link org.webp2p.nat.emulator.NatTable}), a socket shell around it
 * ({@link org.webp2p.nat.emulator.EmulatedNat}) and an address plan for many hosts
 * ({@link org.webp2p.nat.emulator.LoopbackLab}).
 */
package org.webp2p.nat.emulator;
