package org.webp2p.ui.simulator;

import java.time.Duration;
import java.util.regex.Pattern;
import org.webp2p.sdk.sim.NatMix;
import org.webp2p.server.config.ValueType;

/**
 * A simulation as the operator asked for it, checked: what {@link SimulationRun} hands the SDK's
 * simulator.
 *
 * @param churnPerMinute share of peers replaced each minute, 0 to 1
 */
public record SimulationPlan(String stream, int peers, NatMix mix, double churnPerMinute, Duration duration) {
    /** The node's 2 cores play every simulated peer in real time; past this they fall behind. */
    static final int MAX_PEERS = 1000;
    static final Duration MAX_DURATION = Duration.ofHours(1);
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    public SimulationPlan {
        if (stream == null || !STREAM.matcher(stream).matches()) {
            throw new IllegalArgumentException("Stream must be a stream name such as demo");
        }
        if (peers < 1 || peers > MAX_PEERS) {
            throw new IllegalArgumentException("Peers must be 1 to " + MAX_PEERS);
        }
        if (!(churnPerMinute >= 0 && churnPerMinute <= 1)) {
            throw new IllegalArgumentException("Churn must be 0 to 100 % a minute");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("Duration must be more than 0 and at most 1h");
        }
    }

    /**
     * Reads the form's fields as typed: peers a whole number, the NAT mix as {@code open=10,...},
     * churn in percent a minute, and the duration as {@code 90s} or {@code 5m}.
     *
     * @throws IllegalArgumentException with a message for the operator naming the field at fault
     */
    public static SimulationPlan parse(String stream, String peers, String natMix, String churnPercent,
                                       String duration) {
        int count;
        try {
            count = Integer.parseInt(peers.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Peers must be a whole number");
        }
        NatMix mix;
        try {
            mix = NatMix.parse(natMix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NAT mix: " + e.getMessage());
        }
        double churn;
        try {
            churn = Double.parseDouble(churnPercent.trim()) / 100;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Churn must be a number of percent a minute");
        }
        Duration length;
        try {
            length = ValueType.DURATION.parse(duration.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Duration must look like 90s or 5m");
        }
        return new SimulationPlan(stream.trim(), count, mix, churn, length);
    }
}
