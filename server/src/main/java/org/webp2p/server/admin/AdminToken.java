package org.webp2p.server.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import org.webp2p.server.config.AdminSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.SecretFile;

/**
 * The bearer token the admin endpoint asks for: {@code admin.token} when set, else a random one kept
 * in {@code DATA_DIR/admin-token}, made at first start and readable by its owner only.
 */
public final class AdminToken {
    public static final String FILE_NAME = "admin-token";

    private AdminToken() {
    }

    public static String load(Config config, Path dataDir) throws IOException {
        String configured = config.get(AdminSettings.TOKEN);
        if (!configured.isBlank()) {
            return configured.trim();
        }
        return SecretFile.readOrCreate(file(dataDir), 32, Base64.getUrlEncoder().withoutPadding());
    }

    /** Where an operator finds the token: the file, or the config key that sets it. */
    public static String location(Config config, Path dataDir) {
        return config.get(AdminSettings.TOKEN).isBlank() ? file(dataDir).toString() : "config:" + AdminSettings.TOKEN.name();
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }
}
