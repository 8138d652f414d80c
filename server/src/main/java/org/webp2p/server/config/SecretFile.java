package org.webp2p.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret kept in a one-line file of the data directory, made with fresh random bytes the first
 * time it is needed and readable by its owner only (see {@link PrivateFiles}). A file (not the
 * database) so command-line tools can read it while a node holds the database open.
 */
public final class SecretFile {
    private static final Logger log = LoggerFactory.getLogger(SecretFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /**
     * The file's trimmed text, after writing {@code bytes} random bytes in base64 if it did not exist
     * or was empty, and taking others' access away if they had any.
     */
    public static String readOrCreate(Path file, int bytes, Base64.Encoder encoding) throws IOException {
        if (Files.isRegularFile(file) && read(file).isEmpty()) {
            // Nothing was ever signed with an empty secret; an earlier version that crashed while
            // writing the file could leave it so.
            log.warn("{} is empty; making a new secret", file);
            Files.deleteIfExists(file);
        }
        if (Files.exists(file)) {
            PrivateFiles.restrictToOwner(file);
        } else {
            byte[] fresh = new byte[bytes];
            RANDOM.nextBytes(fresh);
            // False when another process made it first: then theirs is read below.
            PrivateFiles.createDurably(file, (encoding.encodeToString(fresh) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return read(file);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
