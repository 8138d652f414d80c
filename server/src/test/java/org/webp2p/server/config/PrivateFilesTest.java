package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "modes are POSIX");
    }

    @Test
    void makesMissingDirectoriesOwnerOnlyAndLeavesExistingOnesAlone() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateFiles.createDirectories(dir.resolve("a").resolve("b"));

        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a").resolve("b"))).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void createsAnOwnerOnlyFileWithTheWholeContent() throws Exception {
        Path file = dir.resolve("key");

        assertThat(PrivateFiles.createDurably(file, "secret\n".getBytes(StandardCharsets.US_ASCII))).isTrue();

        assertThat(Files.readString(file)).isEqualTo("secret\n");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void neverReplacesAFileThatExists() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "first");

        assertThat(PrivateFiles.createDurably(file, "second".getBytes(StandardCharsets.US_ASCII))).isFalse();

        assertThat(Files.readString(file)).isEqualTo("first");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void restrictsADirectoryOthersCouldEnter() throws Exception {
        Path db = Files.createDirectory(dir.resolve("db"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-x--x"));

        assertThat(PrivateFiles.restrictToOwner(db)).isTrue();
        assertThat(mode(db)).isEqualTo("rwx------");
        assertThat(PrivateFiles.restrictToOwner(db)).as("nothing left to take away").isFalse();
    }

    @Test
    void tellsWhetherUsersOutsideTheGroupCanReadAFile() throws Exception {
        Path conf = Files.writeString(dir.resolve("webp2p.properties"), "admin.token = x\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(PrivateFiles.warnIfOthersCanRead(conf, "admin.token")).isFalse();

        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PrivateFiles.warnIfOthersCanRead(conf, "admin.token")).isTrue();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
