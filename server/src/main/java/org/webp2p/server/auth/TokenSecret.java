package org.webp2p.server.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.SecretFile;

/**
 * Where the token signing secret comes from: {@code api.token-secret} when set, else a file in the
 * data directory made at first use (see {@link SecretFile}), so {@code webp2p token} can sign while a
 * node holds the database open.
 */
public final class TokenSecret {
    public static final String FILE_NAME = "api-token.key";

    private TokenSecret() {
    }

    public static byte[] load(Config config, Path dataDir) throws IOException {
        String configured = config.get(ApiSettings.TOKEN_SECRET);
        if (!configured.isBlank()) {
            return decode(configured, ApiSettings.TOKEN_SECRET.name());
        }
        Path file = dataDir.resolve(FILE_NAME);
        return decode(SecretFile.readOrCreate(file, 32, Base64.getEncoder()), file.toString());
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
