package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.server.node.NodeProject;

/** Our swarm names against p2p-media-loader-core 2.3.1's own functions, run by Node.js from the npm package. */
class PmlSwarmIdsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Case(String swarmId, String type, StreamProps props) {
    }

    private static final List<Case> CASES = List.of(
            new Case("demo", "main", StreamProps.BARE_MEDIA_PLAYLIST),
            new Case("demo", "main", new StreamProps("950400", "avc1.64001e", 640, 360, null, null, null, null, null)),
            // Decimal avc1 becomes hex, codecs are sorted and lower-cased, frame rates lose trailing zeros.
            new Case("news", "main", new StreamProps("2000000", "mp4a.40.2, AVC1.100.31", 1280, 720, null, null, null,
                    "29.970", "pq")),
            new Case("news", "secondary", new StreamProps("0", "mp4a.40.2", null, null, "eng", "6/JOC", " English ",
                    null, null)),
            new Case("news", "secondary", new StreamProps("0", "ec-3", null, null, "und", null, "main", null, null)),
            new Case("ünïcode stream", "main", new StreamProps("128000", "avc1.4d401f,avc1.66.30", 320, 180, null, null,
                    null, "25", null)));

    @Test
    void infoHashesAreTheOnesP2pMediaLoaderComputes() throws Exception {
        NodeProject npm = NodeProject.installed();
        ArrayNode input = JSON.createArrayNode();
        for (Case c : CASES) {
            ObjectNode props = input.addObject().put("swarmId", c.swarmId()).put("type", c.type()).putObject("props");
            StreamProps p = c.props();
            props.put("bitrate", Long.parseLong(p.bitrate()));
            props.put("codecs", p.codecs());
            props.put("width", p.width());
            props.put("height", p.height());
            props.put("language", p.language());
            props.put("channels", p.channels());
            props.put("name", p.name());
            props.put("frameRate", p.frameRate());
            props.put("videoRange", p.videoRange());
        }

        NodeProject.Result r = npm.node(Duration.ofSeconds(30), JSON.writeValueAsString(input), "stream-hashes.mjs");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.lines()).hasSize(CASES.size());
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            JsonNode js = JSON.readTree(r.lines().get(i));
            String shortId = PmlSwarmIds.shortId(c.props());
            assertThat(shortId).as("short id of %s", PmlSwarmIds.identity(c.props())).isEqualTo(js.get("index").asText());
            assertThat(PmlSwarmIds.infoHash(PmlSwarmIds.streamSwarmId(c.swarmId(), c.type(), shortId)))
                    .isEqualTo(js.get("infoHash").asText());
        }
    }
}
