package org.webp2p.app;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.webp2p.ui.AdminClient;

/**
 * What {@code --watch} needs: the remote node's admin URL and its token, given on the command line
 * or read from a file (such as a copy of the node's {@code DATA_DIR/admin-token}). Every mistake is
 * refused here with the option it concerns, before any window opens.
 */
record WatchTarget(URI adminUrl, String token) {

    static WatchTarget of(String url, String token, Path tokenFile) {
        return of("--watch", url, token, tokenFile);
    }

    /** The same for another command, whose messages name {@code option} as the URL's. */
    static WatchTarget of(String option, String url, String token, Path tokenFile) {
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("give --admin-token or --admin-token-file, not both");
        }
        if (token == null && tokenFile == null) {
            throw new IllegalArgumentException(option + " needs the node's admin token: --admin-token TOKEN or "
                    + "--admin-token-file FILE (the node keeps it in DATA_DIR/admin-token)");
        }
        String secret = token != null ? token.trim() : read(tokenFile);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(token != null ? "--admin-token is empty" : tokenFile + " is empty");
        }
        return new WatchTarget(parse(option, url), secret);
    }

    private static URI parse(String option, String url) {
        try {
            return AdminClient.checkedBase(new URI(url.trim()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " " + url + " is not a URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage() + "; give the admin endpoint, "
                    + "e.g. http://HOST:8084");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("--admin-token-file " + file + " cannot be read: " + e);
        }
    }
}
