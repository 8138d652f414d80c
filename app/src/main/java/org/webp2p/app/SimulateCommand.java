package org.webp2p.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.webp2p.nat.emulator.LinkCounters;
import org.webp2p.sdk.sim.NatGroups;
import org.webp2p.sdk.sim.NatMix;
import org.webp2p.sdk.sim.NetworkProfile;
import org.webp2p.sdk.sim.NeverStarted;
import org.webp2p.sdk.sim.SimulationReport;
import org.webp2p.sdk.sim.SwarmSimulator;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.api.ApiService;
import org.webp2p.server.api.TokenIssuer;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigException;
import org.webp2p.server.config.TrackerSettings;
import org.webp2p.server.config.ValueType;
import org.webp2p.server.http.Json;
import org.webp2p.server.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webp2p simulate}: a swarm of real clients against the embedded services or a given API. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a swarm of real SDK clients, each behind its own emulated NAT on a 127.x address, "
                + "sharing segments and playing a stream in real time, and report offload, stalls, startup and "
                + "NAT success. Without --api it runs against its own embedded node on free loopback ports; "
                + "against a node elsewhere the clients use this machine's network (no NAT emulation).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:simulation ran", "1:node or clients could not run", "2:bad option or configuration"})
final class SimulateCommand implements Callable<Integer> {
    private static final Pattern CHURN = Pattern.compile("(\\d+(?:\\.\\d+)?)%/min");

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Option(names = "--peers", defaultValue = "10", description = "Clients in the swarm (default ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--nat-mix", defaultValue = "open=10,full=20,restricted=20,port=30,symmetric=20",
            description = "NAT types by weight (default ${DEFAULT-VALUE}).")
    String natMix;

    @Option(names = "--nat-groups", paramLabel = "NAME=NATSxPEERS,...", defaultValue = "",
            description = "Peers sharing one NAT, as in offices and households: office=10x5 puts 50 of the peers behind "
                    + "10 NATs, five behind each (types from --nat-mix); the rest sit behind NATs of their own. "
                    + "The NATs do not hairpin, so such peers meet on their local addresses.")
    String natGroups;

    @Option(names = "--churn", defaultValue = "0%/min", description = "Share of peers replaced per minute, e.g. 10%%/min.")
    String churn;

    @Option(names = "--duration", defaultValue = "1m", description = "How long to run: 90s, 5m (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "0s", paramLabel = "DURATION", description = "First play as many viewers "
            + "for this long, uncounted, then the measured run: every simulated viewer shares this JVM, whose JIT "
            + "compiler takes a third of a 2-core machine for the first half minute, so a benchmark's swarm (and "
            + "not its --baseline=after) would start on what is left. 30s for benchmarks (default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--stream", defaultValue = "demo", description = "Stream to play (default ${DEFAULT-VALUE}; "
            + "demo-hd is the built-in 1.5 Mbit/s 720p rendition).")
    String stream;

    @Option(names = "--baseline", arity = "0..1", paramLabel = "WHEN", fallbackValue = "together",
            converter = BaselineTimingConverter.class, description = "Also play as many viewers over HTTP alone, each "
            + "on a link drawn like its swarm twin's and with the same churn, and report their stalls and startup "
            + "beside the swarm's: together (the default) at the same time, after once the swarm's run is over, so a "
            + "machine that carries the swarm alone can still compare.")
    SimulationReport.BaselineTiming baseline;

    @Option(names = "--network", paramLabel = "PROFILE[,KEY=VALUE...]", defaultValue = "lan", description = {
        "Each peer's access link, which its datagrams (through its emulated NAT) and its HTTP (through a relay) "
            + "cross; drawn per peer from the profile (default ${DEFAULT-VALUE}):",
        "  lan: no shaping, loopback speed",
        "  broadband: rtt 20-80 ms, jitter 2 ms, loss 0.1%%, up 5-20 Mbit/s, down 20-100 Mbit/s, queue 100 ms",
        "  mobile: rtt 60-200 ms, jitter 20 ms, loss 1%%, up 1-5 Mbit/s, down 5-20 Mbit/s, queue 100 ms",
        "  mixed: 60%% broadband, 40%% mobile",
        "Override any setting after the name, e.g. broadband,rtt=40-60,loss=0.5%%,up=2: rtt (ms to the core, "
            + "a value or MIN-MAX drawn uniformly; half of it each way), jitter (ms either way on each one-way "
            + "delay), loss (%% of datagrams, each way), up and down (Mbit/s, a value or MIN-MAX; 0 for no cap), "
            + "queue (ms of the rate held before tail drop). A peer's HTTP and datagrams share its rates; HTTP "
            + "sees the delay and rates, not loss or jitter (TCP would hide them)."})
    String network;

