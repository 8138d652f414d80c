package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webp2p.server.MutableClock;

class WsSwarmsTest {
    private static final String HASH = "/OhCf44068LyQuGuhQ4O";
    private static final String OTHER_HASH = "XwbgUrB9JXzdp6/vvQNd";
    private static final Duration INTERVAL = Duration.ofSeconds(120);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final WsCounters counters = new WsCounters();
    private WsSwarms swarms = swarms(new WsLimits(INTERVAL, 10, 100, 100, 100));

    private WsSwarms swarms(WsLimits limits) {
        return new WsSwarms(limits, clock, new Random(7), h -> !h.startsWith("?"), counters);
    }

    private static String peer(int n) {
        return "-PM0203-%012d".formatted(n);
    }

    private static List<WsRequest.Offer> offers(int n) {
        List<WsRequest.Offer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawJson sdp = new RawJson("{\"type\":\"offer\",\"sdp\":\"offer " + i + "\"}");
            out.add(new WsRequest.Offer("offer-id-%012d".formatted(i), sdp));
        }
        return out;
    }

    private static WsRequest.Announce announce(String hash, int peer, WsEvent event, int offers) {
        return new WsRequest.Announce(hash, peer(peer), event, offers, null, offers(offers));
    }

    private record Joined(RecordingLink link, WsClient client) {
    }

    private Joined join(String hash, int peer, int offers) throws WsRefusal {
        RecordingLink link = new RecordingLink("198.51.100." + peer);
        WsClient client = swarms.connect(link);
        swarms.announce(client, announce(hash, peer, WsEvent.STARTED, offers));
        return new Joined(link, client);
    }

    @Test
    void offersGoToDistinctRandomOtherPeersAndNeverBackToTheSender() throws Exception {
        List<Joined> peers = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            peers.add(join(HASH, i, 0));
        }
        Joined sender = join(HASH, 9, 5);

        assertThat(sender.link().of(WsReply.OfferRelay.class)).as("nothing comes back to the sender").isEmpty();
        List<WsReply.OfferRelay> relayed = new ArrayList<>();
        Set<String> offerIds = new HashSet<>();
        for (Joined p : peers) {
            List<WsReply.OfferRelay> got = p.link().of(WsReply.OfferRelay.class);
            assertThat(got).as("one offer per chosen peer").hasSizeLessThanOrEqualTo(1);
            relayed.addAll(got);
            got.forEach(o -> offerIds.add(o.offerId()));
        }
        assertThat(relayed).hasSize(5).allSatisfy(o -> {
            assertThat(o.fromPeerId()).isEqualTo(peer(9));
            assertThat(o.infoHash()).isEqualTo(HASH);
        });
        assertThat(offerIds).as("each offer to a different peer").hasSize(5);
        assertThat(counters.offersRelayed()).isEqualTo(5);
        WsReply.Announced reply = sender.link().of(WsReply.Announced.class).get(0);
        assertThat(reply.intervalSeconds()).isEqualTo(120);
        assertThat(reply.incomplete()).isEqualTo(9);
        assertThat(reply.complete()).isZero();
    }

    @Test
    void offersReachEveryOtherPeerWhenThereAreFewerPeersThanOffers() throws Exception {
        Joined a = join(HASH, 1, 0);
        Joined b = join(HASH, 2, 0);
        join(HASH, 3, 5);

        assertThat(a.link().of(WsReply.OfferRelay.class)).hasSize(1);
        assertThat(b.link().of(WsReply.OfferRelay.class)).hasSize(1);
        assertThat(counters.offersRelayed()).isEqualTo(2);
    }

    @Test
    void swarmsAreKeptApartAndOneSocketMaySitInSeveral() throws Exception {
        Joined other = join(OTHER_HASH, 1, 0);
        Joined both = join(HASH, 2, 0);
        swarms.announce(both.client(), announce(OTHER_HASH, 2, WsEvent.STARTED, 0));
        assertThat(both.client().swarms()).isEqualTo(2);

        join(HASH, 3, 5);

        assertThat(other.link().of(WsReply.OfferRelay.class)).as("a peer of another swarm only").isEmpty();
        assertThat(both.link().of(WsReply.OfferRelay.class)).singleElement()
                .satisfies(o -> assertThat(o.infoHash()).isEqualTo(HASH));
        assertThat(swarms.swarms()).extracting(WsSwarmSummary::infoHash, WsSwarmSummary::peers)
                .containsExactly(tuple(HASH, 2), tuple(OTHER_HASH, 2));
    }

    @Test
    void eachPeerIsListedPerSwarmWithItsSocketsAddressAndWhenItJoinedAndWasLastSeen() throws Exception {
        Instant start = clock.instant();
        Joined first = join(HASH, 1, 0);
        clock.advance(Duration.ofSeconds(5));
        join(HASH, 2, 0);
        swarms.announce(first.client(), announce(OTHER_HASH, 1, WsEvent.STARTED, 0));
        clock.advance(Duration.ofSeconds(5));
        swarms.announce(first.client(), announce(HASH, 1, WsEvent.UPDATE, 0));

        long t0 = start.toEpochMilli();
        assertThat(swarms.peers()).extracting(WsPeerSummary::infoHash, WsPeerSummary::peerId,
                        p -> p.address().getHostAddress(), WsPeerSummary::joinedMs, WsPeerSummary::lastSeenMs)
                .containsExactly(
                        tuple(HASH, peer(1), "198.51.100.1", t0, t0 + 10_000),
                        tuple(HASH, peer(2), "198.51.100.2", t0 + 5_000, t0 + 5_000),
                        tuple(OTHER_HASH, peer(1), "198.51.100.1", t0 + 5_000, t0 + 5_000));

        swarms.disconnect(first.client());
        assertThat(swarms.peers()).extracting(WsPeerSummary::peerId).containsExactly(peer(2));
    }

    @Test
    void anAnswerGoesToTheOffererOnlyAndTheAnswererGetsNoReply() throws Exception {
        Joined offerer = join(HASH, 1, 0);
        Joined answerer = join(HASH, 2, 0);
        answerer.link().clear();
        RawJson sdp = new RawJson("{\"type\":\"answer\",\"sdp\":\"answer\"}");

        swarms.answer(answerer.client(), new WsRequest.Answer(HASH, peer(2), peer(1), "offer-id-000000000003", sdp));

        assertThat(offerer.link().of(WsReply.AnswerRelay.class)).singleElement().satisfies(r -> {
            assertThat(r.fromPeerId()).isEqualTo(peer(2));
            assertThat(r.offerId()).isEqualTo("offer-id-000000000003");
            assertThat(r.answer()).isEqualTo(sdp);
        });
        assertThat(answerer.link().received).isEmpty();
        assertThat(counters.answersRelayed()).isEqualTo(1);
    }

    @Test
    void peersExpireAfterTwoSilentIntervalsAndAnAnnounceKeepsThemIn() throws Exception {
        Joined quiet = join(HASH, 1, 0);
        Joined chatty = join(HASH, 2, 0);
        clock.advance(INTERVAL);
        swarms.announce(chatty.client(), announce(HASH, 2, WsEvent.UPDATE, 0));
        clock.advance(INTERVAL.plusSeconds(1));

        swarms.expire();

        assertThat(swarms.swarms()).singleElement().satisfies(s -> assertThat(s.peers()).isEqualTo(1));
        assertThat(quiet.client().swarms()).isZero();
        clock.advance(INTERVAL.multipliedBy(2));
        swarms.expire();
        assertThat(swarms.swarms()).as("an empty swarm goes too").isEmpty();
    }

    @Test
    void aClosedSocketLeavesEverySwarmAndStoppedLeavesOne() throws Exception {
        Joined a = join(HASH, 1, 0);
        swarms.announce(a.client(), announce(OTHER_HASH, 1, WsEvent.STARTED, 0));
        Joined b = join(HASH, 2, 0);
        swarms.announce(b.client(), announce(OTHER_HASH, 2, WsEvent.STARTED, 0));

        swarms.disconnect(a.client());
        assertThat(swarms.swarms()).allSatisfy(s -> assertThat(s.peers()).isEqualTo(1));
        assertThat(swarms.sockets()).isEqualTo(1);

        swarms.announce(b.client(), announce(HASH, 2, WsEvent.STOPPED, 0));
        assertThat(swarms.swarms()).extracting(WsSwarmSummary::infoHash).containsExactly(OTHER_HASH);
        assertThat(b.link().of(WsReply.Announced.class)).last().satisfies(r -> assertThat(r.incomplete()).isZero());
    }

    @Test
    void completedAndLeftZeroMakeSeeders() throws Exception {
        Joined a = join(HASH, 1, 0);
        swarms.announce(a.client(), announce(HASH, 1, WsEvent.COMPLETED, 0));
        RecordingLink link = new RecordingLink("198.51.100.2");
        WsClient b = swarms.connect(link);
        swarms.announce(b, new WsRequest.Announce(HASH, peer(2), WsEvent.STARTED, null, 0L, List.of()));

        assertThat(link.of(WsReply.Announced.class).get(0).complete()).isEqualTo(2);
        swarms.disconnect(a.client());
        assertThat(swarms.swarms().get(0).complete()).isEqualTo(1);
    }

    @Test
    void aPeerIdThatReconnectsMovesToItsNewSocket() throws Exception {
        Joined old = join(HASH, 1, 0);
        RecordingLink fresh = new RecordingLink("198.51.100.1");
        WsClient again = swarms.connect(fresh);
        swarms.announce(again, announce(HASH, 1, WsEvent.STARTED, 0));
        swarms.disconnect(old.client());

        join(HASH, 2, 1);

        assertThat(fresh.of(WsReply.OfferRelay.class)).hasSize(1);
        assertThat(old.link().of(WsReply.OfferRelay.class)).isEmpty();
    }

    @Test
    void limitsAreRefusedWithAReasonAndCounted() throws Exception {
        swarms = swarms(new WsLimits(INTERVAL, 2, 2, 1, 1));
        RecordingLink link = new RecordingLink("198.51.100.1");
        WsClient c = swarms.connect(link);

        assertThatThrownBy(() -> swarms.connect(new RecordingLink("198.51.100.1")))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason())
                        .contains("too many connections from 198.51.100.1"));
        assertThatThrownBy(() -> swarms.announce(c, announce(HASH, 1, WsEvent.STARTED, 3)))
                .isInstanceOfSatisfying(WsRefusal.class, r -> {
                    assertThat(r.failure().reason()).contains("at most 2");
                    assertThat(r.failure().infoHash()).isEqualTo(HASH);
                });
        swarms.announce(c, announce(HASH, 1, WsEvent.STARTED, 0));
        assertThatThrownBy(() -> swarms.announce(c, announce(OTHER_HASH, 1, WsEvent.STARTED, 0)))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason()).contains("too many swarms"));
        swarms.announce(c, announce(HASH, 2, WsEvent.STARTED, 0));
        assertThatThrownBy(() -> swarms.announce(c, announce(HASH, 3, WsEvent.STARTED, 0)))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason()).contains("swarm is full"));
        assertThatThrownBy(() -> swarms.announce(c, announce("?" + HASH.substring(1), 1, WsEvent.STARTED, 0)))
                .isInstanceOfSatisfying(WsRefusal.class, r -> assertThat(r.failure().reason()).contains("unknown info_hash"));

        for (WsCounters.Refused why : List.of(WsCounters.Refused.SOCKETS_PER_ADDRESS, WsCounters.Refused.OFFERS,
                WsCounters.Refused.SWARMS, WsCounters.Refused.SWARM_FULL, WsCounters.Refused.UNKNOWN_HASH)) {
            assertThat(counters.refusedCount(why)).as(why.name()).isEqualTo(1);
        }
        swarms.disconnect(c);
        swarms.connect(new RecordingLink("198.51.100.1"));
    }

    @Test
    void scrapeCountsEachSwarmAskedFor() throws Exception {
        Joined a = join(HASH, 1, 0);
        swarms.scrape(a.client(), new WsRequest.Scrape(List.of(HASH, OTHER_HASH)));

        WsReply.Scraped s = a.link().of(WsReply.Scraped.class).get(0);
        assertThat(s.files().get(HASH)).isEqualTo(new WsReply.Counts(0, 1));
        assertThat(s.files().get(OTHER_HASH)).isEqualTo(new WsReply.Counts(0, 0));
    }
}
