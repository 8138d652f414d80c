package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.fetch.PartialSegment;

class UploadsTest {
    private static final int SEGMENT_BYTES = 3 * Uploads.CHUNK_BYTES;

    private static PeerLink link(String peer) {
        return new PeerLink(peer, null);
    }

    private static void asked(PeerLink link, long sequence, long order) {
        link.uploads.add(new PeerLink.Upload(sequence, new byte[SEGMENT_BYTES], null, 0, SEGMENT_BYTES, order));
    }

    /** The peers each chunk goes to until nothing is left, chunks acknowledged at once. */
    private static List<String> sendingOrder(List<PeerLink> links) {
        List<String> sent = new ArrayList<>();
        PeerLink link;
        while ((link = Uploads.next(links)) != null) {
            PeerLink.Upload u = link.uploads.peek();
            u.offset += Uploads.CHUNK_BYTES;
            if (u.offset >= u.data.length) {
                link.uploads.poll();
            }
            sent.add(link.peerId);
        }
        return sent;
    }

    @Test
    void aCopyAskedForFirstGoesWholeBeforeTheNextOneStarts() {
        PeerLink a = link("a");
        PeerLink b = link("b");
        PeerLink c = link("c");
        asked(b, 7, 0);
        asked(a, 7, 1);
        asked(c, 7, 2);
        asked(b, 8, 3);

        assertThat(sendingOrder(List.of(a, b, c))).as("whole copies in the order asked, not chunks in turn")
                .containsExactly("b", "b", "b", "a", "a", "a", "c", "c", "c", "b", "b", "b");
    }

    @Test
    void aCopyOfASegmentStillArrivingSendsWhatCameAndLetsTheNextRequestGoAheadMeanwhile() {
        PeerLink relayed = link("relayed");
        PeerLink other = link("other");
        PartialSegment arriving = new PartialSegment(SEGMENT_BYTES);
        relayed.uploads.add(new PeerLink.Upload(7, arriving.bytes(), arriving, 0, SEGMENT_BYTES, 0));
        asked(other, 8, 1);

        assertThat(Uploads.next(List.of(relayed, other))).as("nothing of 7 has come yet").isSameAs(other);
        arriving.fill(0, new byte[Uploads.CHUNK_BYTES], "seed");
        assertThat(Uploads.next(List.of(relayed, other))).as("its first chunk came, and it was asked for first")
                .isSameAs(relayed);
    }

    @Test
    void aLinkWithAFullWindowLetsTheNextRequestGoAhead() {
        PeerLink slow = link("slow");
        PeerLink other = link("other");
        asked(slow, 7, 0);
        asked(other, 7, 1);
        slow.chunksInFlight = Uploads.CHUNKS_IN_FLIGHT;

        assertThat(Uploads.next(List.of(slow, other))).isSameAs(other);
        slow.chunksInFlight--;
        assertThat(Uploads.next(List.of(slow, other))).as("back first once acknowledged").isSameAs(slow);
    }

    @Test
    void nothingToSendWhenNoLinkHasAnUploadWithRoom() {
        PeerLink idle = link("idle");
        PeerLink full = link("full");
        asked(full, 7, 0);
        full.chunksInFlight = Uploads.CHUNKS_IN_FLIGHT;

        assertThat(Uploads.next(List.of(idle, full))).isNull();
    }

    @Test
    void aLinkMayHaveChunksEnoughToCoverItsCongestionWindowAndOneMore() {
        assertThat(Uploads.chunkWindow(4 * 1187)).as("a fresh session: the floor").isEqualTo(Uploads.CHUNKS_IN_FLIGHT);
        assertThat(Uploads.chunkWindow(4 * Uploads.CHUNK_BYTES)).isEqualTo(5);
        assertThat(Uploads.chunkWindow(200_000)).as("200 KB: 12.2 chunks, so 13 and one more").isEqualTo(14);
        assertThat(Uploads.chunkWindow(Long.MAX_VALUE / 2)).isEqualTo(Uploads.MAX_CHUNKS_IN_FLIGHT);
    }
}
