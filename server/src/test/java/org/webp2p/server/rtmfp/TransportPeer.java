package org.webp2p.server.rtmfp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.webp2p.nat.NatType;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.flash.TcMetadata;
import org.webp2p.rtmfp.session.CoreThread;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.RtmfpCore;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;

/**
 * An RTMFP peer on a {@link DatagramTransport}, so it can sit behind an emulated NAT: the core on
 * one scheduler thread, fed by a receiving thread.
 */
final class TransportPeer implements AutoCloseable {
    private static final long TICK_MILLIS = 5;

    private final DatagramTransport transport;
    private final ScheduledExecutorService loop;
    private final Thread loopThread;
    private final Thread receiver;
    private final RtmfpCore core;
    private volatile boolean open = true;

    TransportPeer(DatagramTransport transport, RtmfpParams params) throws Exception {
        this.transport = transport;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "transport-peer");
            t.setDaemon(true);
            return t;
        });
        this.loopThread = loop.submit(Thread::currentThread).get();
        SecureRandom random = new SecureRandom();
        LocalIdentity identity = LocalIdentity.ephemeral(params.dhGroups(), false, params.dhPrivateKeyBits(), random);
        this.core = new RtmfpCore(params, identity, () -> System.nanoTime() / 1_000_000, (to, bytes) -> {
            try {
                transport.send(new Datagram(to, bytes));
            } catch (IOException e) {
                // Lost like any datagram; the protocol retransmits.
            }
        }, new CoreThread() {
            @Override
            public void execute(Runnable task) {
                if (isCurrent()) {
                    task.run();
                } else {
                    loop.execute(task);
                }
            }

            @Override
            public boolean isCurrent() {
                return Thread.currentThread() == loopThread;
            }
        }, random);
        loop.scheduleAtFixedRate(core::onTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        this.receiver = new Thread(this::receive, "transport-peer-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receive() {
        while (open) {
            try {
                transport.receive(Duration.ofMillis(50)).ifPresent(d ->
                        loop.execute(() -> core.onDatagram(d.peer(), d.payload())));
            } catch (IOException e) {
                return;
            }
        }
    }

    PeerId peerId() {
        return core.identity().peerId();
    }

    RtmfpCore core() {
        return core;
    }

    /** Connects to the rendezvous reporting {@code natType}; completes with the server's answer. */
    CompletableFuture<NetConnectionCommand> connect(InetSocketAddress rendezvous, NatType natType) {
        CompletableFuture<NetConnectionCommand> answer = new CompletableFuture<>();
        core.open(EndpointDiscriminator.forServer(RunningRendezvous.URI), List.of(rendezvous), new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.setMessageListener((f, message) ->
                        NetConnectionCommand.fromMessage(TcMessage.decode(message)).ifPresent(answer::complete));
            }
        }).thenAccept(session -> {
            Map<String, Object> object = new LinkedHashMap<>(Map.of("app", "webp2p", "natType", natType.name()));
            session.openFlow(TcMetadata.netConnection().encode()).send(
                    new NetConnectionCommand(NetConnectionCommand.CONNECT, 1, object, List.of()).toMessage().encode());
        }).exceptionally(e -> {
            answer.completeExceptionally(e);
            return null;
        });
        return answer;
    }

    CompletableFuture<Session> openTo(PeerId peer, InetSocketAddress rendezvous) {
        return core.open(EndpointDiscriminator.forPeer(peer), List.of(rendezvous), new SessionListener() { });
    }

    @Override
    public void close() {
        open = false;
        try {
            core.shutdown().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing regardless.
        }
        loop.shutdownNow();
        transport.close();
    }
}
