package org.webp2p.ui.swarm;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.paint.Color;
import org.webp2p.nat.NatType;

/**
 * The colour of each NAT type in the swarm graph and its legend: from green for peers anyone can
 * reach, through blues and purple for cone NATs, to orange and red for the hard ones.
 */
public final class NatPalette {
    private static final Map<NatType, Color> COLOURS = new EnumMap<>(Map.of(
            NatType.OPEN, Color.web("#2e9d57"),
            NatType.FULL_CONE, Color.web("#1f8fb3"),
            NatType.RESTRICTED_CONE, Color.web("#4a67d6"),
            NatType.PORT_RESTRICTED_CONE, Color.web("#8e4fc9"),
            NatType.SYMMETRIC, Color.web("#e07b24"),
            NatType.UDP_BLOCKED, Color.web("#d13c3c"),
            NatType.UNKNOWN, Color.web("#8a8f98")));

    private NatPalette() {
    }

    public static Color of(NatType type) {
        return COLOURS.get(type);
    }
}
