package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.TestNode;
import org.webp2p.server.config.Config;
import org.webp2p.server.service.EventLog;
import org.webp2p.server.store.Store;

/** Runs the real launcher in its own JVM, as a service manager would. */
class HeadlessNodeTest {
    private static final Pattern LINE = Pattern.compile("service (\\S+) (\\S+) (\\S+)( .*)?");
    private Path dir;
    private Process process;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("webp2p-headless");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        TestNode.deleteTree(dir);
    }

    @Test
    void printsOneLinePerServiceServesAndStopsCleanlyOnSigterm() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "--headless", "--data-dir", dir.toString()));
        Config.loopbackOnFreePorts().forEach((key, value) -> cmd.addAll(List.of("--set", key + "=" + value)));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null && !line.startsWith("ready"); ) {
            lines.add(line);
        }
        assertThat(lines).isNotEmpty().allMatch(l -> LINE.matcher(l).matches());
        String admin = lines.stream().filter(l -> l.startsWith("service admin ")).findFirst().orElseThrow();
        Matcher m = LINE.matcher(admin);
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2)).isEqualTo("RUNNING");
        assertThat(m.group(3)).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + m.group(3) + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        String tokenLine = out.readLine();
        assertThat(tokenLine).isEqualTo("admin-token " + dir.toAbsolutePath().resolve("admin-token"));
        String token = Files.readString(Path.of(tokenLine.substring("admin-token ".length()))).trim();
        HttpResponse<String> services = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + m.group(3) + "/v1/services"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(services.statusCode()).as("the printed token opens admin").isEqualTo(200);

        process.toHandle().destroy(); // SIGTERM, leaving our end of the pipes open to read the rest
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        List<String> rest = out.lines().toList();
        assertThat(process.exitValue()).isZero();
        assertThat(rest).contains("service admin STOPPED -").last().isEqualTo("stopped");

        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            assertThat(EventLog.in(store).recent(1).get(0).to()).as("the stop reached the event log")
                    .isEqualTo(ServiceState.STOPPED);
        }
    }
}
