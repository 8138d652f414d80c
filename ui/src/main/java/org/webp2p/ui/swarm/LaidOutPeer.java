package org.webp2p.ui.swarm;

/**
 * Where the layout has put a peer, in layout units around the origin.
 *
 * @param radius  drawing radius in layout units, from its offered upload
 * @param opacity 1 while it is in the swarm, falling to 0 as it fades out after leaving
 */
public record LaidOutPeer(GraphPeer peer, double x, double y, double radius, double opacity) {
    public boolean leaving() {
        return opacity < 1;
    }
}
