package org.webp2p.sdk.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatCompatibility;
import org.webp2p.nat.NatType;

/**
 * What a {@link ConnectivityCheck} found, for a user or an app to read: the NAT in front of this
 * device, whether UDP reaches the rendezvous that introduces peers, and which kinds of peer it can
 * therefore exchange segments with. {@link #summary()} says it in plain words.
 *
 * @param rendezvous          the node tried, {@code host:port}; null when the plan names none
 * @param rendezvousProblem   why UDP did not reach it, for a human; null when it did
 */
public record ConnectivityReport(NatType natType, @Nullable String rendezvous, boolean udpReachesRendezvous,
                                 @Nullable String rendezvousProblem) {
    private static final List<NatType> PEER_KINDS = List.of(NatType.OPEN, NatType.FULL_CONE, NatType.RESTRICTED_CONE,
            NatType.PORT_RESTRICTED_CONE, NatType.SYMMETRIC);

    public ConnectivityReport {
        Objects.requireNonNull(natType, "natType");
    }

    /** The kinds of peer (by their NAT) this device can connect to; none without UDP to the rendezvous. */
    public List<NatType> reachable() {
        return PEER_KINDS.stream().filter(t -> udpReachesRendezvous && NatCompatibility.canConnect(natType, t)).toList();
    }

    /** The kinds of peer it cannot connect to. */
    public List<NatType> unreachable() {
        return PEER_KINDS.stream().filter(t -> !reachable().contains(t)).toList();
    }

    /** The findings in a few plain sentences. */
    public String summary() {
        List<String> out = new ArrayList<>();
        out.add(switch (natType) {
            case OPEN -> "This device is on the open internet, with no NAT in front of it.";
            case UDP_BLOCKED -> "UDP is blocked here: the STUN servers did not answer.";
            case UNKNOWN -> "The type of NAT in front of this device could not be found out.";
            default -> "This device is behind a " + words(natType) + " NAT.";
        });
        if (rendezvous == null) {
            out.add("The node named no rendezvous, so peers cannot be met and everything plays over HTTP.");
        } else if (udpReachesRendezvous) {
            out.add("UDP reaches the rendezvous at " + rendezvous + ".");
        } else {
            out.add("UDP does not reach the rendezvous at " + rendezvous + " (" + rendezvousProblem
                    + "), so peers cannot be met and everything plays over HTTP.");
        }
        if (!reachable().isEmpty()) {
            String lan = natType == NatType.OPEN ? "" : ", and with peers behind its own NAT on the local network";
            out.add("It can exchange segments with peers " + list(reachable()) + lan
                    + (unreachable().isEmpty() ? "." : ", but not with peers " + list(unreachable()) + "."));
        }
        out.add("Playback never waits for peers: whatever they cannot give comes over HTTP.");
        return String.join(" ", out);
    }

    private static String list(List<NatType> types) {
        List<String> names = types.stream().map(t -> t == NatType.OPEN ? "on open networks" : "behind " + words(t) + " NATs")
                .toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String words(NatType t) {
        return t.name().toLowerCase(Locale.ROOT).replace("_cone", "-cone").replace('_', '-');
    }
}
