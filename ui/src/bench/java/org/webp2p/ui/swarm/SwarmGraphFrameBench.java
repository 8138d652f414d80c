package org.webp2p.ui.swarm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;

/**
 * Frame time of the swarm graph at 100 and 500 peers, with no links (as today) and with two links
 * a peer (as once peers exchange media). A frame is what the AnimationTimer does while the layout
 * moves: one force step and a full redraw, here followed by a snapshot so the software pipeline
 * really rasterises it. Each figure is the median of several rounds of 100 hot frames, printed as
 * a ratio to the 100-peer run. Run on demand only: see docs/benchmarks.md.
 */
class SwarmGraphFrameBench {
    private static final int FRAMES = 100;
    private static final int ROUNDS = 5;

    @Test
    void frameTimeAt100And500Peers() throws Exception {
        FxToolkit.registerPrimaryStage();
        measure(500, 2, 2); // warm-up: lets the JIT compile the step and draw paths
        System.out.println("peers  links  step ms  frame ms  step ratio  frame ratio");
        for (int linksPerPeer : new int[] {0, 2}) {
            double[] base = null;
            for (int peers : new int[] {100, 500}) {
                double[] ms = measure(peers, linksPerPeer, ROUNDS);
                base = base == null ? ms : base;
                System.out.printf("%5d  %5d  %7.3f  %8.3f  %10.2f  %11.2f%n", peers, peers * linksPerPeer, ms[0], ms[1],
                        ms[0] / base[0], ms[1] / base[1]);
            }
        }
    }

    /** Median milliseconds per layout step alone and per whole frame. */
    private static double[] measure(int peers, int linksPerPeer, int rounds) throws Exception {
        double[] steps = new double[rounds];
        double[] frames = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            List<GraphPeer> swarm = swarm(peers);
            List<GraphLink> links = links(peers, linksPerPeer);
            ForceLayout layout = new ForceLayout(r);
            layout.update(swarm, links);
            long t0 = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                layout.step();
            }
            steps[r] = (System.nanoTime() - t0) / 1e6 / FRAMES;
            frames[r] = WaitForAsyncUtils.asyncFx(() -> {
                SwarmGraphView graph = new SwarmGraphView();
                graph.resize(1200, 800);
                graph.layout();
                graph.show(swarm, links);
                long t1 = System.nanoTime();
                for (int i = 0; i < FRAMES; i++) {
                    graph.frame();
                    graph.canvas().snapshot(null, null);
                }
                return (System.nanoTime() - t1) / 1e6 / FRAMES;
            }).get();
        }
        Arrays.sort(steps);
        Arrays.sort(frames);
        return new double[] {steps[rounds / 2], frames[rounds / 2]};
    }

    private static List<GraphPeer> swarm(int n) {
        List<GraphPeer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new GraphPeer("peer-" + i, ClientKind.SDK, NatType.values()[i % NatType.values().length],
                    (i * 37) % 2000));
        }
        return out;
    }

    private static List<GraphLink> links(int n, int perPeer) {
        Random random = new Random(n);
        List<GraphLink> out = new ArrayList<>(n * perPeer);
        for (int i = 0; i < n && perPeer > 0; i++) {
            out.add(new GraphLink("peer-" + i, "peer-" + (i + 1) % n, 1L + random.nextInt(50_000_000)));
            for (int k = 1; k < perPeer; k++) {
                int j = (i + 2 + random.nextInt(n - 3)) % n;
                out.add(new GraphLink("peer-" + i, "peer-" + j, 1L + random.nextInt(50_000_000)));
            }
        }
        return out;
    }
}
