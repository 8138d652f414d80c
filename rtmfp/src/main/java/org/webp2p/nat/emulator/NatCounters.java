package org.webp2p.nat.emulator;

/**
 * What an emulated NAT has done so far.
 *
 * @param translatedOut packets relayed from an inside host to the outside
 * @param translatedIn packets relayed from the outside to an inside host
 * @param filtered inbound packets the filtering behaviour dropped
 * @param dropped packets that could not be relayed (bad frame, unknown inside host, socket error)
 * @param mappingsCreated mappings opened
 * @param mappingsExpired mappings closed after idling
 * @param lanSwitched packets from one inside host to another, passed on inside without translation
 * @param hairpinRefused packets from an inside host to this NAT's own public address, dropped as
 *     home routers and Linux masquerade drop them
 */
public record NatCounters(long translatedOut, long translatedIn, long filtered, long dropped, long mappingsCreated,
        long mappingsExpired, long lanSwitched, long hairpinRefused) {
}
