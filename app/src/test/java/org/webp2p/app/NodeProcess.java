package org.webp2p.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webp2p.server.config.Config;

/**
 * The real launcher in its own JVM, as a service manager runs it ({@code --headless}, every service
 * on loopback and a free port), with the service lines it printed up to {@code ready}.
 */
final class NodeProcess implements AutoCloseable {
    static final Pattern LINE = Pattern.compile("service (\\S+) (\\S+) (\\S+)( .*)?");

    private final Process process;
    private final BufferedReader out;
    private final List<String> serviceLines = new ArrayList<>();

    private NodeProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a node on {@code dataDir} with {@code settings} on top of loopback and free ports, and waits for it to be ready. */
    static NodeProcess start(Path dataDir, Map<String, String> settings) throws IOException {
        return start(dataDir, settings, List.of());
    }

    /** As {@link #start(Path, Map)}, the JVM started by {@code launcher} (e.g. {@code ip netns exec NS}). */
    static NodeProcess start(Path dataDir, Map<String, String> settings, List<String> launcher) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(java(Main.class.getName(), "--headless", "--data-dir", dataDir.toString()));
        Map<String, String> all = new LinkedHashMap<>(Config.loopbackOnFreePorts());
        all.putAll(settings);
        all.forEach((key, value) -> cmd.addAll(List.of("--set", key + "=" + value)));
        NodeProcess node = new NodeProcess(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        try {
            for (String line; (line = node.out.readLine()) != null && !line.startsWith("ready"); ) {
                node.serviceLines.add(line);
            }
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** The command line of a JVM running {@code mainClass} with this test's class path. */
    static List<String> java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The {@code service NAME STATE ADDRESS} lines printed before {@code ready}, or everything it printed
     * when it ended without being ready.
     */
    List<String> serviceLines() {
        return serviceLines;
    }

    /** Where a service that started listens; fails the test when it did not start. */
    InetSocketAddress address(String service) {
        for (String line : serviceLines) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && m.group(1).equals(service)) {
                if (!m.group(2).equals("RUNNING")) {
                    throw new AssertionError(line);
                }
                int colon = m.group(3).lastIndexOf(':');
                return new InetSocketAddress(m.group(3).substring(0, colon), Integer.parseInt(m.group(3).substring(colon + 1)));
            }
        }
        throw new AssertionError("no line for " + service + " in " + serviceLines);
    }

    /** What it prints after {@code ready}. */
    BufferedReader output() {
        return out;
    }

    Process process() {
        return process;
    }

    /** Waits for the process to end on its own; the exit code, or -1 if it did not exit in time. */
    int awaitExit() throws InterruptedException {
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL on Linux: no shutdown hook, no flush, no closing of files. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as a service manager stops it; the exit code, or -1 if it did not exit in time. */
    int stop() throws InterruptedException {
        process.toHandle().destroy();
        return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
