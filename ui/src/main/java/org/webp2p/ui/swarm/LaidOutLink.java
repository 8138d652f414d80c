package org.webp2p.ui.swarm;

/** An edge between two laid-out peers, with its share of the heaviest link's bytes (0 to 1). */
public record LaidOutLink(double x1, double y1, double x2, double y2, double weight) {
}
