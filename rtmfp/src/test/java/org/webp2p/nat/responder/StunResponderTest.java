package org.webp2p.nat.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.stun.ChangeRequest;
import org.webp2p.nat.stun.ChangedAddress;
import org.webp2p.nat.stun.DropReason;
import org.webp2p.nat.stun.ErrorCode;
import org.webp2p.nat.stun.MappedAddress;
import org.webp2p.nat.stun.OpaqueAttribute;
import org.webp2p.nat.stun.OtherAddress;
import org.webp2p.nat.stun.Padding;
import org.webp2p.nat.stun.ResponseOrigin;
import org.webp2p.nat.stun.ResponsePort;
import org.webp2p.nat.stun.SourceAddress;
import org.webp2p.nat.stun.StunAttribute;
import org.webp2p.nat.stun.StunClass;
import org.webp2p.nat.stun.StunCodec;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;
import org.webp2p.nat.stun.UnknownAttributes;
import org.webp2p.nat.stun.XorMappedAddress;

class StunResponderTest {
    private static final InetAddress PRIMARY_IP = ip("192.0.2.10");
    private static final InetAddress ALTERNATE_IP = ip("192.0.2.11");
    private static final ServerEndpoints FOUR_SOCKETS =
            new ServerEndpoints(new InetSocketAddress(PRIMARY_IP, 3478), 3479, ALTERNATE_IP);
    private static final ServerEndpoints PORTS_ONLY =
            new ServerEndpoints(new InetSocketAddress(PRIMARY_IP, 3478), 3479, null);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(ip("203.0.113.5"), 50000);

    private final StunResponder responder = new StunResponder(FOUR_SOCKETS, "webp2p test");

    @Test
    void answersBindingWithXorMappedAddressOriginAndOtherAddress() throws Exception {
        ResponderOutcome.Reply reply = reply(responder, request(), SocketRole.PRIMARY);

        StunMessage response = StunCodec.decode(reply.datagram());
        assertThat(reply.from()).isEqualTo(SocketRole.PRIMARY);
        assertThat(reply.to()).isEqualTo(CLIENT);
        assertThat(reply.kind()).isEqualTo(ResponseKind.BINDING_SUCCESS);
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(response.attribute(XorMappedAddress.class)).contains(new XorMappedAddress(CLIENT));
        assertThat(response.attribute(ResponseOrigin.class))
                .contains(new ResponseOrigin(new InetSocketAddress(PRIMARY_IP, 3478)));
        assertThat(response.attribute(OtherAddress.class))
                .contains(new OtherAddress(new InetSocketAddress(ALTERNATE_IP, 3479)));
        assertThat(response.hasFingerprint()).isTrue();
    }

    @Test
    void changeRequestPicksTheSocketAcrossEachRequestedSide() throws Exception {
        assertThat(reply(responder, request(new ChangeRequest(false, true)), SocketRole.PRIMARY).from())
                .isEqualTo(SocketRole.ALTERNATE_PORT);
        assertThat(reply(responder, request(new ChangeRequest(true, false)), SocketRole.PRIMARY).from())
                .isEqualTo(SocketRole.ALTERNATE_ADDRESS);
        ResponderOutcome.Reply both = reply(responder, request(new ChangeRequest(true, true)), SocketRole.PRIMARY);
        assertThat(both.from()).isEqualTo(SocketRole.ALTERNATE_BOTH);
        assertThat(StunCodec.decode(both.datagram()).attribute(ResponseOrigin.class).orElseThrow().address())
                .isEqualTo(new InetSocketAddress(ALTERNATE_IP, 3479));
        assertThat(reply(responder, request(new ChangeRequest(true, true)), SocketRole.ALTERNATE_BOTH).from())
                .isEqualTo(SocketRole.PRIMARY);
    }

    @Test
    void portOnlyServerRefusesAddressChangeWith420AndOffersItsOtherPort() throws Exception {
        StunResponder portsOnly = new StunResponder(PORTS_ONLY, "webp2p test");

        ResponderOutcome.Reply refused = reply(portsOnly, request(new ChangeRequest(true, false)), SocketRole.PRIMARY);
        StunMessage error = StunCodec.decode(refused.datagram());
        assertThat(refused.kind()).isEqualTo(ResponseKind.UNKNOWN_ATTRIBUTE);
        assertThat(error.attribute(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x0003)));

