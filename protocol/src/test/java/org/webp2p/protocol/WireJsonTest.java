package org.webp2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.ServiceDescription;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.api.SessionRequest;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.protocol.tracker.AnnounceAnswer;
import org.webp2p.protocol.tracker.AnnounceEvent;
import org.webp2p.protocol.tracker.AnnounceRequest;

class WireJsonTest {
    private static final ObjectMapper STRICT = WireJson.strict();
    private static final ObjectMapper TOLERANT = WireJson.tolerant();

    @Test
    void aServerRefusesARequestFieldItDoesNotKnow() {
        assertThatThrownBy(() -> STRICT.readValue("{\"stream\": \"demo\", \"tokn\": \"x\"}", SessionRequest.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("tokn");
    }

    @Test
    void aClientSkipsAnswerFieldsAndNamesANewerNodeAdded() throws Exception {
        AnnounceAnswer a = TOLERANT.readValue("{\"interval\": 15, \"swarmSize\": 2, \"region\": \"eu\", \"peers\": "
                + "[{\"peerId\": \"p1\", \"natType\": \"CARRIER_GRADE\", \"addresses\": [], \"position\": 3,"
                + " \"have\": null, \"uploadKbps\": 0}]}", AnnounceAnswer.class);
        assertThat(a.peers()).singleElement().satisfies(p -> assertThat(p.natType()).isEqualTo(NatType.UNKNOWN));
    }

    @Test
    void recordsRefuseWhatBreaksTheirInvariantsWithTheReason() {
        assertThatThrownBy(() -> STRICT.readValue("{\"swarm\": \"demo\", \"peerId\": \"a b\"}", AnnounceRequest.class))
                .isInstanceOf(ValueInstantiationException.class).hasMessageContaining("peerId must be");
        assertThatThrownBy(() -> new Beacon("s1", "t", null, "demo", -1, 0, 0, 0, null, 0, 0, 0, null, null, null))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new Beacon("s1", " ", null, "demo", 0, 0, 0, 0, null, 0, 0, 0, null, null, null))
                .hasMessageContaining("ticket is required");
        assertThatThrownBy(() -> new SessionRequest(" ", null)).hasMessage("stream is required");
    }

    @Test
    void attemptCountsTravelAsTheirFourFieldsAndRefuseAReasonlessRefusalOrOneKindTwice() throws Exception {
        Beacon.AttemptCount refused = new Beacon.AttemptCount(NatType.OPEN, Beacon.Attempt.Outcome.REFUSED, "PEER_FULL", 3);
        assertThat(STRICT.writeValueAsString(refused))
                .isEqualTo("{\"remoteNat\":\"OPEN\",\"outcome\":\"REFUSED\",\"reason\":\"PEER_FULL\",\"count\":3}");
        assertThat(STRICT.readValue(STRICT.writeValueAsString(refused), Beacon.AttemptCount.class)).isEqualTo(refused);
        assertThatThrownBy(() -> STRICT.readValue("{\"remoteNat\":\"OPEN\",\"outcome\":\"REFUSED\",\"count\":1}",
                Beacon.AttemptCount.class)).hasMessageContaining("a reason goes with a failed or refused attempt");
        assertThatThrownBy(() -> new Beacon.AttemptCount(NatType.OPEN, Beacon.Attempt.Outcome.LAN, null, 0))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new Beacon("s1", "t", null, "demo", 0, 0, 0, 0, null, 0, 0, 0, null, null, null, null,
                List.of(), List.of(refused, refused))).hasMessageContaining("at most one attempt count per");
    }

    @Test
    void announceEventsTravelLowerCaseAndAreReadInAnyCase() throws Exception {
        assertThat(STRICT.writeValueAsString(AnnounceEvent.LEAVE)).isEqualTo("\"leave\"");
        assertThat(STRICT.readValue("\"JOIN\"", AnnounceEvent.class)).isEqualTo(AnnounceEvent.JOIN);
        assertThatThrownBy(() -> STRICT.readValue("\"part\"", AnnounceEvent.class))
                .hasMessageContaining("event must be join, update or leave");
        AnnounceRequest leftOut = STRICT.readValue("{\"swarm\": \"demo\", \"peerId\": \"p1\"}", AnnounceRequest.class);
        assertThat(leftOut.event()).isEqualTo(AnnounceEvent.UPDATE);
        assertThat(leftOut.natType()).isEqualTo(NatType.UNKNOWN);
    }

    @Test
    void optionalFieldsAreLeftOutRatherThanSentAsNull() throws Exception {
        assertThat(STRICT.writeValueAsString(new SessionRequest("demo", null))).isEqualTo("{\"stream\":\"demo\"}");
        String beacon = STRICT.writeValueAsString(
                new Beacon("s1", "t", "p1", "demo", 0, 0, 0, 0, null, 0, 0, 0, NatType.OPEN, List.of(), List.of()));
        assertThat(beacon).doesNotContain("startupMs").contains("\"natType\":\"OPEN\"");
    }

