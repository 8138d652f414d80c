package org.webp2p.sdk.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.http.HttpResult;
import org.webp2p.sdk.time.FakeAlarmClock;

/** The poller on a fake clock, with fetches the test answers by hand. */
class PlaylistPollerTest {
    private static final URI PLAYLIST = URI.create("http://origin/live/demo/index.m3u8");

    private final FakeAlarmClock clock = new FakeAlarmClock(0);
    private final List<CompletableFuture<HttpResult>> fetches = new ArrayList<>();
    private final List<MediaPlaylist> heard = new ArrayList<>();
    private final List<URI> asked = new ArrayList<>();
    /** The entity tag each fetch was conditional on, "" for an unconditional one. */
    private final List<String> conditions = new ArrayList<>();
    /** Where {@link #poller} fetches from: another rendition moves it. */
    private final AtomicReference<URI> address = new AtomicReference<>(PLAYLIST);
    private final PlaylistPoller poller = polling(address::get, heard::add);

    /** A poller whose fetches wait for the test's answers, their conditions recorded. */
    private PlaylistPoller polling(Supplier<URI> address, Consumer<MediaPlaylist> onPlaylist) {
        return new PlaylistPoller(clock, address, (uri, etag) -> {
            asked.add(uri);
            conditions.add(etag == null ? "" : etag);
            CompletableFuture<HttpResult> f = new CompletableFuture<>();
            fetches.add(f);
            return f;
        }, onPlaylist);
    }

    private static HttpResult live(int targetSeconds, long first, int count, boolean ended) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:" + targetSeconds
                + "\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
        for (long s = first; s < first + count; s++) {
            text.append("#EXTINF:").append(targetSeconds).append(",\nseg").append(s).append(".ts\n");
        }
        if (ended) {
            text.append("#EXT-X-ENDLIST\n");
        }
        return new HttpResult(200, "application/vnd.apple.mpegurl", null, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResult tagged(HttpResult r, String etag) {
        return new HttpResult(r.status(), r.contentType(), etag, r.body());
    }

    private void answer(HttpResult r) {
        fetches.get(fetches.size() - 1).complete(r);
        clock.runDue();
    }

    @Test
    void fetchesAtOnceThenEveryHalfTargetDuration() {
        poller.start();
        clock.runDue();
        assertThat(fetches).hasSize(1);
        answer(live(6, 10, 3, false));
        assertThat(heard).extracting(MediaPlaylist::lastSequence).containsExactly(12L);
        assertThat(poller.latest()).isSameAs(heard.get(0));

        clock.advance(2_999);
        assertThat(fetches).hasSize(1);
        clock.advance(1);
        assertThat(fetches).as("half of a 6 s target duration later").hasSize(2);
    }

    @Test
    void anAnswerForAnAddressLeftMeanwhileIsDroppedAndTheNewOneFetchedAtOnce() {
        poller.start();
        clock.runDue();
        URI low = URI.create("http://origin/live/demo/90p/index.m3u8");
        address.set(low);
        poller.refresh();
        answer(live(2, 10, 3, false));
        assertThat(heard).as("the old rendition's playlist").isEmpty();
        assertThat(asked).containsExactly(PLAYLIST, low);
        answer(live(2, 10, 3, false));
        assertThat(heard).hasSize(1);
    }

    @Test
    void pollsOnlyForAChangedPlaylistAndANotModifiedAnswerKeepsTheCadence() {
        poller.start();
        clock.runDue();
        answer(tagged(live(1, 10, 3, false), "\"a\""));
        clock.advance(500);
        answer(new HttpResult(304, null, "\"a\"", new byte[0]));
        assertThat(heard).as("nothing new to hear of").hasSize(1);
        clock.advance(500);
        answer(tagged(live(1, 11, 3, false), "\"b\""));
        clock.advance(500);

        assertThat(conditions).as("each poll asks only for a playlist newer than the last one it got")
                .containsExactly("", "\"a\"", "\"a\"", "\"b\"");
        assertThat(heard).extracting(MediaPlaylist::lastSequence).containsExactly(12L, 13L);
    }

    @Test
    void aNewAddressIsFetchedUnconditionally() {
        poller.start();
        clock.runDue();
        answer(tagged(live(1, 10, 3, false), "\"a\""));
        address.set(URI.create("http://origin/live/demo/90p/index.m3u8"));
        poller.refresh();
        clock.runDue();

        assertThat(conditions).as("another rendition's playlist has its own tags").containsExactly("", "");
    }

    @Test
    void neverFetchesMoreOftenThanEvery500Ms() {
        poller.start();
        clock.runDue();
        answer(live(0, 1, 1, false));
        clock.advance(499);
        assertThat(fetches).hasSize(1);
        clock.advance(1);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void oneFetchAtATimeAndAFailedFirstOneIsRetriedAfterASecond() {
        poller.start();
        clock.runDue();
        clock.advance(10_000);
        poller.start();
        clock.runDue();
        assertThat(fetches).as("still waiting for the first answer").hasSize(1);

        answer(new HttpResult(503, "text/plain", null, new byte[0]));
        clock.advance(999);
        assertThat(fetches).hasSize(1);
        clock.advance(1);
        assertThat(fetches).hasSize(2);
        fetches.get(1).completeExceptionally(new RuntimeException("connection refused"));
        clock.advance(1_000);
        assertThat(fetches).hasSize(3);
        assertThat(heard).isEmpty();
    }

    @Test
    void anInvalidPlaylistKeepsTheLastGoodOneAndPollingGoesOn() {
        poller.start();
        clock.runDue();
        answer(live(2, 1, 3, false));
        clock.advance(1_000);
        answer(new HttpResult(200, "text/html", null, "<html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(heard).hasSize(1);
        assertThat(poller.latest().lastSequence()).isEqualTo(3);
        clock.advance(1_000);
        assertThat(fetches).hasSize(3);
    }

    @Test
    void anEndedPlaylistIsNotFetchedAgain() {
        poller.start();
        clock.runDue();
        answer(live(2, 1, 3, true));
        clock.advance(60_000);
        poller.heardOf(99);
        clock.advance(60_000);
        assertThat(fetches).hasSize(1);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aPeerHoldingASegmentPastTheEndBringsTheNextFetchForward() {
        poller.start();
        clock.runDue();
        answer(live(6, 1, 3, false));
        poller.heardOf(3);
        clock.advance(100);
        assertThat(fetches).as("a segment the playlist lists says nothing new").hasSize(1);
        poller.heardOf(4);
        clock.runDue();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void stoppedPollerFetchesNoMoreEvenWhenAFetchInFlightAnswers() {
        poller.start();
        clock.runDue();
        poller.stop();
        answer(live(2, 1, 3, false));
        clock.advance(60_000);
        assertThat(fetches).hasSize(1);
        assertThat(heard).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void whatTheOwnerThrowsOnAPlaylistIsReportedAndPollingGoesOn() {
        clock.recordFailures();
        PlaylistPoller failing = polling(() -> PLAYLIST, p -> {
            throw new IllegalStateException("owner bug");
        });
        failing.start();
        clock.runDue();
        answer(live(2, 1, 3, false));
        assertThat(clock.failures()).extracting(FakeAlarmClock.Failure::alarm).containsExactly("playlist");
        clock.advance(1_000);
        assertThat(fetches).hasSize(2);
    }
}
