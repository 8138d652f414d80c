package org.webp2p.server.rtmfp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.flash.TcMetadata;
import org.webp2p.rtmfp.session.MessageListener;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.SendFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * One peer's session with the rendezvous: the NetConnection flow's {@code connect} admits it to
 * the directory, {@code setPeerInfo} adds the private addresses it reports, and the end of the
 * session removes it. The NetConnection is the session's first flow for RTMP stream 0; when the
 * peer closes it, the session is closed too, so a client that leaves frees its place at once.
 * Runs on the RTMFP thread.
 */
final class PeerConnection implements SessionListener, MessageListener {
    static final String SET_PEER_INFO = "setPeerInfo";
    /** Most private addresses kept per peer, so one peer cannot bloat every Redirect. */
    static final int MAX_PRIVATE_ADDRESSES = 8;

    private final Session session;
    private final ConnectGate gate;
    private final PeerDirectory directory;
    private final RendezvousMetrics metrics;
    private final Clock clock;
    private @Nullable ReceiveFlow netConnection;
    private boolean connected;
    private boolean refused;

    PeerConnection(Session session, ConnectGate gate, PeerDirectory directory, RendezvousMetrics metrics, Clock clock) {
        this.session = session;
        this.gate = gate;
        this.directory = directory;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void onFlow(ReceiveFlow flow) {
        if (netConnection != null || TcMetadata.decode(flow.metadata()).filter(m -> m.streamId() == 0).isEmpty()) {
            // The rendezvous serves only the NetConnection itself, once, and no media streams.
            flow.reject(0);
            return;
        }
        netConnection = flow;
        flow.setMessageListener(this);
    }

    @Override
    public void onMessage(ReceiveFlow flow, byte[] message) {
        command(message).ifPresent(c -> onCommand(flow, c));
    }

    @Override
    public void onFinished(ReceiveFlow flow) {
        session.close();
    }

    private static Optional<NetConnectionCommand> command(byte[] message) {
        try {
            return NetConnectionCommand.fromMessage(TcMessage.decode(message));
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
    }

    private void onCommand(ReceiveFlow flow, NetConnectionCommand command) {
        if (refused) {
            return;
        }
        if (NetConnectionCommand.CONNECT.equals(command.name()) && !connected) {
            onConnect(flow, command);
        } else if (SET_PEER_INFO.equals(command.name()) && connected) {
            List<InetSocketAddress> reported = command.arguments().stream()
                    .filter(String.class::isInstance).map(a -> AddressText.parse((String) a))
                    .flatMap(Optional::stream).distinct().limit(MAX_PRIVATE_ADDRESSES).toList();
            directory.reportPrivateAddresses(session.farPeerId(), reported);
        }
    }

    private void onConnect(ReceiveFlow flow, NetConnectionCommand connect) {
        ConnectRequest request = ConnectRequest.of(connect);
        SendFlow reply = flow.openReturnFlow(TcMetadata.netConnection().encode());
        Optional<String> refusal = gate.refusal(request);
        if (refusal.isPresent()) {
            refused = true;
            metrics.connectsRejected.increment();
            // Closing at once would fail the queued _error; close once the client has it, or failed to take it.
            reply.send(NetConnectionCommand.connectRejected(connect.transactionId(), refusal.get()).toMessage().encode())
                    .whenComplete((ok, failure) -> session.close());
            return;
        }
        connected = true;
        metrics.connectsAccepted.increment();
        directory.add(new ConnectedPeer(session.farPeerId(), request.stream(), request.natType(), session.farAddress(),
                List.of(), clock.instant()), session);
        reply.send(NetConnectionCommand.connectSuccess(connect.transactionId(), "connected to rendezvous")
                .toMessage().encode());
    }

    @Override
    public void onFarAddressChanged(Session moved, InetSocketAddress previous) {
        if (connected) {
            directory.moved(moved.farPeerId(), moved, previous);
        }
    }

    @Override
    public void onClosed(Session closed) {
        if (connected) {
            directory.remove(closed.farPeerId(), closed);
        }
    }
}
