package org.webp2p.server.rtmfp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.flash.TcMetadata;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.SendFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;

/** A peer as a Flash client would be: its own endpoint, a NetConnection to the rendezvous, its answer. */
final class FlashPeer implements AutoCloseable {
    final RtmfpEndpoint endpoint;
    final CompletableFuture<NetConnectionCommand> answer = new CompletableFuture<>();
    final CompletableFuture<Session> closed = new CompletableFuture<>();
    private Session session;
    private SendFlow control;

    FlashPeer() throws IOException {
        endpoint = RtmfpEndpoint.builder().localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).bind();
    }

    /** Opens the session and sends {@code connect} with {@code properties} added to its command object. */
    Session connect(InetSocketAddress rendezvous, Map<String, Object> properties, List<Object> arguments) throws Exception {
        session = endpoint.connect(RunningRendezvous.URI, rendezvous, new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.setMessageListener((f, message) ->
                        NetConnectionCommand.fromMessage(TcMessage.decode(message)).ifPresent(answer::complete));
            }

            @Override
            public void onClosed(Session s) {
                closed.complete(s);
            }
        }).get(5, TimeUnit.SECONDS);
        NetConnectionCommand plain = NetConnectionCommand.connect("webp2p", RunningRendezvous.URI, "WIN 32,0,0,465");
        @SuppressWarnings("unchecked")
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) plain.commandObject());
        object.putAll(properties);
        control = session.openFlow(TcMetadata.netConnection().encode());
        control.send(new NetConnectionCommand(NetConnectionCommand.CONNECT, 1, object, arguments).toMessage().encode());
        return session;
    }

    /** Connects with a token for {@code stream} as the first argument and waits for the answer. */
    NetConnectionCommand connectAndAwait(InetSocketAddress rendezvous, String stream, String token,
                                         Map<String, Object> properties) throws Exception {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("stream", stream);
        connect(rendezvous, all, List.of(token));
        return answer.get(5, TimeUnit.SECONDS);
    }

    void reportPrivateAddresses(String... addresses) throws Exception {
        control.send(new NetConnectionCommand(PeerConnection.SET_PEER_INFO, 0, null, List.of((Object[]) addresses))
                .toMessage().encode()).get(5, TimeUnit.SECONDS);
    }

    /** Closes the NetConnection as a Flash client's {@code NetConnection.close()} does: its flow ends. */
    void closeNetConnection() {
        control.close();
    }

    Session session() {
        return session;
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
