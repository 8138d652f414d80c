package org.webp2p.nat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.webp2p.nat.client.RetransmissionPolicy;
import org.webp2p.nat.client.StunClient;
import org.webp2p.nat.client.StunExchange;
import org.webp2p.nat.client.StunResponse;
import org.webp2p.nat.stun.AddressAttribute;
import org.webp2p.nat.stun.ChangeRequest;
import org.webp2p.nat.stun.MappedAddress;
import org.webp2p.nat.stun.OtherAddress;
import org.webp2p.nat.stun.StunAttribute;
import org.webp2p.nat.stun.StunClass;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;
import org.webp2p.nat.stun.XorMappedAddress;
import org.webp2p.nat.transport.DatagramTransport;

/**
 * Finds the NAT in front of a socket with the behaviour-discovery tests of RFC 5780 §4 against one
 * server that has a second port and, ideally, a second address (its OTHER-ADDRESS).
 *
 * <p>Filtering is probed before mapping on purpose: the mapping tests send to the server's other
 * address, which would open a restricted NAT to exactly the endpoints the filtering tests answer from
 * and make every NAT look like a full cone. The logic runs over a {@link StunExchange}, so it is
 * tested without sockets and used for real through {@link #over}.
 */
public final class NatClassifier {
    private final StunExchange exchange;
    private final InetSocketAddress localAddress;

    /**
     * @param exchange runs the STUN transactions, all from the same local socket
     * @param localAddress that socket's address, to recognise "no NAT"
     */
    public NatClassifier(StunExchange exchange, InetSocketAddress localAddress) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
    }

    /**
     * A classifier for a socket, running each test as a {@link StunClient} transaction. The socket
     * should be bound to a specific address: a wildcard one never equals a mapped address, so "no
     * NAT" could not be recognised.
     */
    public static NatClassifier over(DatagramTransport transport, RetransmissionPolicy policy) {
        return new NatClassifier(new StunClient(transport, policy), transport.localAddress());
    }

    /** Runs the tests against {@code server} (its primary address and port). */
    public NatReport classify(InetSocketAddress server) throws IOException {
        Optional<StunMessage> first = success(server);
        if (first.isEmpty()) {
            return NatReport.blocked();
        }
        Optional<InetSocketAddress> mapped = mappedAddress(first.get());
        Optional<InetSocketAddress> other = first.get().attribute(OtherAddress.class).map(AddressAttribute::address);
        if (mapped.isEmpty()) {
            return new NatReport(NatType.UNKNOWN, MappingBehaviour.UNDETERMINED, FilteringBehaviour.UNDETERMINED,
                    null);
        }
        if (mapped.get().equals(localAddress)) {
            FilteringBehaviour filtering = other.isPresent() ? filtering(server, other.get()) :
                    FilteringBehaviour.UNDETERMINED;
            return new NatReport(NatType.OPEN, MappingBehaviour.NO_NAT, filtering, mapped.get());
        }
        if (other.isEmpty()) {
            return new NatReport(NatType.UNKNOWN, MappingBehaviour.UNDETERMINED, FilteringBehaviour.UNDETERMINED,
                    mapped.get());
        }
        FilteringBehaviour filtering = filtering(server, other.get());
        MappingBehaviour mapping = mapping(server, other.get(), mapped.get());
        return new NatReport(NatType.of(mapping, filtering), mapping, filtering, mapped.get());
    }

    /** RFC 5780 §4.4: ask for answers from the other address and port, then from the other port only. */
    private FilteringBehaviour filtering(InetSocketAddress server, InetSocketAddress other) throws IOException {
        boolean canChangeAddress = !other.getAddress().equals(server.getAddress());
        if (canChangeAddress) {
            Optional<StunResponse> both = answered(server, new ChangeRequest(true, true));
            if (both.isPresent()) {
                return cameFromElsewhere(both.get(), server)
                        ? FilteringBehaviour.ENDPOINT_INDEPENDENT : FilteringBehaviour.UNDETERMINED;
            }
        }
        Optional<StunResponse> port = answered(server, new ChangeRequest(false, true));
        if (port.isEmpty()) {
            return FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT;
        }
        if (!cameFromElsewhere(port.get(), server) || !canChangeAddress) {
            // Without an address change nobody can tell endpoint-independent from address-dependent.
            return FilteringBehaviour.UNDETERMINED;
        }
        return FilteringBehaviour.ADDRESS_DEPENDENT;
    }

    /**
     * RFC 5780 §4.3: compare the mapping seen from the other address (primary port), then from the
     * other address and port. A server with one address only allows the port comparison.
     */
    private MappingBehaviour mapping(InetSocketAddress server, InetSocketAddress other, InetSocketAddress first)
            throws IOException {
        boolean canChangeAddress = !other.getAddress().equals(server.getAddress());
        InetSocketAddress previous = first;
        if (canChangeAddress) {
            Optional<InetSocketAddress> viaOtherAddress = mapped(new InetSocketAddress(other.getAddress(),
                    server.getPort()));
            if (viaOtherAddress.isEmpty()) {
                return MappingBehaviour.UNDETERMINED;
            }
            if (viaOtherAddress.get().equals(first)) {
                return MappingBehaviour.ENDPOINT_INDEPENDENT;
            }
            previous = viaOtherAddress.get();
        }
        Optional<InetSocketAddress> viaOther = mapped(other);
        if (viaOther.isEmpty()) {
            return MappingBehaviour.UNDETERMINED;
        }
        if (viaOther.get().equals(previous)) {
            return canChangeAddress ? MappingBehaviour.ADDRESS_DEPENDENT : MappingBehaviour.ENDPOINT_INDEPENDENT;
        }
        return MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT;
    }

    private Optional<InetSocketAddress> mapped(InetSocketAddress server) throws IOException {
        return success(server).flatMap(NatClassifier::mappedAddress);
    }

    private Optional<StunResponse> answered(InetSocketAddress server, StunAttribute... attributes)
            throws IOException {
        StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(), attributes);
        return exchange.exchange(server, request)
                .filter(r -> r.message().type().messageClass() == StunClass.SUCCESS_RESPONSE);
    }

    private Optional<StunMessage> success(InetSocketAddress server) throws IOException {
        return answered(server).map(StunResponse::message);
    }

    private static boolean cameFromElsewhere(StunResponse response, InetSocketAddress server) {
        // A server that ignores CHANGE-REQUEST answers from where it was asked; that proves nothing.
        return !response.from().equals(server);
    }

    private static Optional<InetSocketAddress> mappedAddress(StunMessage response) {
        Optional<InetSocketAddress> xor = response.attribute(XorMappedAddress.class).map(AddressAttribute::address);
        return xor.isPresent() ? xor : response.attribute(MappedAddress.class).map(AddressAttribute::address);
    }
}
