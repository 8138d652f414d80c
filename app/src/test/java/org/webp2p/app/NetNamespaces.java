package org.webp2p.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Linux network namespaces, veth links and nftables NATs that a test builds and removes, with
 * {@code ip} and {@code nft} as root. Everything is made inside namespaces named with this JVM's
 * process ID, never in the host's own network; {@link #close} deletes every namespace made, and
 * with it every link and address inside. {@link #require} says why it cannot run, for a test to
 * skip rather than pass silently.
 */
final class NetNamespaces implements AutoCloseable {
    private final String prefix = "wp" + ProcessHandle.current().pid() + "-";
    private final List<String> made = new ArrayList<>();

    /**
     * Aborts the calling test, with the reason, unless this machine lets us make namespaces and NATs:
     * Linux, root, {@code ip} and {@code nft}, and a namespace that takes an nftables NAT table.
     */
    static void require() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            Assumptions.abort("network namespaces are Linux only");
        }
        String probe = "wp" + ProcessHandle.current().pid() + "-probe";
        try {
            if (!run(List.of("id", "-u")).strip().equals("0")) {
                Assumptions.abort("network namespaces need root (CI runs as root)");
            }
            run(List.of("ip", "netns", "add", probe));
            try {
                run(List.of("ip", "netns", "exec", probe, "nft", "add", "table", "ip", "probe"));
            } finally {
                run(List.of("ip", "netns", "delete", probe));
            }
        } catch (IOException e) {
            Assumptions.abort("cannot make a namespace with an nftables table (needs iproute2 and nftables,"
                    + " as .ci/run installs, and CAP_NET_ADMIN): " + e.getMessage());
        }
    }

    /** A new namespace with its loopback up; the name returned is the one to use. */
    String add(String name) throws IOException {
        String ns = prefix + name;
        run(List.of("ip", "netns", "add", ns));
        made.add(ns);
        ip(ns, "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair from {@code a} (named {@code aName}, with {@code aCidr}) to {@code b}, both up. */
    void link(String a, String aName, String aCidr, String b, String bName, String bCidr) throws IOException {
        ip(a, "link", "add", aName, "type", "veth", "peer", "name", bName, "netns", b);
        ip(a, "addr", "add", aCidr, "dev", aName);
        ip(b, "addr", "add", bCidr, "dev", bName);
        ip(a, "link", "set", aName, "up");
        ip(b, "link", "set", bName, "up");
    }

    /** Runs {@code ip ARGS} inside {@code ns}. */
    void ip(String ns, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    /** Lets {@code ns} route between its links, as the internet between routers. */
    void forwarding(String ns) throws IOException {
        exec(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    /**
     * Makes {@code ns} a home router: forwarding on, masquerade out of {@code wan} (with
     * {@code random}, a new random port per destination, which is a symmetric NAT), and a home
     * router's firewall, which drops whatever arrives on {@code wan} unasked. The firewall matters:
     * without it an unsolicited packet leaves a conntrack entry behind, and the reply a hole punch
     * sends next leaves from another port, which the far NAT then filters.
     */
    void masquerade(String ns, String wan, boolean random) throws IOException {
        forwarding(ns);
        exec(ns, "nft", "add", "table", "inet", "firewall");
        for (String hook : List.of("input", "forward")) {
            exec(ns, "nft", "add", "chain", "inet", "firewall", hook, "{ type filter hook " + hook + " priority 0 ; }");
            exec(ns, "nft", "add", "rule", "inet", "firewall", hook, "iifname", wan, "ct", "state", "new", "drop");
        }
        exec(ns, "nft", "add", "table", "ip", "nat");
        exec(ns, "nft", "add", "chain", "ip", "nat", "post", "{ type nat hook postrouting priority 100 ; }");
        List<String> rule = new ArrayList<>(List.of("nft", "add", "rule", "ip", "nat", "post", "oifname", wan,
                "masquerade"));
        if (random) {
            rule.add("random");
        }
        exec(ns, rule.toArray(String[]::new));
    }

    /** The command line that runs {@code command} inside {@code ns}. */
    static List<String> inside(String ns, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        return cmd;
    }

    private void exec(String ns, String... command) throws IOException {
        run(inside(ns, List.of(command)));
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    /** Deletes every namespace made here, with the links and addresses in them; carries on past failures. */
    @Override
    public void close() {
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                run(List.of("ip", "netns", "delete", made.get(i)));
            } catch (IOException e) {
                // Keep deleting the rest; the failure is in the build log.
                System.err.println("could not delete namespace " + made.get(i) + ": " + e.getMessage());
            }
        }
        made.clear();
    }
}
