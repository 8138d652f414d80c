package org.webp2p.server.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A secret kept in a one-line file of the data directory, made with fresh random bytes the first
 * time it is needed and readable by its owner only. A file (not the database) so command-line tools
 * can read it while a node holds the database open.
 */
public final class SecretFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /** The file's trimmed text, after writing {@code bytes} random bytes in base64 if it did not exist. */
    public static String readOrCreate(Path file, int bytes, Base64.Encoder encoding) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] fresh = new byte[bytes];
            RANDOM.nextBytes(fresh);
            byte[] text = (encoding.encodeToString(fresh) + "\n").getBytes(StandardCharsets.US_ASCII);
            try (SeekableByteChannel out = createOwnerOnly(file)) {
                out.write(ByteBuffer.wrap(text));
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first; use theirs.
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /** Creates the file already owner-only, so there is no moment in which others could read it. */
    private static SeekableByteChannel createOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile directory is already private.
            return Files.newByteChannel(file, options);
        }
    }
}
