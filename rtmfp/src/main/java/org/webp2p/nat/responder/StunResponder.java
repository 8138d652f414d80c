package org.webp2p.nat.responder;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.webp2p.nat.stun.ChangeRequest;
import org.webp2p.nat.stun.ChangedAddress;
import org.webp2p.nat.stun.DropReason;
import org.webp2p.nat.stun.ErrorCode;
import org.webp2p.nat.stun.Fingerprint;
import org.webp2p.nat.stun.MalformedStunException;
import org.webp2p.nat.stun.MappedAddress;
import org.webp2p.nat.stun.OpaqueAttribute;
import org.webp2p.nat.stun.OtherAddress;
import org.webp2p.nat.stun.Padding;
import org.webp2p.nat.stun.ResponseOrigin;
import org.webp2p.nat.stun.ResponsePort;
import org.webp2p.nat.stun.Software;
import org.webp2p.nat.stun.SourceAddress;
import org.webp2p.nat.stun.StunAttribute;
import org.webp2p.nat.stun.StunClass;
import org.webp2p.nat.stun.StunCodec;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.UnknownAttributes;
import org.webp2p.nat.stun.XorMappedAddress;

/**
 * The Binding server of RFC 8489 §6.3 with the RFC 5780 behaviour-discovery attributes, answering
 * classic RFC 3489 clients in their own dialect (RFC 8489 §12). Pure: it turns one datagram into a
 * reply and the socket to send it from, and never touches a socket itself. Thread-safe.
 */
public final class StunResponder {
    /**
     * USERNAME, MESSAGE-INTEGRITY, REALM, NONCE, MESSAGE-INTEGRITY-SHA256 and USERHASH: understood but
     * unused, since Binding here needs no credentials (RFC 8489 §9), so they never cause a 420.
     */
    private static final Set<Integer> AUTHENTICATION_TYPES = Set.of(0x0006, 0x0008, 0x0014, 0x0015, 0x001C, 0x001E);

    /** Type and length before every attribute value (RFC 8489 §14). */
    private static final int ATTRIBUTE_HEADER_LENGTH = 4;
    /** The most a message's 16-bit length field counts after the header (RFC 8489 §5). */
    private static final int MAX_BODY_LENGTH = 0xFFFF;

    private final ServerEndpoints endpoints;
    private final Software software;

