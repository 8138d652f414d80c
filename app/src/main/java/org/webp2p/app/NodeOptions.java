package org.webp2p.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigException;
import org.webp2p.server.config.ConfigSchema;
import org.webp2p.server.config.DataDirectory;
import org.webp2p.server.config.PrivateFiles;
import org.webp2p.server.config.SecretSettings;
import picocli.CommandLine.Option;

/** The options every command that runs a node shares: where data lives and how it is configured. */
final class NodeOptions {
    static final String CONFIG_FILE_NAME = "webp2p.properties";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Database, media and logs (default: the user's data directory, e.g. ~/.local/share/webp2p).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (Java properties). Default: DATA_DIR/" + CONFIG_FILE_NAME + " if present.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Set any configuration key; repeatable; wins over the file.")
    Map<String, String> overrides = new LinkedHashMap<>();

    Path dataDir() {
        return dataDir != null ? dataDir.toAbsolutePath() : DataDirectory.defaultForThisMachine();
    }

    /** Defaults, then the file, then {@code --set}; every key and value checked. */
    Config config() throws ConfigException, IOException {
        Path file = configFile != null ? configFile : dataDir().resolve(CONFIG_FILE_NAME);
        Map<String, String> fromFile = new LinkedHashMap<>();
        if (configFile != null || Files.isRegularFile(file)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("configuration file " + file + " does not exist");
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> fromFile.put(k, p.getProperty(k)));
            List<String> secrets = SecretSettings.setIn(fromFile);
            if (!secrets.isEmpty()) {
                PrivateFiles.warnIfOthersCanRead(file, String.join(", ", secrets));
            }
        }
        try {
            return Config.of(ConfigSchema.standard(), fromFile, overrides);
        } catch (ConfigException e) {
            throw new ConfigException(e.problems().stream()
                    .map(p -> p + (fromFile.isEmpty() ? "" : " [" + file + " or --set]")).toList());
        }
    }
}
