package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void makesAnOwnerOnlySecretOnceAndReadsTheSameOneAfterwards() throws Exception {
        Path file = dir.resolve("nested").resolve("secret");
        String first = SecretFile.readOrCreate(file, 32, Base64.getUrlEncoder().withoutPadding());

        assertThat(Base64.getUrlDecoder().decode(first)).hasSize(32);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(SecretFile.readOrCreate(file, 32, Base64.getUrlEncoder())).isEqualTo(first);
    }

    @Test
    void keepsWhatAnOperatorPutInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "  chosen-by-hand \n");
        assertThat(SecretFile.readOrCreate(file, 32, Base64.getEncoder())).isEqualTo("chosen-by-hand");
    }
}
