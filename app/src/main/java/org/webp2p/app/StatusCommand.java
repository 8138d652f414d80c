package org.webp2p.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.webp2p.protocol.admin.ServiceDescription;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.server.admin.AdminToken;
import org.webp2p.server.config.AdminSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigException;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.net.ServerTls;
import org.webp2p.ui.AdminClient;
import org.webp2p.ui.NodeSourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webp2p status}: the services of a running node, read from its admin endpoint. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the services of a running node, one line each as --headless prints them: "
                + "'service NAME STATE ADDRESS [reason]'. Without --admin, the node this machine's configuration "
                + "describes (admin.bind and admin.port), with its token from admin.token or DATA_DIR/admin-token.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the node answered (whatever its services' states)",
            "1:the node could not be reached, refused the token, or its token could not be read",
            "2:bad option or configuration"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Option(names = "--admin", paramLabel = "URL", description = "The node's admin endpoint, e.g. http://HOST:8084.")
    String admin;

    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "The node's admin token (visible in the "
            + "process list: prefer --admin-token-file).")
    String adminToken;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = "A file holding the node's admin token.")
    Path adminTokenFile;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Config config;
        try {
            config = node.config();
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("webp2p status: configuration: " + p));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("webp2p status: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        WatchTarget target;
        try {
            target = target(config);
        } catch (IllegalArgumentException e) {
            err.println("webp2p status: " + e.getMessage());
            return admin == null && adminToken == null && adminTokenFile == null ? ExitCodes.FAILURE : ExitCodes.USAGE;
        }
        List<ServiceDescription> services;
        try {
            services = new AdminClient(target.adminUrl(), target.token()).services();
        } catch (NodeSourceException e) {
            err.println("webp2p status: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ServiceDescription d : services) {
            out.println(ServiceLine.of(new ServiceStatus(d.name(), d.enabled(), d.state(), d.since(), d.addresses(),
                    d.lastError(), d.metrics())));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The URL and token given, or the local node's from its configuration and data directory. */
    private WatchTarget target(Config config) {
        String url = admin != null ? admin : localAdmin(config);
        if (adminToken != null || adminTokenFile != null) {
            return WatchTarget.of("--admin", url, adminToken, adminTokenFile);
        }
        String configured = config.get(AdminSettings.TOKEN);
        return configured.isBlank() ? WatchTarget.of("--admin", url, null, AdminToken.file(node.dataDir()))
                : WatchTarget.of("--admin", url, configured, null);
    }

    private static String localAdmin(Config config) {
        int port = config.get(ServiceName.ADMIN.port());
        if (port == 0) {
            throw new IllegalArgumentException("admin.port is 0 (a free port, chosen at start): give --admin URL, "
                    + "the address the node printed");
        }
        InetAddress bind = config.get(ServiceName.ADMIN.bind());
        if (bind.isAnyLocalAddress()) {
            bind = InetAddress.getLoopbackAddress();
        }
        String host = bind.getHostAddress();
        String scheme = ServerTls.configured(config, ServiceName.ADMIN) ? "https" : "http";
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