    @Test
    void aBeaconNamesTheRenditionItPlaysWhichAnOlderBeaconLeavesOutAndNoneEscapesItsStream() throws Exception {
        Beacon playing = new Beacon("s1", "t", "p1", "demo", 10, 20, 0, 0, null, 0, 0, 0, NatType.OPEN, List.of(),
                List.of(), null, List.of(), List.of(), 7400L, "180p");
        String json = STRICT.writeValueAsString(playing);
        assertThat(json).contains("\"rendition\":\"180p\"");
        assertThat(STRICT.readValue(json, Beacon.class)).isEqualTo(playing);
        Beacon older = STRICT.readValue(json.replace(",\"rendition\":\"180p\"", ""), Beacon.class);
        assertThat(older.rendition()).isNull();
        assertThat(older.latencyMs()).isEqualTo(7400L);
        assertThat(STRICT.writeValueAsString(older)).doesNotContain("rendition");
        for (String bad : List.of("..", "180p/x", "", "a b")) {
            assertThatThrownBy(() -> STRICT.readValue(json.replace("\"180p\"", "\"" + bad + "\""), Beacon.class))
                    .as(bad).isInstanceOf(ValueInstantiationException.class).hasMessageContaining("rendition");
        }
    }

    @Test
    void aStreamWithRenditionsIsPlayedThroughItsMasterPlaylistAndOneWithoutThroughItsOwn() throws Exception {
        StreamStats demo = new StreamStats("demo", StreamStats.Kind.DEMO, Optional.empty(), 0, 0, Optional.empty(), 1, 1, 0,
                List.of("180p", "90p"));
        assertThat(demo.playlistPath()).isEqualTo("/live/demo/master.m3u8");
        assertThat(STRICT.readValue(STRICT.writeValueAsString(demo), StreamStats.class)).isEqualTo(demo);
        StreamStats cam = new StreamStats("cam", StreamStats.Kind.LIVE, Optional.empty(), 0, 0, Optional.empty(), 0, 0, 0);
        assertThat(cam.playlistPath()).isEqualTo("/live/cam/index.m3u8");
        assertThat(STRICT.writeValueAsString(cam)).as("left out when none").doesNotContain("renditions");
    }

    @Test
    void onlyAnIngestedStreamSaysHowItIsIngestedAndAnOlderConsoleReadsANewerWayAsUnknown() throws Exception {
        StreamStats demo = new StreamStats("demo", StreamStats.Kind.DEMO, Optional.empty(), 0, 0, Optional.empty(), 1, 1, 0);
        String json = STRICT.writeValueAsString(demo);
        assertThat(json).contains("\"ingest\":null");
        assertThat(STRICT.readValue(json, StreamStats.class)).isEqualTo(demo);
        assertThatThrownBy(() -> new StreamStats("v", StreamStats.Kind.VOD, Optional.of(StreamStats.Ingest.HTTP), 0, 0,
                Optional.empty(), 0, 0, 0)).hasMessage("a VOD stream is not ingested");
        StreamStats newer = TOLERANT.readValue(json.replace("\"ingest\":null", "\"ingest\":\"SRT\""), StreamStats.class);
        assertThat(newer.ingest()).isEmpty();
    }

    @Test
    void instantsDurationsAndAddressesReadBackEqual() throws Exception {
        ServiceDescription d = new ServiceDescription("api", true, ServiceState.RUNNING,
                Instant.parse("2026-11-27T11:00:00.250Z"), 60,
                List.of(new InetSocketAddress("127.0.0.1", 8081), new InetSocketAddress("::1", 8081)), null,
                Map.of("requests", 3));
        String json = STRICT.writeValueAsString(d);
        assertThat(json).contains("\"since\":\"2026-11-27T11:00:00.250Z\"")
                .contains("\"127.0.0.1:8081\"").contains("\"[0:0:0:0:0:0:0:1]:8081\"");
        assertThat(STRICT.readValue(json, ServiceDescription.class)).isEqualTo(d);

        StreamStats s = new StreamStats("cam", StreamStats.Kind.LIVE, Optional.of(StreamStats.Ingest.RTMP), 1, 2,
                Optional.of(Duration.ofMillis(1200)), 3, 4, 1);
        String stream = STRICT.writeValueAsString(s);
        assertThat(stream).contains("\"lastSegmentAge\":1.2").contains("\"ingest\":\"RTMP\"");
        assertThat(STRICT.readValue(stream, StreamStats.class)).isEqualTo(s);
    }
}
