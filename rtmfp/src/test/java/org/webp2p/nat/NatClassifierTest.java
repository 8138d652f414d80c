package org.webp2p.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.client.StunExchange;
import org.webp2p.nat.client.StunResponse;
import org.webp2p.nat.stun.ChangeRequest;
import org.webp2p.nat.stun.OtherAddress;
import org.webp2p.nat.stun.StunAttribute;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.XorMappedAddress;

/**
 * The decision logic over a scripted network: a four-socket server and a NAT model in a few lines,
 * without sockets. The real thing (emulated NATs, the STUN service) is proven in the server module.
 */
class NatClassifierTest {
    private static final InetAddress PA = ip("192.0.2.1");
    private static final InetAddress AA = ip("192.0.2.2");
    private static final InetSocketAddress SERVER = new InetSocketAddress(PA, 3478);
    private static final InetSocketAddress LOCAL = new InetSocketAddress(ip("10.0.0.5"), 5000);

    @Test
    void reportsBlockedWhenNothingAnswers() throws Exception {
        NatReport report = new NatClassifier((server, request) -> Optional.empty(), LOCAL).classify(SERVER);

        assertThat(report.type()).isEqualTo(NatType.UDP_BLOCKED);
        assertThat(report.mapped()).isEmpty();
    }

    @Test
    void reportsOpenWhenMappedAddressIsTheLocalOne() throws Exception {
        ScriptedNetwork net = new ScriptedNetwork(false, false, false, true, AA);
        net.publicAddress = LOCAL;

        NatReport report = new NatClassifier(net, LOCAL).classify(SERVER);

        assertThat(report.type()).isEqualTo(NatType.OPEN);
        assertThat(report.filtering()).isEqualTo(FilteringBehaviour.ENDPOINT_INDEPENDENT);
    }

    @Test
    void classifiesTheFourClassicNats() throws Exception {
        assertThat(classify(new ScriptedNetwork(false, false, false, true, AA))).isEqualTo(NatType.FULL_CONE);
        assertThat(classify(new ScriptedNetwork(false, true, false, false, AA))).isEqualTo(NatType.RESTRICTED_CONE);
        assertThat(classify(new ScriptedNetwork(false, true, true, false, AA)))
                .isEqualTo(NatType.PORT_RESTRICTED_CONE);
        assertThat(classify(new ScriptedNetwork(true, true, true, false, AA))).isEqualTo(NatType.SYMMETRIC);
    }

    @Test
    void portOnlyServerStillSeparatesSymmetricAndPortRestricted() throws Exception {
        ScriptedNetwork symmetric = new ScriptedNetwork(true, true, true, false, PA);
        ScriptedNetwork portRestricted = new ScriptedNetwork(false, true, true, false, PA);
        ScriptedNetwork fullCone = new ScriptedNetwork(false, false, false, true, PA);

        assertThat(classify(symmetric)).isEqualTo(NatType.SYMMETRIC);
        assertThat(classify(portRestricted)).isEqualTo(NatType.PORT_RESTRICTED_CONE);
        NatReport cone = new NatClassifier(fullCone, LOCAL).classify(SERVER);
        assertThat(cone.type()).isEqualTo(NatType.UNKNOWN);
        assertThat(cone.mapping()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(cone.filtering()).isEqualTo(FilteringBehaviour.UNDETERMINED);
    }

    @Test
    void probesFilteringBeforeAnyPacketGoesToTheOtherAddress() throws Exception {
        ScriptedNetwork restricted = new ScriptedNetwork(false, true, false, false, AA);

        new NatClassifier(restricted, LOCAL).classify(SERVER);

        int firstToOther = restricted.destinations.indexOf(new InetSocketAddress(AA, 3478));
        int lastChange = restricted.changeRequestIndexes.get(restricted.changeRequestIndexes.size() - 1);
        assertThat(firstToOther).isGreaterThan(lastChange);
    }

    @Test
    void serverWithoutOtherAddressGivesUnknown() throws Exception {
        StunExchange plain = (server, request) -> Optional.of(new StunResponse(StunMessage.of(
                StunMessageType.BINDING_SUCCESS, request.transactionId(),
                new XorMappedAddress(new InetSocketAddress(PA, 9))), server));

        assertThat(new NatClassifier(plain, LOCAL).classify(SERVER).type()).isEqualTo(NatType.UNKNOWN);
    }

    private static NatType classify(ScriptedNetwork net) throws Exception {
        return new NatClassifier(net, LOCAL).classify(SERVER).type();
    }

    /** A server on PA (and {@code otherIp}) ports 3478/3479 behind which a NAT model sits. */
    private static final class ScriptedNetwork implements StunExchange {
        final boolean mappingPerDestination;
        final boolean filterByAddress;
        final boolean filterByPort;
        final boolean anyoneMayAnswer;
        final InetAddress otherIp;
        final Set<InetSocketAddress> contacted = new HashSet<>();
        final List<InetSocketAddress> destinations = new ArrayList<>();
        final List<Integer> changeRequestIndexes = new ArrayList<>();
        InetSocketAddress publicAddress = new InetSocketAddress(ip("198.51.100.1"), 40000);

        ScriptedNetwork(boolean mappingPerDestination, boolean filterByAddress, boolean filterByPort,
                boolean anyoneMayAnswer, InetAddress otherIp) {
            this.mappingPerDestination = mappingPerDestination;
            this.filterByAddress = filterByAddress;
            this.filterByPort = filterByPort;
            this.anyoneMayAnswer = anyoneMayAnswer;
            this.otherIp = otherIp;
        }

        @Override
        public Optional<StunResponse> exchange(InetSocketAddress server, StunMessage request) {
            Optional<ChangeRequest> change = request.attribute(ChangeRequest.class);
            if (change.isPresent()) {
                changeRequestIndexes.add(destinations.size());
            }
            destinations.add(server);
            contacted.add(server);
            boolean changeIp = change.map(ChangeRequest::changeIp).orElse(false);
            boolean changePort = change.map(ChangeRequest::changePort).orElse(false);
            if (changeIp && otherIp.equals(PA)) {
                return Optional.empty();
            }
            InetAddress fromIp = changeIp ? (server.getAddress().equals(PA) ? otherIp : PA) : server.getAddress();
            int fromPort = changePort ? (server.getPort() == 3478 ? 3479 : 3478) : server.getPort();
            InetSocketAddress from = new InetSocketAddress(fromIp, fromPort);
            boolean addressKnown = contacted.stream().anyMatch(c -> c.getAddress().equals(fromIp));
            boolean pass = anyoneMayAnswer
                    || (filterByPort ? contacted.contains(from) : !filterByAddress || addressKnown);
            if (!pass) {
                return Optional.empty();
            }
            InetSocketAddress mapped = mappingPerDestination
                    ? new InetSocketAddress(publicAddress.getAddress(), 40000 + destinations.size())
                    : publicAddress;
            List<StunAttribute> attributes = List.of(new XorMappedAddress(mapped),
                    new OtherAddress(new InetSocketAddress(otherIp, 3479)));
            return Optional.of(new StunResponse(new StunMessage(StunMessageType.BINDING_SUCCESS,
                    request.transactionId(), attributes), from));
        }
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
