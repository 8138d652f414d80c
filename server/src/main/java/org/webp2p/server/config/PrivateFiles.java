package org.webp2p.server.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories that hold secrets. They are owner-only from the moment they exist (the mode
 * is given at creation, so there is no moment in which others could open them), a secret file is
 * written whole or not at all, and it is on disk before anyone is told it exists. Where the file
 * system has no POSIX modes (Windows) the user's profile directory is already private, and only
 * the writing rules apply.
 */
public final class PrivateFiles {
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents owner-only; directories that exist are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (isPosix(dir)) {
            return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        }
        return Files.createDirectories(dir);
    }

    /**
     * Makes {@code file} with {@code content} unless it exists: written to an owner-only temporary file
     * beside it, forced to disk, linked into place (which, unlike a rename, never replaces a file made
     * meanwhile by another process) and the directory forced too, so after a crash the file is either
     * absent or whole.
     *
     * @return false, writing nothing, when the file already existed
     */
    public static boolean createDurably(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = createDirectories(target.getParent());
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly(dir, FILE_MODE))) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            if (!link(tmp, target)) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
        return true;
    }

    /**
     * Takes group and others' access away from an existing secret file or directory, with a warning
     * saying so; only warns when that is not allowed (the file belongs to someone else).
     *
     * @return whether others could reach it
     */
    public static boolean restrictToOwner(Path path) throws IOException {
        if (!isPosix(path) || !Files.exists(path)) {
            return false;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> owners = EnumSet.copyOf(mode);
        owners.removeAll(NOT_OWNER);
        if (owners.equals(mode)) {
            return false;
        }
        try {
            Files.setPosixFilePermissions(path, owners);
            log.warn("{} was open to others ({}); it holds a secret, so it is now {}", path,
                    PosixFilePermissions.toString(mode), PosixFilePermissions.toString(owners));
        } catch (IOException e) {
            log.warn("{} holds a secret and is open to others ({}), but cannot be changed: {}", path,
                    PosixFilePermissions.toString(mode), e.toString());
        }
        return true;
    }

    /**
     * Warns when users other than the file's owner and group can read it; for secrets in files the
     * operator owns (configuration, TLS keys), which are his to change.
     *
     * @return whether others can read it
     */
    public static boolean warnIfOthersCanRead(Path file, String holding) {
        try {
            if (isPosix(file) && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("{} holds {} and every user of this machine can read it: chmod o-rwx {}", file, holding, file);
                return true;
            }
        } catch (IOException e) {
            log.debug("cannot read the mode of {}: {}", file, e.toString());
        }
        return false;
    }

    private static boolean link(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException made) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            try {
                // Not atomic against another process creating it at the same moment, but never a half file.
                Files.move(tmp, target);
                return true;
            } catch (FileAlreadyExistsException made) {
                return false;
            }
        }
    }

    /** Makes a rename or link in {@code dir} survive a crash; Windows cannot open a directory, and needs not. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("cannot force directory {} to disk: {}", dir, e.toString());
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir, Set<PosixFilePermission> mode) {
        return isPosix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
