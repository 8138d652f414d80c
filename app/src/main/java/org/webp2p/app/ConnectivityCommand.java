package org.webp2p.app;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.webp2p.sdk.ConnectivityViaApi;
import org.webp2p.sdk.diagnostics.ConnectivityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webp2p connectivity}: the SDK's connectivity check from a terminal, for a viewer or an
 * operator asking why P2P does not work from one machine.
 */
@Command(name = "connectivity", mixinStandardHelpOptions = true,
        description = "Check what this machine can reach of a node's P2P: asks the node's API for a session, "
                + "classifies this machine's NAT with the node's STUN service, opens an RTMFP session to its "
                + "rendezvous (so UDP went both ways), and says in plain words which kinds of peer it can reach. "
                + "Plays nothing and joins no swarm.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rendezvous answered over UDP", "1:the API or the rendezvous could not be reached",
            "2:bad option"})
final class ConnectivityCommand implements Callable<Integer> {
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    /** STUN classification and the RTMFP handshake each have their own, shorter, timeouts inside. */
    private static final long CHECK_SECONDS = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--api", required = true, paramLabel = "URL", description = "The node's API, e.g. http://HOST:8081.")
    URI api;

    @Option(names = "--stream", defaultValue = "demo", paramLabel = "NAME",
            description = "A stream the token may play (default ${DEFAULT-VALUE}); the session is only asked for, not played.")
    String stream;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token, for a node that does not run open.")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ConnectivityReport report = ConnectivityViaApi.check(api, stream, token, API_TIMEOUT)
                    .get(API_TIMEOUT.toSeconds() + CHECK_SECONDS, TimeUnit.SECONDS);
            out.println(report.summary());
            out.flush();
            return report.udpReachesRendezvous() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("webp2p connectivity: " + cause.getMessage());
            return ExitCodes.FAILURE;
        } catch (TimeoutException e) {
            err.println("webp2p connectivity: " + api + " did not answer in time");
            return ExitCodes.FAILURE;
        }
    }
}
