package org.webp2p.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.StreamStats;

class StreamGroupsTest {
    private static StreamRow row(String name, int sdkViewers, long http, long p2p, long latencyP95Ms) {
        ClientFigures sdk = new ClientFigures(ClientKind.SDK, sdkViewers, http, p2p, 0,
                p2p == 0 ? 0 : p2p / (double) (p2p + http));
        return new StreamRow(name, StreamStats.Kind.DEMO, Optional.empty(), 0, 0, Optional.empty(), sdkViewers, 0,
                sdk.offloadRatio(), sdk, ClientFigures.none(ClientKind.BROWSER), 10, 100, 0,
                Optional.of("http://o:8080/live/" + name + "/index.m3u8"), Optional.empty(), Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), latencyP95Ms, latencyP95Ms);
    }

    @Test
    void aStreamAddsUpThePeersAndBytesOfItsRenditionsAndEachKeepsItsOwn() {
        List<StreamRow> grouped = StreamGroups.group(List.of(row("demo/90p", 2, 100, 300, 5_000),
                row("demo-hd", 1, 50, 0, -1), row("demo", 0, 0, 0, -1), row("demo/180p", 3, 300, 300, 7_000)));

        assertThat(grouped).extracting(StreamRow::name).containsExactly("demo", "demo/180p", "demo/90p", "demo-hd");
        StreamRow demo = grouped.get(0);
        assertThat(demo.sdkViewers()).isEqualTo(5);
        assertThat(demo.offload()).isCloseTo(600.0 / 1000, within(1e-9));
        assertThat(demo.sdk().p2pBytes()).isEqualTo(600);
        assertThat(demo.requests()).isEqualTo(30);
        assertThat(demo.latencyP95Ms()).as("its worst rendition's, having none of its own").isEqualTo(7_000);
        assertThat(grouped.get(2).sdkViewers()).as("a rendition keeps its own").isEqualTo(2);
        assertThat(grouped.get(2).label()).isEqualTo("\u2514 90p");
    }

    @Test
    void aStreamWithFiguresOfItsOwnKeepsThemForTheyHoldItsRenditionsAlready() {
        List<StreamRow> grouped = StreamGroups.group(List.of(row("demo/180p", 2, 100, 300, -1),
                row("demo", 0, 200, 600, -1), row("demo/90p", 1, 100, 0, -1)));

        StreamRow demo = grouped.get(0);
        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.sdk().httpBytes()).isEqualTo(200);
        assertThat(demo.sdk().p2pBytes()).isEqualTo(600);
        assertThat(demo.offload()).isCloseTo(0.75, within(1e-9));
        assertThat(demo.sdkViewers()).as("peers are the tracker's, one swarm each").isEqualTo(3);
        assertThat(grouped.get(1).offload()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aStreamKnownOnlyByItsRenditionsGetsARowPlayedThroughItsMasterPlaylist() {
        List<StreamRow> grouped = StreamGroups.group(List.of(row("cam/720p", 1, 100, 0, -1)));
        assertThat(grouped).extracting(StreamRow::name).containsExactly("cam", "cam/720p");
        assertThat(grouped.get(0).playbackUrl()).contains("http://o:8080/live/cam/master.m3u8");
        assertThat(grouped.get(0).sdkViewers()).isEqualTo(1);
    }
}
