package org.webp2p.rtmfp.crypto;

import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.OptionList;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * The option-list session key components exchanged in IIKeying and RIKeying (RFC 7425 §4.6).
 *
 * <p>This implementation sends neither HMAC nor session-sequence negotiation options, which means
 * it will not use those packet protections; a far end that requires them is refused.
 */
final class KeyingComponent {
    static final int OPTION_EPHEMERAL_PUBLIC_KEY = 0x0d;
    static final int OPTION_EXTRA_RANDOMNESS = 0x0e;
    static final int OPTION_GROUP_SELECT = 0x1d;
    static final int OPTION_HMAC_NEGOTIATION = 0x1a;
    static final int OPTION_SSEQ_NEGOTIATION = 0x1e;
    /** "Please send always": the far end asks us for HMAC or sequence numbers. */
    private static final int NEGOTIATION_FLAG_REQUEST = 0x01;

    private final OptionList options;

    private KeyingComponent(OptionList options) {
        this.options = options;
    }

    static KeyingComponent parse(Bytes encoded) {
        return new KeyingComponent(OptionList.parse(encoded.toByteArray()));
    }

    /** An ephemeral public key in {@code group}, if the component carries one. */
    Optional<Bytes> ephemeralKey(DhGroup group) {
        for (WireOption option : options.all(OPTION_EPHEMERAL_PUBLIC_KEY)) {
            WireReader in = new WireReader(option.value());
            if (in.readVlu() == group.id()) {
                return Optional.of(Bytes.of(in.readRemaining()));
            }
        }
        return Optional.empty();
    }

    /** The first group any ephemeral key in the component is for. */
    Optional<DhGroup> ephemeralKeyGroup() {
        return options.first(OPTION_EPHEMERAL_PUBLIC_KEY).flatMap(o -> DhGroup.byId(o.leadingVlu()));
    }

    Optional<DhGroup> selectedGroup() {
        return options.first(OPTION_GROUP_SELECT).flatMap(o -> DhGroup.byId(o.leadingVlu()));
    }

    /** False if the far end requests HMAC or session sequence numbers, which we do not send. */
    boolean acceptableNegotiation() {
        return !requests(OPTION_HMAC_NEGOTIATION) && !requests(OPTION_SSEQ_NEGOTIATION);
    }

    private boolean requests(int type) {
        return options.first(type).map(o -> o.value().length > 0 && (o.value()[0] & NEGOTIATION_FLAG_REQUEST) != 0)
                .orElse(false);
    }

    static Bytes withEphemeralKey(DhKeyPair key) {
        WireWriter value = new WireWriter().writeVlu(key.group().id());
        key.publicKey().writeTo(value);
        return Bytes.of(new OptionList.Builder().add(OPTION_EPHEMERAL_PUBLIC_KEY, value.toByteArray()).build().encode());
    }

    static Bytes withGroupSelect(DhGroup group, byte[] randomness) {
        return Bytes.of(new OptionList.Builder().addVlu(OPTION_GROUP_SELECT, group.id())
                .add(OPTION_EXTRA_RANDOMNESS, randomness).build().encode());
    }

    static Bytes withRandomness(byte[] randomness) {
        return Bytes.of(new OptionList.Builder().add(OPTION_EXTRA_RANDOMNESS, randomness).build().encode());
    }
}
