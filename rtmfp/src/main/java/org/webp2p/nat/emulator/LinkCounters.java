package org.webp2p.nat.emulator;

/**
 * What an emulated link has done to its datagrams so far, in each direction.
 *
 * @param up from the host
 * @param down to the host
 */
public record LinkCounters(Direction up, Direction down) {

    /**
     * @param passed datagrams let through, late as the link makes them
     * @param lost datagrams lost at random
     * @param queueDrops datagrams dropped because the queue was full
     */
    public record Direction(long passed, long lost, long queueDrops) {
    }
}