    @Option(names = "--network-seed", defaultValue = "1", description = "Seed of the peers' links, losses and jitter: "
            + "the same seed draws the same links (default ${DEFAULT-VALUE}).")
    long networkSeed;

    @Option(names = "--api", paramLabel = "URL", description = "API of a running node; default: an embedded node.")
    URI api;

    @Option(names = "--token", description = "Token for --api, shared by every peer, so its subject must be allowed as many "
            + "sessions as peers start (api.max-sessions-per-subject); the embedded node signs one per peer.")
    String token;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NatMix mix;
        NatGroups groups;
        Duration length;
        Duration warmupLength;
        double churnPerMinute;
        NetworkProfile links;
        try {
            mix = NatMix.parse(natMix);
            groups = NatGroups.parse(natGroups);
            if (groups.peers() > peers) {
                throw new IllegalArgumentException("--nat-groups holds " + groups.peers() + " peers, more than --peers "
                        + peers);
            }
            links = NetworkProfile.parse(network);
            length = ValueType.DURATION.parse(duration);
            warmupLength = ValueType.DURATION.parse(warmup);
            Matcher m = CHURN.matcher(churn.trim());
            if (!m.matches() || peers < 1 || peers > 5000) {
                throw new IllegalArgumentException("--churn must look like 10%/min and --peers be 1 to 5000");
            }
            churnPerMinute = Double.parseDouble(m.group(1)) / 100;
        } catch (IllegalArgumentException e) {
            err.println("webp2p simulate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ServerRuntime embedded = null;
        try {
            URI target = api;
            IntFunction<String> credentials = peer -> token;
            if (target == null) {
                embedded = embeddedNode();
                embedded.services().startAll();
                var apiStatus = embedded.services().status(ApiService.NAME);
                target = URI.create("http://127.0.0.1:" + apiStatus.primaryAddress()
                        .orElseThrow(() -> new IOException("the embedded API did not start: " + apiStatus.lastError()))
                        .getPort());
                // A subject per peer: with churn a run starts more peers than one subject may hold sessions.
                TokenIssuer issuer = new TokenIssuer(embedded.config(), embedded.dataDir(), Clock.systemUTC());
                credentials = peer -> issuer.issue(stream, "simulator-" + peer, length.plusHours(1));
            }
            out.printf("simulating %d peers%s on %s for %ds (churn %s, NAT mix %s%s, network %s) against %s%n", peers,
                    baseline == null ? "" : baseline == SimulationReport.BaselineTiming.TOGETHER
                            ? " and as many over HTTP alone" : ", then as many over HTTP alone,", stream, length.toSeconds(), churn, natMix,
                    natGroups.isBlank() ? "" : ", NAT groups " + natGroups, links.spec(), target);
            out.flush();
            SwarmSimulator simulator = new SwarmSimulator(target, stream, credentials, group).network(links, networkSeed)
                    .warmup(warmupLength);
            if (baseline != null) {
                simulator.withBaseline(baseline);
            }
            SimulationReport report = simulator.run(peers, mix, groups, churnPerMinute, length, line -> {
                out.println(line);
                out.flush();
            });
            print(out, report);
            if (links.shapes()) {
                print(out, simulator.linkTotals());
            }
            if (json != null) {
                Files.write(json, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report));
            }
            return ExitCodes.OK;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("webp2p simulate: configuration: " + p));
            return ExitCodes.USAGE;
        } catch (IOException | StoreException | IllegalStateException e) {
            err.println("webp2p simulate: " + e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Its own node on free loopback ports, so it runs beside a console that holds the defaults. */
    private ServerRuntime embeddedNode() throws ConfigException, IOException, StoreException {
        Map<String, String> local = new HashMap<>(Config.loopbackOnFreePorts());
        local.put(TrackerSettings.MAX_PEERS_PER_ADDRESS.name(), Integer.toString(Math.max(256, peers)));
        // Loopback and free ports first; what the user set with --set still wins.
        Config config = node.config().with(local).with(node.overrides);
        Path dir = node.dataDir != null ? node.dataDir() : Files.createTempDirectory("webp2p-simulate");
        return ServerRuntime.open(config, dir, Clock.systemUTC());
    }

    private static String tally(SimulationReport.Tally t) {
        return t.attempts() == 0 ? "no attempts" : String.format(Locale.ROOT, "%d of %d attempts connected (%.0f%%), %d on a LAN",
                t.successes(), t.attempts(), 100 * t.successRatio(), t.lan());
    }

    private static void print(PrintWriter out, LinkCounters links) {
        out.printf("peer links        datagrams up %d (lost %d, queue full %d), down %d (lost %d, queue full %d)%n",
                links.up().passed(), links.up().lost(), links.up().queueDrops(), links.down().passed(),
                links.down().lost(), links.down().queueDrops());
        out.flush();
    }

    private static void print(PrintWriter out, SimulationReport r) {
        out.printf(Locale.ROOT, "%nconditions        %s, %.0f kbit/s, %d peers, churn %.0f%%/min, %d s, network %s%n",
                r.stream(), r.streamBitrateKbps(), r.peers(), r.churnPerMinute() * 100, r.durationMs() / 1000,
                r.network() + (r.warmupMs() > 0 ? ", after a " + r.warmupMs() / 1000 + " s warm-up not counted" : ""));
        out.printf("peers started     %d (%d at the end)%n", r.peersStarted(), r.peersAtEnd());
        out.printf("never started     %s%n", neverStarted(r.peersNeverStarted()));
        out.printf(Locale.ROOT, "P2P offload       %.1f%%%n", r.offloadRatio() * 100);
        out.printf(Locale.ROOT, "stalls            %d (%d ms, ratio %.4f)%n", r.stalls(), r.stallMs(), r.stallRatio());
        out.printf("startup p50/p95   %d / %d ms (session request to first frame)%n", r.startupP50Ms(),
                r.startupP95Ms());
        out.printf("live latency p50  %s (behind the live edge, as each peer left)%n", ms(r.liveLatencyP50Ms()));
        out.printf("origin bytes      %d (segments, playlists and headers)%n", r.originBytes());
        out.printf("peer bytes        %d%n", r.p2pBytes());
        out.printf("NAT success       %s%n", r.natSuccess().isEmpty() ? "no peer connections tried" : r.natSuccess());
        out.printf("same NAT          %s%n", tally(r.sameNat()));
        out.printf("cross-NAT cones   %s%n", tally(r.crossNatCone()));
        r.byLinkClass().forEach((name, c) -> out.printf(Locale.ROOT, "  %-15s %s, offload %.1f%%, fallbacks %s%n",
                name, linkClass(c), c.offloadRatio() * 100, c.fallbacks()));
        SimulationReport.Baseline b = r.baseline();
        if (b != null) {
            out.printf(Locale.ROOT, "HTTP only         stalls %d (%d ms, ratio %.4f), startup p50/p95 %d / %d ms, "
                    + "live latency p50 %s, origin bytes %d (%s the swarm)%n", b.stalls(), b.stallMs(), b.stallRatio(),
                    b.startupP50Ms(), b.startupP95Ms(), ms(b.liveLatencyP50Ms()), b.originBytes(),
                    b.timing() == SimulationReport.BaselineTiming.TOGETHER ? "beside" : "after");
            b.byLinkClass().forEach((name, c) -> out.printf("  %-15s %s%n", name, linkClass(c)));
        }
        out.flush();
    }

    /** Peers, stalls and startup of the viewers on one class of link. */
    private static String linkClass(SimulationReport.LinkClassFigures c) {
        return String.format(Locale.ROOT, "%d peers, stalls %d (%d ms), startup p50/p95 %d / %d ms, latency p50 %s",
                c.peers(), c.stalls(), c.stallMs(), c.startupP50Ms(), c.startupP95Ms(), ms(c.liveLatencyP50Ms()));
    }

    /** A duration for the text report; a figure that could not be told as such, not as -1. */
    private static String ms(long ms) {
        return ms < 0 ? "unknown" : ms + " ms";
    }

    /** How many peers never showed a frame, by reason. */
    private static String neverStarted(List<NeverStarted> peers) {
        if (peers.isEmpty()) {
            return "none";
        }
        Map<NeverStarted.Reason, Long> byReason = peers.stream()
                .collect(Collectors.groupingBy(NeverStarted::reason, TreeMap::new, Collectors.counting()));
        long timeouts = peers.stream().filter(NeverStarted::countedAsTimeout).count();
        return peers.size() + " " + byReason + ", " + timeouts + " counted as startup timeouts";
    }

    /** {@code together} or {@code after}, in any case. */
    static final class BaselineTimingConverter implements CommandLine.ITypeConverter<SimulationReport.BaselineTiming> {
        @Override
        public SimulationReport.BaselineTiming convert(String value) {
            try {
                return SimulationReport.BaselineTiming.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not together or after");
            }
        }
    }
}
