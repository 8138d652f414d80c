package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.flash.TcMetadata;

/** The Flash-profile session start: connect on the first flow, _result on its return flow. */
class FlashConnectTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.0.0.1", 1935);

    @Test
    void serverAnswersConnectWithResultOnTheReturnFlow() {
        FakeNetwork net = new FakeNetwork(40);
        RtmfpCore server = net.add("10.0.0.1", 1935, LocalIdentity.ephemeral(PARAMS.dhGroups(), true, 256, RANDOM), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, LocalIdentity.ephemeral(PARAMS.dhGroups(), false, 256, RANDOM), PARAMS);
        List<NetConnectionCommand> seenByServer = new ArrayList<>();
        server.setIncomingSessionHandler(session -> session.setListener(new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                if (TcMetadata.decode(flow.metadata()).filter(m -> m.streamId() == 0).isEmpty()) {
                    flow.reject(1);
                    return;
                }
                flow.setMessageListener((f, message) -> NetConnectionCommand.fromMessage(TcMessage.decode(message))
                        .ifPresent(command -> {
                            seenByServer.add(command);
                            NetConnectionCommand reply = "live".equals(command.property("app").orElse(null))
                                    ? NetConnectionCommand.connectSuccess(command.transactionId(), "welcome")
                                    : NetConnectionCommand.connectRejected(command.transactionId(), "unknown app");
                            f.openReturnFlow(TcMetadata.netConnection().encode()).send(reply.toMessage().encode());
                        }));
            }
        }));
        List<NetConnectionCommand> seenByClient = new ArrayList<>();
        List<ReceiveFlow> clientFlows = new ArrayList<>();
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer("rtmfp://10.0.0.1/live"),
                List.of(SERVER), new SessionListener() {
                    @Override
                    public void onFlow(ReceiveFlow flow) {
                        clientFlows.add(flow);
                        flow.setMessageListener((f, message) ->
                                NetConnectionCommand.fromMessage(TcMessage.decode(message)).ifPresent(seenByClient::add));
                    }
                });
        net.run(50);

        SendFlow control = completed(opened).openFlow(TcMetadata.netConnection().encode());
        control.send(NetConnectionCommand.connect("live", "rtmfp://10.0.0.1/live", "WIN 32,0,0,465").toMessage().encode());
        net.run(200);

        assertThat(seenByServer).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("connect"));
        assertThat(clientFlows).singleElement().satisfies(f -> assertThat(f.associatedSendFlow()).contains(control));
        assertThat(seenByClient).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("_result");
            assertThat(c.transactionId()).isEqualTo(1.0);
            assertThat(c.statusCode()).contains("NetConnection.Connect.Success");
        });
    }

    private static <T> T completed(CompletableFuture<T> future) {
        assertThat(future).isCompleted();
        return future.join();
    }
}
