package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
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
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .as("the directory made for it").isEqualTo("rwx------");
        }
        assertThat(SecretFile.readOrCreate(file, 32, Base64.getUrlEncoder())).isEqualTo(first);
    }

    @Test
    void keepsWhatAnOperatorPutInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "  chosen-by-hand \n");
        assertThat(SecretFile.readOrCreate(file, 32, Base64.getEncoder())).isEqualTo("chosen-by-hand");
    }

    @Test
    void takesOthersAccessAwayFromASecretFileThatHadIt() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = Files.writeString(dir.resolve("secret"), "kept\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(SecretFile.readOrCreate(file, 32, Base64.getEncoder())).isEqualTo("kept");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void replacesAnEmptySecretFileWithAFreshSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "\n");

        String made = SecretFile.readOrCreate(file, 32, Base64.getEncoder());

        assertThat(Base64.getDecoder().decode(made)).hasSize(32);
        assertThat(Files.readString(file).trim()).isEqualTo(made);
    }

    @Test
    void leavesOnlyTheSecretFileInItsDirectory() throws Exception {
        SecretFile.readOrCreate(dir.resolve("secret"), 32, Base64.getEncoder());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
    }

    @Test
    void everyoneRacingToMakeTheSecretGetsTheSameOne() throws Exception {
        Path file = dir.resolve("secret");
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> secrets = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                secrets.add(pool.submit(() -> {
                    go.await();
                    return SecretFile.readOrCreate(file, 32, Base64.getEncoder());
                }));
            }
            go.countDown();
            String first = secrets.get(0).get();
            for (Future<String> s : secrets) {
                assertThat(s.get()).isEqualTo(first);
            }
            assertThat(Files.readString(file).trim()).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }
}
