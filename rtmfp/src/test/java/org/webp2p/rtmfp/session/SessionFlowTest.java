package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.ProtectionPolicy;
import org.webp2p.rtmfp.wire.Bytes;

class SessionFlowTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.0.0.1", 1935);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.2", 5000);

    /** Collects everything a session receives. */
    private static final class Recorder implements SessionListener, MessageListener {
        final List<byte[]> messages = new ArrayList<>();
        final List<ReceiveFlow> flows = new ArrayList<>();
        int finished;
        int closed;

        @Override
        public void onFlow(ReceiveFlow flow) {
            flows.add(flow);
            flow.setMessageListener(this);
        }

        @Override
        public void onMessage(ReceiveFlow flow, byte[] message) {
            messages.add(message);
        }

        @Override
        public void onFinished(ReceiveFlow flow) {
            finished++;
        }

        @Override
        public void onClosed(Session session) {
            closed++;
        }
    }

    private final Recorder atServer = new Recorder();
    private final Recorder atClient = new Recorder();
    private RtmfpCore serverCore;

    private Session[] connect(FakeNetwork net, RtmfpParams params) {
        RtmfpCore server = net.add("10.0.0.1", 1935,
                LocalIdentity.ephemeral(params.dhGroups(), true, params.dhPrivateKeyBits(), RANDOM), params);
        RtmfpCore client = net.add("10.0.0.2", 5000,
                LocalIdentity.ephemeral(params.dhGroups(), false, params.dhPrivateKeyBits(), RANDOM), params);
        serverCore = server;
        List<Session> incoming = new ArrayList<>();
        server.setIncomingSessionHandler(s -> {
            s.setListener(atServer);
            incoming.add(s);
        });
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer("rtmfp://h/app"), List.of(SERVER),
                atClient);
        net.run(50);
        return new Session[] {completed(opened), incoming.get(0)};
    }

    private static byte[] randomMessage(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void deliversSmallMessagesInOrderWithMetadata() {
        FakeNetwork net = new FakeNetwork(11);
        Session client = connect(net, PARAMS)[0];
        SendFlow flow = client.openFlow(Bytes.fromHex("5443"));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(flow.send(new byte[] {(byte) i}));
        }
        net.run(500);
        assertThat(atServer.flows).singleElement().satisfies(f -> assertThat(f.metadata()).isEqualTo(Bytes.fromHex("5443")));
        assertThat(atServer.messages).extracting(m -> m[0]).containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3,
                (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 8, (byte) 9);
        assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    @Test
    void transfersMegabyteBothWaysUnderTwentyPercentLoss() {
        FakeNetwork net = new FakeNetwork(12);
        Session[] pair = connect(net, PARAMS);
        net.lossRate(0.2);
        byte[] up = randomMessage(1, 1 << 20);
        byte[] down = randomMessage(2, 1 << 20);
        CompletableFuture<Void> upDone = pair[0].openFlow(Bytes.fromHex("01")).send(up);
        CompletableFuture<Void> downDone = pair[1].openFlow(Bytes.fromHex("02")).send(down);
        net.run(5_000);
        assertThat(upDone).isCompleted();
        assertThat(downDone).isCompleted();
        assertThat(atServer.messages).singleElement().isEqualTo(up);
        assertThat(atClient.messages).singleElement().isEqualTo(down);
    }

    @Test
    void keepsOrderOfManyFragmentedMessagesUnderLoss() {
        FakeNetwork net = new FakeNetwork(13);
        Session client = connect(net, PARAMS)[0];
        net.lossRate(0.05);
        SendFlow flow = client.openFlow(Bytes.fromHex("01"));
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] message = randomMessage(i, 100 + i * 97);
            expected.add(message);
            flow.send(message);
        }
        net.run(20_000);
        assertThat(atServer.messages).containsExactlyElementsOf(expected);
    }

    @Test
    void closedFlowFinishesAtTheReceiver() {
        FakeNetwork net = new FakeNetwork(14);
        Session client = connect(net, PARAMS)[0];
        SendFlow flow = client.openFlow(Bytes.fromHex("01"));
        flow.send(new byte[] {1});
        flow.close();
        net.run(500);
        assertThat(atServer.finished).isEqualTo(1);
        assertThat(flow.send(new byte[] {2})).isCompletedExceptionally();
    }

    @Test
    void returnFlowIsAssociatedWithTheFlowItAnswers() {
        FakeNetwork net = new FakeNetwork(15);
        Session[] pair = connect(net, PARAMS);
        pair[1].setListener(new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.setMessageListener((f, message) -> f.openReturnFlow(Bytes.fromHex("72")).send(message));
            }
        });
        SendFlow request = pair[0].openFlow(Bytes.fromHex("71"));
        request.send("ping".getBytes());
        net.run(500);
        assertThat(atClient.flows).singleElement().satisfies(f -> {
            assertThat(f.associatedSendFlow()).contains(request);
            assertThat(f.metadata()).isEqualTo(Bytes.fromHex("72"));
        });
        assertThat(atClient.messages).singleElement().isEqualTo("ping".getBytes());
    }

    @Test
    void rejectedFlowFailsPendingMessages() {
        FakeNetwork net = new FakeNetwork(16);
        Session[] pair = connect(net, PARAMS);
        pair[1].setListener(new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.reject(7);
            }
        });
        SendFlow flow = pair[0].openFlow(Bytes.fromHex("01"));
        CompletableFuture<Void> first = flow.send(new byte[] {1});
        net.run(500);
        assertThat(first.isCompletedExceptionally() || !flow.isOpen()).isTrue();
        assertThat(flow.send(new byte[] {2})).isCompletedExceptionally();
    }

    @Test
    void closeRequestEndsSessionOnBothSides() {
        FakeNetwork net = new FakeNetwork(17);
        Session[] pair = connect(net, PARAMS);
        pair[0].close();
        net.run(100);
        assertThat(pair[0].state()).isEqualTo(SessionState.CLOSED);
        assertThat(pair[1].state()).isEqualTo(SessionState.FAR_CLOSED);
        assertThat(atServer.closed).isEqualTo(1);
        net.run(PARAMS.farCloseLingerMillis());
        assertThat(pair[1].state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void shutdownEndsTheSessionWhenAFailedSendClosesIt() {
        FakeNetwork net = new FakeNetwork(40);
        Session[] pair = connect(net, PARAMS);
        // As the rendezvous answers a refused connect: close the session once the answer is taken or failed.
        SendFlow answer = pair[1].openFlow(Bytes.fromHex("01"));
        CompletableFuture<Void> sent = answer.send(new byte[] {1});
        sent.whenComplete((ok, failure) -> pair[1].close());
        net.block((from, to) -> true);
        net.run(10);

        CompletableFuture<Void> down = serverCore.shutdown();

        assertThat(down).isCompleted();
        assertThat(down.isCompletedExceptionally()).isFalse();
        assertThat(sent).isCompletedExceptionally();
        assertThat(pair[1].state()).isEqualTo(SessionState.CLOSED);
        assertThat(serverCore.sessions()).isEmpty();
        assertThat(atServer.closed).isEqualTo(1);
    }

    @Test
    void closingTowardsAVanishedFarEndEndsWithinTheIdleTimeout() {
        FakeNetwork net = new FakeNetwork(41);
        Session[] pair = connect(net, PARAMS);
        net.block((from, to) -> true);

        pair[1].close();
        net.run(PARAMS.idleTimeoutMillis() + 10);

        assertThat(PARAMS.idleTimeoutMillis()).isLessThan(PARAMS.nearClosePeriodMillis());
        assertThat(pair[1].state()).isEqualTo(SessionState.CLOSED);
        assertThat(serverCore.sessions()).isEmpty();
    }

    @Test
    void keepaliveHoldsIdleSessionOpen() {
        RtmfpParams quick = PARAMS.toBuilder().keepaliveMillis(1000).idleTimeoutMillis(3000).build();
        FakeNetwork net = new FakeNetwork(18);
        Session[] pair = connect(net, quick);
        net.run(10_000);
        assertThat(pair[0].state()).isEqualTo(SessionState.OPEN);
        assertThat(pair[1].state()).isEqualTo(SessionState.OPEN);
    }

    @Test
    void silentFarEndTimesTheSessionOut() {
        RtmfpParams quick = PARAMS.toBuilder().keepaliveMillis(1000).idleTimeoutMillis(3000).build();
        FakeNetwork net = new FakeNetwork(19);
        Session[] pair = connect(net, quick);
        net.block((from, to) -> true);
        net.run(3500);
        assertThat(pair[0].state()).isEqualTo(SessionState.CLOSED);
        assertThat(atClient.closed).isEqualTo(1);
    }

    @Test
    void switchesFarAddressOnlyAfterPingFromTheNewAddress() {
        FakeNetwork net = new FakeNetwork(20);
        Session[] pair = connect(net, PARAMS);
        InetSocketAddress rebound = new InetSocketAddress("10.0.0.2", 5999);
        net.rewriteSource(CLIENT, rebound);
        pair[0].openFlow(Bytes.fromHex("01")).send(new byte[] {1});
        net.run(200);
        assertThat(pair[1].farAddress()).isEqualTo(rebound);
        assertThat(atServer.messages).hasSize(1);
    }

    @Test
    void spoofedAddressWithoutKeysCannotMoveTheSession() {
        FakeNetwork net = new FakeNetwork(21);
        Session[] pair = connect(net, PARAMS);
        InetSocketAddress attacker = new InetSocketAddress("10.9.9.9", 1);
        net.block((from, to) -> to.equals(attacker));
        pair[0].openFlow(Bytes.fromHex("01")).send(new byte[] {1});
        net.run(100);
        // The attacker replays a genuine packet from its own address: the session pings it but the
        // attacker cannot answer, so the address stays.
        FakeNetwork.Datagram genuine = net.delivered().stream().filter(d -> d.to().equals(SERVER)).reduce((a, b) -> b)
                .orElseThrow();
        net.inject(attacker, SERVER, genuine.bytes());
        net.run(2000);
        assertThat(pair[1].farAddress()).isEqualTo(CLIENT);
    }

    @Test
    void sendFailsWhenTheSendBufferIsFull() {
        RtmfpParams small = PARAMS.toBuilder().sendBufferLimitBytes(10_000).build();
        FakeNetwork net = new FakeNetwork(22);
        Session client = connect(net, small)[0];
        net.block((from, to) -> true);
        SendFlow flow = client.openFlow(Bytes.fromHex("01"));
        flow.send(new byte[200_000]);
        assertThat(flow.send(new byte[20_000])).isCompletedExceptionally();
    }

    @Test
    void slowReaderClosesTheWindowAndProbesReopenIt() {
        RtmfpParams smallWindow = PARAMS.toBuilder().receiveWindowBytes(64 * 1024).build();
        FakeNetwork net = new FakeNetwork(23);
        Session[] pair = connect(net, smallWindow);
        List<ReceiveFlow> parked = new ArrayList<>();
        pair[1].setListener(new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                parked.add(flow);
            }
        });
        SendFlow flow = pair[0].openFlow(Bytes.fromHex("01"));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(flow.send(randomMessage(i, 32 * 1024)));
        }
        net.run(3000);
        assertThat(sent).anyMatch(f -> !f.isDone());

        List<byte[]> delivered = new ArrayList<>();
        parked.get(0).setMessageListener((f, m) -> delivered.add(m));
        net.run(3000);
        assertThat(delivered).hasSize(8);
        assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    @Test
    void messagePastItsLifetimeIsAbandonedAndSkippedByTheReceiver() {
        FakeNetwork net = new FakeNetwork(24);
        Session client = connect(net, PARAMS)[0];
        SendFlow flow = client.openFlow(Bytes.fromHex("01"));
        flow.send("first".getBytes());
        net.run(100);
        net.block((from, to) -> to.equals(SERVER));
        CompletableFuture<Void> stale = flow.send("stale".getBytes(), 300);
        net.run(500);
        assertThat(stale).isCompletedExceptionally();

        net.block((from, to) -> false);
        CompletableFuture<Void> fresh = flow.send("fresh".getBytes());
        net.run(500);
        assertThat(fresh).isCompleted();
        assertThat(atServer.messages).extracting(String::new).containsExactly("first", "fresh");
    }

    @Test
    void receiverRefusesFlowsBeyondItsPerSessionLimit() {
        FakeNetwork net = new FakeNetwork(25);
        RtmfpParams twoFlows = PARAMS.toBuilder().maxFlowsPerSession(2).build();
        RtmfpCore server = net.add("10.0.0.1", 1935, LocalIdentity.ephemeral(PARAMS.dhGroups(), true, 256, RANDOM), twoFlows);
        RtmfpCore client = net.add("10.0.0.2", 5000, LocalIdentity.ephemeral(PARAMS.dhGroups(), false, 256, RANDOM), PARAMS);
        server.setIncomingSessionHandler(s -> s.setListener(atServer));
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer("rtmfp://h/app"), List.of(SERVER),
                atClient);
        net.run(50);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(completed(opened).openFlow(Bytes.of(new byte[] {(byte) i})).send(new byte[] {(byte) i}));
        }
        net.run(500);
        assertThat(atServer.flows).hasSize(2);
        assertThat(server.drops().get(DropReason.RESOURCE_LIMIT)).isPositive();
        assertThat(sent).filteredOn(CompletableFuture::isCompletedExceptionally).hasSize(1);
    }

    @Test
    void serverRequiringHmacAndSequenceNumbersGetsThemAndDataStillFlows() {
        FakeNetwork net = new FakeNetwork(26);
        RtmfpParams strict = PARAMS.toBuilder().protectionPolicy(new ProtectionPolicy(true, 16, true)).build();
        RtmfpCore server = net.add("10.0.0.1", 1935, LocalIdentity.ephemeral(PARAMS.dhGroups(), true, 256, RANDOM), strict);
        RtmfpCore client = net.add("10.0.0.2", 5000, LocalIdentity.ephemeral(PARAMS.dhGroups(), false, 256, RANDOM), PARAMS);
        server.setIncomingSessionHandler(s -> s.setListener(atServer));
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer("rtmfp://h/app"), List.of(SERVER),
                atClient);
        net.run(50);
        Session session = completed(opened);
        assertThat(session.cipher().protection().hmacOut()).isTrue();
        assertThat(session.cipher().protection().sequenceOut()).isTrue();
        net.lossRate(0.05);
        session.openFlow(Bytes.fromHex("01")).send(randomMessage(3, 100_000));
        net.run(3000);
        assertThat(atServer.messages).singleElement().isEqualTo(randomMessage(3, 100_000));
    }

    /**
     * Reordering against loss (RFC 8985 §6.2): on a 100 ms round trip, after a first message has
     * grown the window, the 20th datagram of a second one is held back {@code extraMillis} (or, if
     * negative, lost). Returns the client's counters for the second message (the window and RTT
     * as they are after it).
     */
    private SessionStats secondTransferWithMishap(long extraMillis) {
        FakeNetwork net = new FakeNetwork(21);
        Session client = connect(net, PARAMS)[0];
        int messagesBefore = atServer.messages.size();
        net.latencyMillis(50);
        SendFlow flow = client.openFlow(Bytes.fromHex("01"));
        CompletableFuture<Void> first = flow.send(randomMessage(3, 200_000));
        net.run(3_000);
        assertThat(first).isCompleted();
        if (extraMillis != 0) {
            net.holdBack(CLIENT, 20, extraMillis);
        }
        SessionStats before = client.stats();
        CompletableFuture<Void> second = flow.send(randomMessage(4, 100_000));
        net.run(3_000);
        assertThat(second).isCompleted();
        assertThat(atServer.messages.size()).isEqualTo(messagesBefore + 2);
        SessionStats stats = client.stats();
        return new SessionStats(stats.packetsSent() - before.packetsSent(), stats.packetsReceived() - before.packetsReceived(),
                stats.fragmentsLost() - before.fragmentsLost(), stats.spuriousLosses() - before.spuriousLosses(),
                stats.retransmitTimeouts() - before.retransmitTimeouts(), stats.smoothedRttMillis(), stats.congestionWindow());
    }

    @Test
    void loneMessageAcknowledgedOnlyByTheDelayedAckTimerDoesNotTimeOut() {
        FakeNetwork net = new FakeNetwork(22);
        Session client = connect(net, PARAMS)[0];
        net.latencyMillis(50);
        SendFlow flow = client.openFlow(Bytes.fromHex("01"));
        flow.send(randomMessage(5, 200_000));
        net.run(3_000);
        SessionStats grown = client.stats();

        // A message of one packet, as a peer's have-message between two segment copies: nothing
        // follows it, so the far end acknowledges it only when its delayed-ack timer runs out.
        CompletableFuture<Void> lone = flow.send(randomMessage(6, 100));
        net.run(1_000);

        assertThat(lone).isCompleted();
        SessionStats after = client.stats();
        assertThat(after.retransmitTimeouts()).isEqualTo(grown.retransmitTimeouts());
        assertThat(after.congestionWindow()).as("the window grown by the transfer is kept")
                .isGreaterThanOrEqualTo(grown.congestionWindow());
    }

    @Test
    void fragmentOvertakenWithinTheReorderingWindowIsNotTakenForLost() {
        SessionStats reference = secondTransferWithMishap(0);

        SessionStats reordered = secondTransferWithMishap(20);

        assertThat(reordered.fragmentsLost()).isZero();
        assertThat(reordered.congestionWindow()).isGreaterThanOrEqualTo(reference.congestionWindow());
    }

    @Test
    void fragmentTakenForLostButDeliveredAfterAllUndoesTheHalving() {
        SessionStats reference = secondTransferWithMishap(0);

        SessionStats reordered = secondTransferWithMishap(60);

        assertThat(reordered.fragmentsLost()).as("declared lost past the window").isEqualTo(1);
        assertThat(reordered.spuriousLosses()).as("its ack came before the retransmission's could").isEqualTo(1);
        assertThat(reordered.congestionWindow()).isGreaterThan(reference.congestionWindow() * 3 / 4);
    }

    @Test
    void lostFragmentIsRetransmittedWithoutTimeoutAndHalvesTheWindow() {
        SessionStats reference = secondTransferWithMishap(0);

        SessionStats lost = secondTransferWithMishap(-1);

        assertThat(lost.fragmentsLost()).isEqualTo(1);
        assertThat(lost.spuriousLosses()).isZero();
        assertThat(lost.retransmitTimeouts()).isZero();
        assertThat(lost.congestionWindow()).isLessThan(reference.congestionWindow() * 3 / 4);
    }

    private static <T> T completed(CompletableFuture<T> future) {
        assertThat(future).isCompleted();
        return future.join();
    }
}