        StunMessage ok = StunCodec.decode(reply(portsOnly, request(), SocketRole.PRIMARY).datagram());
        assertThat(ok.attribute(OtherAddress.class))
                .contains(new OtherAddress(new InetSocketAddress(PRIMARY_IP, 3479)));
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420ListingIt() throws Exception {
        ResponderOutcome.Reply reply = reply(responder,
                request(new OpaqueAttribute(0x0042, new byte[4]), new OpaqueAttribute(0xC001, new byte[4])),
                SocketRole.PRIMARY);

        StunMessage error = StunCodec.decode(reply.datagram());
        assertThat(error.type().messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(error.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(420);
        assertThat(error.attribute(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x0042)));
    }

    @Test
    void unknownComprehensionOptionalAttributeIsIgnored() {
        ResponderOutcome.Reply reply = reply(responder, request(new OpaqueAttribute(0xC001, new byte[] {1})),
                SocketRole.PRIMARY);

        assertThat(reply.kind()).isEqualTo(ResponseKind.BINDING_SUCCESS);
    }

    @Test
    void otherMethodGets400() throws Exception {
        StunMessage allocate = StunMessage.of(new StunMessageType(0x003, StunClass.REQUEST), TransactionId.random());

        ResponderOutcome.Reply reply = reply(responder, allocate, SocketRole.PRIMARY);

        assertThat(reply.kind()).isEqualTo(ResponseKind.BAD_REQUEST);
        assertThat(StunCodec.decode(reply.datagram()).type()).isEqualTo(new StunMessageType(0x003,
                StunClass.ERROR_RESPONSE));
    }

    @Test
    void responsePortRedirectsToTheSameClientIpAndPaddingIsEchoed() throws Exception {
        ResponderOutcome.Reply reply = reply(responder, request(new ResponsePort(40001), new Padding(500)),
                SocketRole.PRIMARY);

        assertThat(reply.to()).isEqualTo(new InetSocketAddress(CLIENT.getAddress(), 40001));
        assertThat(StunCodec.decode(reply.datagram()).attribute(Padding.class)).contains(new Padding(500));
    }

    @Test
    void paddingTooLargeToEchoInAnAnswerThatFitsIsLeftOut() throws Exception {
        // The largest padding a UDP datagram can carry: echoed, with the addresses and SOFTWARE, it
        // would pass the 65535 bytes a STUN length field can count.
        int largest = 65_507 - StunCodec.HEADER_LENGTH - 4;
        ResponderOutcome.Reply reply = reply(responder, request(new Padding(largest)), SocketRole.PRIMARY);

        StunMessage response = StunCodec.decode(reply.datagram());
        assertThat(response.attribute(XorMappedAddress.class)).contains(new XorMappedAddress(CLIENT));
        assertThat(response.attribute(Padding.class)).isEmpty();
    }

    @Test
    void classicRequestGetsMappedSourceAndChangedAddress() throws Exception {
        TransactionId classic = new TransactionId(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10"));
        StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, classic, new ChangeRequest(false, true));

        ResponderOutcome.Reply reply = reply(responder, request, SocketRole.PRIMARY);

        StunMessage response = StunCodec.decode(reply.datagram());
        assertThat(reply.kind()).isEqualTo(ResponseKind.CLASSIC_BINDING_SUCCESS);
        assertThat(response.transactionId()).isEqualTo(classic);
        assertThat(response.attributes()).containsExactly(
                new MappedAddress(CLIENT),
                new SourceAddress(new InetSocketAddress(PRIMARY_IP, 3479)),
                new ChangedAddress(new InetSocketAddress(ALTERNATE_IP, 3478)));
    }

    @Test
    void classicClientGetsOddUnknownAttributeListPaddedByRepetition() throws Exception {
        TransactionId classic = new TransactionId(HexFormat.of().parseHex("1102030405060708090a0b0c0d0e0f10"));
        StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, classic,
                new OpaqueAttribute(0x0002, new byte[8]));

        StunMessage error = StunCodec.decode(reply(responder, request, SocketRole.PRIMARY).datagram());

        assertThat(error.isClassic()).isTrue();
        assertThat(error.attribute(UnknownAttributes.class))
                .contains(new UnknownAttributes(List.of(0x0002, 0x0002)));
        assertThat(error.hasFingerprint()).isFalse();
    }

    @Test
    void dropsGarbageAndResponsesByReason() {
        assertThat(responder.respond(new byte[] {1, 2, 3}, SocketRole.PRIMARY, CLIENT))
                .isEqualTo(new ResponderOutcome.Drop(DropReason.TRUNCATED));
        assertThat(responder.respond("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), SocketRole.PRIMARY, CLIENT))
                .isEqualTo(new ResponderOutcome.Drop(DropReason.NOT_STUN));
        byte[] response = StunCodec.encode(StunMessage.of(StunMessageType.BINDING_SUCCESS, TransactionId.random()));
        assertThat(responder.respond(response, SocketRole.PRIMARY, CLIENT))
                .isEqualTo(new ResponderOutcome.Drop(DropReason.UNEXPECTED_CLASS));
    }

    @Test
    void wildcardServerOmitsAddressesItCannotKnow() throws Exception {
        StunResponder wildcard = new StunResponder(
                new ServerEndpoints(new InetSocketAddress(ip("0.0.0.0"), 3478), 3479, null), "webp2p test");

        StunMessage response = StunCodec.decode(reply(wildcard, request(), SocketRole.PRIMARY).datagram());

        assertThat(response.attribute(XorMappedAddress.class)).isPresent();
        assertThat(response.attribute(ResponseOrigin.class)).isEmpty();
        assertThat(response.attribute(OtherAddress.class)).isEmpty();
    }

    private static StunMessage request(StunAttribute... attributes) {
        return StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(), attributes);
    }

    private static ResponderOutcome.Reply reply(StunResponder r, StunMessage request, SocketRole arrivedOn) {
        ResponderOutcome outcome = r.respond(StunCodec.encode(request), arrivedOn, CLIENT);
        assertThat(outcome).isInstanceOf(ResponderOutcome.Reply.class);
        return (ResponderOutcome.Reply) outcome;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
