package org.webp2p.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.webp2p.server.api.AccessToken;
import org.webp2p.server.api.TokenCodec;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.config.ConfigException;
import org.webp2p.server.config.ValueType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webp2p token}: prints a signed token a client presents to the API. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print an access token for one stream (or * for all), signed with this node's secret "
                + "(api.token-secret, else DATA_DIR/" + TokenSecret.FILE_NAME + ").",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:token printed", "1:secret could not be read or made", "2:bad option or configuration"})
final class TokenCommand implements Callable<Integer> {
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Option(names = "--stream", required = true, paramLabel = "NAME", description = "Stream the token plays; * for any.")
    String stream;

    @Option(names = "--ttl", defaultValue = "1h", paramLabel = "DURATION",
            description = "How long the token is valid: 90s, 30m, 12h, 7d (default ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--subject", defaultValue = "", paramLabel = "TEXT", description = "Who it is for (kept in the token).")
    String subject;

    TokenCommand() {
        this(Clock.systemUTC());
    }

    TokenCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Duration life;
        try {
            life = ValueType.DURATION.parse(ttl);
        } catch (IllegalArgumentException e) {
            err.println("webp2p token: --ttl " + e.getMessage() + " (got \"" + ttl + "\")");
            return ExitCodes.USAGE;
        }
        if (life.isZero() || !stream.matches("\\*|[A-Za-z0-9._~-]{1,128}")) {
            err.println("webp2p token: --ttl must be positive and --stream a stream name or *");
            return ExitCodes.USAGE;
        }
        try {
            byte[] secret = TokenSecret.load(node.config(), node.dataDir());
            Instant now = clock.instant();
            String token = new TokenCodec(secret).sign(new AccessToken(stream, subject, now, now.plus(life)));
            spec.commandLine().getOut().println(token);
            return ExitCodes.OK;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("webp2p token: configuration: " + p));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("webp2p token: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }
}
