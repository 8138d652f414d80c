package org.webp2p.nat;

import static org.webp2p.nat.NatType.PORT_RESTRICTED_CONE;
import static org.webp2p.nat.NatType.SYMMETRIC;
import static org.webp2p.nat.NatType.UDP_BLOCKED;

/**
 * Whether two peers can be expected to open a direct UDP path through their NATs by simultaneous
 * sends after an introduction (hole punching without port prediction).
 *
 * <p>A symmetric NAT gives the far peer a port it has never seen announced, so the far side must
 * accept packets from an unknown port: only cone NATs that filter by address alone (or not at all)
 * do. Hence symmetric fails against symmetric and against port-restricted cone, and every other
 * pair of known types works. Unknown types are given the benefit of the doubt, ranked lower by
 * callers; a peer with UDP blocked can reach nobody.
 */
public final class NatCompatibility {
    private NatCompatibility() {
    }

    public static boolean canConnect(NatType a, NatType b) {
        if (a == UDP_BLOCKED || b == UDP_BLOCKED) {
            return false;
        }
        if (a == SYMMETRIC) {
            return b != SYMMETRIC && b != PORT_RESTRICTED_CONE;
        }
        if (b == SYMMETRIC) {
            return a != PORT_RESTRICTED_CONE;
        }
        return true;
    }

    /** True when either side's type is unknown, so success is a guess. */
    public static boolean isUncertain(NatType a, NatType b) {
        return a == NatType.UNKNOWN || b == NatType.UNKNOWN;
    }
}
