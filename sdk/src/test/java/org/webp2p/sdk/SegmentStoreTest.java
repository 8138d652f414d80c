package org.webp2p.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.hls.MediaPlaylist;

class SegmentStoreTest {
    private final SegmentStore store = new SegmentStore();

    private static MediaPlaylist window(long first, int count) {
        List<MediaPlaylist.Segment> segments = new ArrayList<>();
        for (long s = first; s < first + count; s++) {
            segments.add(new MediaPlaylist.Segment(s, 2_000, URI.create("http://origin/seg" + s + ".ts"), false));
        }
        return new MediaPlaylist(2_000, first, 0, segments, null, false);
    }

    @Test
    void listedSegmentsOutliveThePlaylistWindowByAFewForALatePlayer() {
        store.list(window(10, 5));
        store.list(window(30, 5));
        assertThat(store.listed(12)).as("far behind the window").isNull();
        store.list(window(20, 5));
        store.list(window(26, 5));
        assertThat(store.listed(19)).isNull();
        assertThat(store.listed(20)).as("just behind the window").isNotNull();
        assertThat(store.listed(30).uri()).isEqualTo(URI.create("http://origin/seg30.ts"));
    }

    @Test
    void heldSegmentsAreKeptAFewBehindThePlayheadForPeers() {
        for (long s = 1; s <= 10; s++) {
            store.store(s, new byte[] {(byte) s}, true);
        }
        store.evictBefore(10);
        assertThat(store.sequences()).containsExactlyInAnyOrder(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(store.holds(3)).isFalse();
        assertThat(store.get(4)).containsExactly(4);
    }

    @Test
    void aStoredSegmentReachesItsWaitersUnlessTheyGaveUp() {
        CompletableFuture<byte[]> patient = store.await(5);
        CompletableFuture<byte[]> gaveUp = store.await(5);
        assertThat(store.abandon(5, gaveUp)).isTrue();
        assertThat(store.abandon(5, gaveUp)).as("once only").isFalse();
        store.store(5, new byte[] {1, 2}, true);
        assertThat(patient.getNow(null)).containsExactly(1, 2);
        assertThat(gaveUp).isNotDone();
    }

    @Test
    void aPartialIsTakenOnce() {
        store.partial(7, 4).fill(1, new byte[] {9}, "peer");
        assertThat(store.takePartial(7).bytes()).containsExactly(0, 9, 0, 0);
        assertThat(store.takePartial(7)).isNull();
    }

    @Test
    void afterASwitchTheListingIsBehindUntilTheNewRenditionsPlaylistAndLateOldSegmentsPlayButStayFromPeers() {
        store.list(window(10, 5));
        store.store(10, new byte[] {10}, true);
        store.renditionChanged(1);
        assertThat(store.rendition()).isEqualTo(1);
        assertThat(store.listingBehind()).as("the listing in hand is the old rendition's").isTrue();
        store.store(11, new byte[] {11}, false); // a download of the old rendition that ended after the switch
        assertThat(store.get(11)).as("it plays").containsExactly(11);
        assertThat(store.forPeers().sequences()).as("peers of the new swarm get neither").isEmpty();

        store.list(window(11, 5));
        assertThat(store.listingBehind()).isFalse();
        store.store(12, new byte[] {12}, true);
        assertThat(store.forPeers().sequences()).containsExactly(12L);
    }

    @Test
    void partsOfSegmentsThePlayheadPassedAreForgotten() {
        store.partial(7, 4).fill(0, new byte[] {1}, "peer");
        store.partial(8, 4).fill(0, new byte[] {1}, "peer");
        store.evictBefore(8);
        assertThat(store.peekPartial(7)).isNull();
        assertThat(store.peekPartial(8)).isNotNull();
    }
}
