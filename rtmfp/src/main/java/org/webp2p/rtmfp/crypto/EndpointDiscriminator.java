package org.webp2p.rtmfp.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.OptionList;

/**
 * Whom an IHello is for (RFC 7425 §4.4): a peer ID, a server URI ("ancillary data", e.g.
 * {@code rtmfp://host/app}), and/or a required hostname. At least one is present.
 */
public record EndpointDiscriminator(Optional<PeerId> peerId, Optional<String> ancillaryData,
                                    Optional<String> requiredHostname) {
    static final int OPTION_REQUIRED_HOSTNAME = 0x00;
    static final int OPTION_ANCILLARY_DATA = 0x0a;
    static final int OPTION_PEER_ID = 0x0f;

    public EndpointDiscriminator {
        Objects.requireNonNull(peerId);
        Objects.requireNonNull(ancillaryData);
        Objects.requireNonNull(requiredHostname);
        if (peerId.isEmpty() && ancillaryData.isEmpty() && requiredHostname.isEmpty()) {
            throw new IllegalArgumentException("an EPD names at least one thing");
        }
    }

    /** The EPD Flash uses to reach a peer by its ID. */
    public static EndpointDiscriminator forPeer(PeerId peerId) {
        return new EndpointDiscriminator(Optional.of(peerId), Optional.empty(), Optional.empty());
    }

    /** The EPD Flash uses to reach a server by its URI. */
    public static EndpointDiscriminator forServer(String uri) {
        return new EndpointDiscriminator(Optional.empty(), Optional.of(uri), Optional.empty());
    }

    public Bytes encode() {
        OptionList.Builder builder = new OptionList.Builder();
        peerId.ifPresent(id -> builder.add(OPTION_PEER_ID, id.value().toByteArray()));
        ancillaryData.ifPresent(a -> builder.add(OPTION_ANCILLARY_DATA, a.getBytes(StandardCharsets.UTF_8)));
        requiredHostname.ifPresent(h -> builder.add(OPTION_REQUIRED_HOSTNAME, h.getBytes(StandardCharsets.UTF_8)));
        return Bytes.of(builder.build().encode());
    }

    /**
     * Parses an EPD.
     *
     * @return empty if the bytes are not an option list naming anything (a wrong-length peer ID included)
     */
    public static Optional<EndpointDiscriminator> decode(Bytes encoded) {
        OptionList options;
        try {
            options = OptionList.parse(encoded.toByteArray());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        Optional<byte[]> id = options.first(OPTION_PEER_ID).map(o -> o.value());
        if (id.isPresent() && id.get().length != PeerId.LENGTH) {
            return Optional.empty();
        }
        Optional<String> ancillary = options.first(OPTION_ANCILLARY_DATA).map(o -> utf8(o.value()));
        Optional<String> hostname = options.first(OPTION_REQUIRED_HOSTNAME).map(o -> utf8(o.value()));
        if (id.isEmpty() && ancillary.isEmpty() && hostname.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointDiscriminator(id.map(b -> new PeerId(Bytes.of(b))), ancillary, hostname));
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True if an endpoint holding {@code certificate} is the one this EPD asks for (RFC 7425 §4.4). */
    public boolean selects(FlashCertificate certificate) {
        if (peerId.isPresent()) {
            return peerId.get().equals(certificate.peerId());
        }
        if (requiredHostname.isPresent() && !requiredHostname.equals(certificate.hostname())) {
            return false;
        }
        return ancillaryData.isEmpty() || certificate.acceptsAncillaryData();
    }
}
