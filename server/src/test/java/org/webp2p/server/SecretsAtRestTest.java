package org.webp2p.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.admin.AdminService;
import org.webp2p.server.admin.AdminToken;
import org.webp2p.server.api.ApiService;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.store.Store;

/** The files a node keeps its keys and tokens in are its owner's alone, from the moment they exist. */
class SecretsAtRestTest {
    private Path parent;

    @BeforeEach
    void makeParent() throws Exception {
        parent = Files.createTempDirectory("webp2p-secrets");
        assumeTrue(parent.getFileSystem().supportedFileAttributeViews().contains("posix"), "modes are POSIX");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeParent() throws Exception {
        TestNode.deleteTree(parent);
    }

    @Test
    void aNewNodesDataDirectorySecretsAndDatabaseAreOwnerOnly() throws Exception {
        Path dataDir = parent.resolve("data");
        try (ServerRuntime node = ServerRuntime.open(TestNode.loopbackConfig(Map.of()), dataDir, Clock.systemUTC())) {
            node.services().startAll();
            assertThat(node.services().status(AdminService.NAME).state()).isEqualTo(ServiceState.RUNNING);
            assertThat(node.services().status(ApiService.NAME).state()).isEqualTo(ServiceState.RUNNING);

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(Store.embeddedDirectory(dataDir))).as("the store holds the publish key").isEqualTo("rwx------");
            assertThat(mode(AdminToken.file(dataDir))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve(TokenSecret.FILE_NAME))).isEqualTo("rw-------");
        }
    }

    @Test
    void aDatabaseDirectoryOthersCouldEnterIsClosedAtTheNextStart() throws Exception {
        Path dataDir = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.createDirectory(Store.embeddedDirectory(dataDir));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (ServerRuntime node = ServerRuntime.open(TestNode.loopbackConfig(Map.of()), dataDir, Clock.systemUTC())) {
            assertThat(mode(db)).isEqualTo("rwx------");
            assertThat(mode(dataDir)).as("the operator's own directory is left as it is").isEqualTo("rwxr-xr-x");
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
