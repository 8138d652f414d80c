package org.webp2p.server.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.webp2p.server.config.Config;

/**
 * Where the token signing secret comes from: {@code api.token-secret} when set, else a file in the
 * data directory made at first use. A file (not the database) so {@code webp2p token} can sign while
 * a node holds the database open.
 */
public final class TokenSecret {
    public static final String FILE_NAME = "api-token.key";

    private TokenSecret() {
    }

    public static byte[] load(Config config, Path dataDir) throws IOException {
        String configured = config.string("api.token-secret");
        if (!configured.isBlank()) {
            return decode(configured, "api.token-secret");
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                restrict(file);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another process made it first; use theirs.
            }
        }
        return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile directory is already private.
        }
    }

    private static byte[] decode(String text, String where) throws IOException {
        try {
            byte[] b = Base64.getDecoder().decode(text);
            if (b.length < 16) {
                throw new IOException(where + ": token secret must be at least 16 bytes (base64)");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": token secret is not base64");
        }
    }
}
