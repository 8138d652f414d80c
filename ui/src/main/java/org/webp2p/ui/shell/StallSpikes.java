package org.webp2p.ui.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.ui.NodeSnapshot;

/**
 * Decides when viewers' stalls deserve the operator's attention: when the share of playback time
 * spent stalled, over pingback's window, rises past {@link #THRESHOLD}. It speaks once per rise and
 * again only after the ratio has fallen back under half the threshold and a quiet period has
 * passed, so a swarm hovering at the line does not flood the screen. Pure: fed snapshots.
 */
final class StallSpikes {
    /** 2% of playback stalled: well past what a healthy HLS audience shows. */
    static final double THRESHOLD = 0.02;
    private static final Duration QUIET = Duration.ofMinutes(5);

    private boolean raised;
    private Instant lastAlert = Instant.MIN;

    /** A message to show for this snapshot, if stalls just spiked. */
    Optional<String> check(NodeSnapshot s) {
        double ratio = s.global().stallRatio();
        if (raised && ratio < THRESHOLD / 2) {
            raised = false;
        }
        if (raised || ratio < THRESHOLD || s.global().stalls() == 0
                || Duration.between(lastAlert, s.at()).compareTo(QUIET) < 0) {
            return Optional.empty();
        }
        raised = true;
        lastAlert = s.at();
        String worst = worstSwarm(s.swarmFigures())
                .map(f -> String.format(Locale.ROOT, "; worst swarm %s at %.1f%%", f.swarm(), f.stallRatio() * 100))
                .orElse("");
        return Optional.of(String.format(Locale.ROOT, "%.1f%% of playback stalled (%d stalls across %d peers)%s",
                ratio * 100, s.global().stalls(), s.global().peers(), worst));
    }

    private static Optional<SwarmFigures> worstSwarm(Map<String, SwarmFigures> swarms) {
        return swarms.values().stream().filter(f -> f.stalls() > 0)
                .max(Comparator.comparingDouble(SwarmFigures::stallRatio));
    }
}