    /**
     * @param endpoints the server's sockets
     * @param software the SOFTWARE description put in RFC 8489 responses
     */
    public StunResponder(ServerEndpoints endpoints, String software) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.software = new Software(software);
    }

    /**
     * Decides what to do with a datagram.
     *
     * @param datagram the received bytes
     * @param arrivedOn the server socket it arrived on
     * @param sender the client's address as seen by the server
     */
    public ResponderOutcome respond(byte[] datagram, SocketRole arrivedOn, InetSocketAddress sender) {
        StunMessage request;
        try {
            request = StunCodec.decode(datagram);
        } catch (MalformedStunException e) {
            return new ResponderOutcome.Drop(e.reason());
        }
        if (request.type().messageClass() != StunClass.REQUEST) {
            return new ResponderOutcome.Drop(DropReason.UNEXPECTED_CLASS);
        }
        if (request.type().method() != StunMessageType.BINDING) {
            return error(request, arrivedOn, sender, new ErrorCode(ErrorCode.BAD_REQUEST, "Unsupported method"),
                    List.of(), ResponseKind.BAD_REQUEST);
        }
        List<Integer> unknown = unknownRequiredTypes(request);
        ChangeRequest change = request.attribute(ChangeRequest.class).orElse(new ChangeRequest(false, false));
        if (change.changeIp() && !endpoints.canChangeAddress()) {
            // RFC 5780 §6.1: a server without an alternate address cannot honour flag A.
            unknown.add(ChangeRequest.TYPE);
        }
        if (!unknown.isEmpty()) {
            return error(request, arrivedOn, sender, new ErrorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"),
                    unknown, ResponseKind.UNKNOWN_ATTRIBUTE);
        }
        SocketRole from = arrivedOn.changed(change.changeIp(), change.changePort());
        InetSocketAddress to = request.attribute(ResponsePort.class)
                .map(p -> new InetSocketAddress(sender.getAddress(), p.port()))
                .orElse(sender);
        return request.isClassic()
                ? reply(classicSuccess(request, sender, from), from, to, ResponseKind.CLASSIC_BINDING_SUCCESS)
                : reply(success(request, sender, from), from, to, ResponseKind.BINDING_SUCCESS);
    }

    private StunMessage success(StunMessage request, InetSocketAddress sender, SocketRole from) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new XorMappedAddress(sender));
        if (endpoints.isSpecific()) {
            attributes.add(new ResponseOrigin(endpoints.address(from)));
            attributes.add(new OtherAddress(endpoints.address(endpoints.other(from))));
        }
        attributes.add(software);
        // RFC 5780 §7.6: a padded request asks for an equally padded response, to test fragmentation;
        // padding near the largest a datagram carries no longer fits beside the other attributes.
        request.attribute(Padding.class).filter(p -> fitsBeside(request, attributes, p)).ifPresent(attributes::add);
        attributes.add(new Fingerprint());
        return new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(), attributes);
    }

    /** True if a message of {@code attributes}, {@code padding} and a FINGERPRINT has a length STUN can count. */
    private static boolean fitsBeside(StunMessage request, List<StunAttribute> attributes, Padding padding) {
        List<StunAttribute> unpadded = new ArrayList<>(attributes);
        unpadded.add(new Fingerprint());
        int body = StunCodec.encode(new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(), unpadded))
                .length - StunCodec.HEADER_LENGTH;
        return body + ATTRIBUTE_HEADER_LENGTH + (padding.length() + 3) / 4 * 4 <= MAX_BODY_LENGTH;
    }

    private StunMessage classicSuccess(StunMessage request, InetSocketAddress sender, SocketRole from) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new MappedAddress(sender));
        if (endpoints.isSpecific()) {
            attributes.add(new SourceAddress(endpoints.address(from)));
            attributes.add(new ChangedAddress(endpoints.address(endpoints.other(from))));
        }
        return new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(), attributes);
    }

    private ResponderOutcome error(StunMessage request, SocketRole arrivedOn, InetSocketAddress sender,
            ErrorCode code, List<Integer> unknown, ResponseKind kind) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(code);
        if (!unknown.isEmpty()) {
            attributes.add(new UnknownAttributes(classicPadded(request, unknown)));
        }
        if (!request.isClassic()) {
            attributes.add(software);
            attributes.add(new Fingerprint());
        }
        StunMessage response = new StunMessage(request.type().response(false), request.transactionId(), attributes);
        return reply(response, arrivedOn, sender, kind);
    }

    private static ResponderOutcome reply(StunMessage response, SocketRole from, InetSocketAddress to,
            ResponseKind kind) {
        return new ResponderOutcome.Reply(StunCodec.encode(response), from, to, kind);
    }

    /** RFC 3489 §11.2.10 fills an odd list by repeating a type, where RFC 8489 pads with zeros. */
    private static List<Integer> classicPadded(StunMessage request, List<Integer> unknown) {
        if (!request.isClassic() || unknown.size() % 2 == 0) {
            return unknown;
        }
        List<Integer> padded = new ArrayList<>(unknown);
        padded.add(unknown.get(unknown.size() - 1));
        return padded;
    }

    private static List<Integer> unknownRequiredTypes(StunMessage request) {
        List<Integer> unknown = new ArrayList<>();
        for (StunAttribute a : request.attributes()) {
            if (a instanceof OpaqueAttribute && StunAttribute.isComprehensionRequired(a.type())
                    && !AUTHENTICATION_TYPES.contains(a.type()) && !unknown.contains(a.type())) {
                unknown.add(a.type());
            }
        }
        return unknown;
    }
}
