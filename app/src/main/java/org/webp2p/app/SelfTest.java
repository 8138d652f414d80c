package org.webp2p.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.StoreSettings;
import org.webp2p.server.config.StunSettings;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.RtmpService;
import org.webp2p.server.service.Service;
import org.webp2p.server.stun.StunService;

/**
 * {@code --self-test}: starts every enabled service on loopback and free ports, sends each one real
 * request, prints one {@code self-test NAME ok|FAILED|skipped DETAIL} line per service and stops
 * everything. It proves an installed copy works (bundled runtime, libraries, store) without touching
 * the ports or the data of a node that may already run on the machine.
 */
final class SelfTest {
    private static final Logger log = LoggerFactory.getLogger(SelfTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STUN_FIRST_WAIT = Duration.ofMillis(250);

    private final ServerRuntime runtime;
    private final PrintWriter out;

    SelfTest(ServerRuntime runtime, PrintWriter out) {
        this.runtime = runtime;
        this.out = out;
    }

    /**
     * The operator's options with the test's isolation on top: every service on 127.0.0.1 and a free
     * port whatever the file or {@code --set} say and, unless {@code --data-dir} was given, a new
     * temporary data directory with an embedded store in it, so a configured remote store records
     * nothing of the test. Other settings are kept, so the test runs the configuration the operator
     * will run.
     */
    static NodeOptions isolate(NodeOptions given) {
        NodeOptions isolated = new NodeOptions();
        isolated.configFile = given.configFile;
        isolated.overrides.putAll(given.overrides);
        isolated.overrides.putAll(loopbackOnFreePorts());
        if (given.dataDir != null) {
            isolated.dataDir = given.dataDir;
        } else {
            isolated.dataDir = Path.of(System.getProperty("java.io.tmpdir"), "webp2p-self-test-" + UUID.randomUUID());
            isolated.overrides.put(StoreSettings.URL.name(), "");
        }
        return isolated;
    }

    private static Map<String, String> loopbackOnFreePorts() {
        Map<String, String> local = new LinkedHashMap<>(Config.loopbackOnFreePorts());
        local.put(StunSettings.ALT_BIND.name(), "");
        return local;
    }

    /**
     * Runs every check, prints its line, then stops the runtime and, when {@code removeDataDir},
     * deletes the data directory the test made.
     *
     * @return {@link ExitCodes#OK} when no check failed, else {@link ExitCodes#FAILURE}
     */
    int run(boolean removeDataDir) {
        List<SelfTestCheck> checks;
        try {
            checks = checkAll();
        } finally {
            runtime.close();
            if (removeDataDir) {
                deleteTree(runtime.dataDir());
            }
        }
        return checks.stream().anyMatch(SelfTestCheck::failed) ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** Starts every enabled service and checks each in start order, printing as it goes. */
    List<SelfTestCheck> checkAll() {
        runtime.services().startAll();
        List<SelfTestCheck> checks = new ArrayList<>();
        for (ServiceStatus status : runtime.services().statuses()) {
            SelfTestCheck check = check(status);
            checks.add(check);
            out.println(check.line());
            out.flush();
        }
        return checks;
    }

    private SelfTestCheck check(ServiceStatus status) {
        String name = status.name();
        if (!status.enabled()) {
            return SelfTestCheck.skipped(name, "disabled");
        }
        if (status.state() != ServiceState.RUNNING) {
            return SelfTestCheck.failed(name, "did not start: " + (status.lastError() != null ? status.lastError()
                    : status.state().toString()));
        }
        Optional<InetSocketAddress> address = status.primaryAddress();
        Optional<ServiceProbe> probe = probeFor(runtime.services().service(name, Service.class));
        if (probe.isEmpty() || address.isEmpty()) {
            return SelfTestCheck.skipped(name, "running on " + status.addressText() + "; no probe for it yet");
        }
        try {
            return SelfTestCheck.ok(name, probe.get().probe(address.get()));
        } catch (ServiceProbe.ProbeFailure e) {
            return SelfTestCheck.failed(name, e.getMessage());
        }
    }

    /** The request that shows this kind of service works, if there is one yet. */
    static Optional<ServiceProbe> probeFor(Service service) {
        if (service instanceof HttpService) {
            return Optional.of(new HttpGetProbe("/health", "\"ok\"", TIMEOUT));
        }
        if (service instanceof OriginService) {
            // The origin has no health route; its built-in demo stream is always there to fetch.
            return Optional.of(new HttpGetProbe("/live/demo/index.m3u8", "#EXTM3U", TIMEOUT));
        }
        if (service instanceof RtmpService) {
            return Optional.of(new RtmpConnectProbe(TIMEOUT));
        }
        if (service instanceof StunService) {
            return Optional.of(new StunBindingProbe(STUN_FIRST_WAIT));
        }
        return Optional.empty();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot remove the self-test data directory {}", dir, e);
        }
    }
}
