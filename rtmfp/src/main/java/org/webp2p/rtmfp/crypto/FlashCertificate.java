package org.webp2p.rtmfp.crypto;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.OptionList;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * A Flash-profile certificate (RFC 7425 §4.3): an option list naming the endpoint's DH groups.
 *
 * <p>An ephemeral certificate lists supported groups (keys come in the keying exchange); a static
 * one carries public keys, as Flash Player peers do. The peer ID is the SHA-256 of the options
 * before the first marker.
 */
public final class FlashCertificate {
    static final int OPTION_HOSTNAME = 0x00;
    static final int OPTION_ACCEPTS_ANCILLARY_DATA = 0x0a;
    static final int OPTION_EXTRA_RANDOMNESS = 0x0e;
    static final int OPTION_SUPPORTED_GROUP = 0x15;
    static final int OPTION_STATIC_PUBLIC_KEY = 0x1d;

    private final Bytes encoded;
    private final OptionList options;
    private final PeerId peerId;

    private FlashCertificate(Bytes encoded) {
        this.encoded = encoded;
        byte[] raw = encoded.toByteArray();
        this.options = OptionList.parse(raw);
        this.peerId = new PeerId(Bytes.of(Sha256.digest(raw, 0, OptionList.canonicalLength(raw))));
        boolean ephemeral = !options.all(OPTION_SUPPORTED_GROUP).isEmpty();
        boolean isStatic = !options.all(OPTION_STATIC_PUBLIC_KEY).isEmpty();
        if (ephemeral == isStatic) {
            throw new MalformedInputException("certificate must list groups or static keys, not both or neither");
        }
    }

    /**
     * Parses a certificate received from the network.
     *
     * @throws MalformedInputException if it is not a valid Flash-profile certificate
     */
    public static FlashCertificate decode(Bytes encoded) {
        return new FlashCertificate(Objects.requireNonNull(encoded));
    }

    /** A server- or peer-style certificate whose DH keys are made per session. */
    public static FlashCertificate ephemeral(List<DhGroup> groups, boolean acceptsAncillaryData, byte[] randomness) {
        OptionList.Builder builder = new OptionList.Builder();
        if (acceptsAncillaryData) {
            builder.add(OPTION_ACCEPTS_ANCILLARY_DATA, new byte[0]);
        }
        groups.forEach(g -> builder.addVlu(OPTION_SUPPORTED_GROUP, g.id()));
        builder.add(OPTION_EXTRA_RANDOMNESS, randomness);
        return new FlashCertificate(Bytes.of(builder.build().encode()));
    }

    /** A certificate carrying static public keys, one per group, as Flash Player peers use. */
    public static FlashCertificate withStaticKeys(List<DhKeyPair> keys) {
        OptionList.Builder builder = new OptionList.Builder();
        for (DhKeyPair key : keys) {
            WireWriter value = new WireWriter().writeVlu(key.group().id());
            key.publicKey().writeTo(value);
            builder.add(OPTION_STATIC_PUBLIC_KEY, value.toByteArray());
        }
        return new FlashCertificate(Bytes.of(builder.build().encode()));
    }

    public Bytes encoded() {
        return encoded;
    }

    public PeerId peerId() {
        return peerId;
    }

    public boolean isStatic() {
        return !options.all(OPTION_STATIC_PUBLIC_KEY).isEmpty();
    }

    public boolean acceptsAncillaryData() {
        return options.first(OPTION_ACCEPTS_ANCILLARY_DATA).isPresent();
    }

    public Optional<String> hostname() {
        return options.first(OPTION_HOSTNAME).map(o -> new String(o.value(), StandardCharsets.UTF_8));
    }

    /** Static public keys by group, in certificate order. */
    public Map<DhGroup, Bytes> staticPublicKeys() {
        Map<DhGroup, Bytes> keys = new LinkedHashMap<>();
        for (WireOption option : options.all(OPTION_STATIC_PUBLIC_KEY)) {
            WireReader in = new WireReader(option.value());
            long groupId = in.readVlu();
            byte[] key = in.readRemaining();
            DhGroup.byId(groupId).ifPresent(g -> keys.putIfAbsent(g, Bytes.of(key)));
        }
        return keys;
    }

    /** True if the far end can use {@code group}. */
    public boolean supports(DhGroup group) {
        if (isStatic()) {
            return staticPublicKeys().containsKey(group);
        }
        return options.all(OPTION_SUPPORTED_GROUP).stream().anyMatch(o -> o.leadingVlu() == group.id());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlashCertificate other && other.encoded.equals(encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public String toString() {
        return "FlashCertificate[" + peerId + (isStatic() ? ", static" : ", ephemeral") + "]";
    }
}
