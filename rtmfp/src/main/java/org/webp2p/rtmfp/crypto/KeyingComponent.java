package org.webp2p.rtmfp.crypto;

import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.OptionList;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * The option-list session key components exchanged in IIKeying and RIKeying (RFC 7425 §4.6),
 * including the negotiation of HMAC and session sequence numbers.
 */
final class KeyingComponent {
    static final int OPTION_EPHEMERAL_PUBLIC_KEY = 0x0d;
    static final int OPTION_EXTRA_RANDOMNESS = 0x0e;
    static final int OPTION_GROUP_SELECT = 0x1d;
    static final int OPTION_HMAC_NEGOTIATION = 0x1a;
    static final int OPTION_SSEQ_NEGOTIATION = 0x1e;

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

    /** The packet protections this component, as the far end's, settles with our policy. */
    Optional<PacketProtection> settle(ProtectionPolicy near) {
        int hmacFlags = 0;
        int hmacLength = 0;
        Optional<WireOption> hmac = options.first(OPTION_HMAC_NEGOTIATION);
        if (hmac.isPresent() && hmac.get().value().length > 0) {
            WireReader in = new WireReader(hmac.get().value());
            hmacFlags = in.readU8();
            hmacLength = in.hasRemaining() ? in.readVluInt() : 0;
        }
        int sequenceFlags = options.first(OPTION_SSEQ_NEGOTIATION)
                .filter(o -> o.value().length > 0).map(o -> o.value()[0] & 0xff).orElse(0);
        return PacketProtection.settle(near, hmacFlags, hmacLength, sequenceFlags);
    }

    /** Our negotiation options: we send either protection on request, and request what the policy says. */
    private static void negotiation(ProtectionPolicy policy, OptionList.Builder builder) {
        int hmacFlags = PacketProtection.FLAG_SEND_ON_REQUEST | (policy.requireHmac() ? PacketProtection.FLAG_REQUEST : 0);
        builder.add(OPTION_HMAC_NEGOTIATION, new WireWriter().writeU8(hmacFlags).writeVlu(policy.hmacLength()).toByteArray());
        int sequenceFlags = PacketProtection.FLAG_SEND_ON_REQUEST | (policy.requireSequence() ? PacketProtection.FLAG_REQUEST : 0);
        builder.add(OPTION_SSEQ_NEGOTIATION, new byte[] {(byte) sequenceFlags});
    }

    static Bytes withEphemeralKey(DhKeyPair key, ProtectionPolicy policy) {
        WireWriter value = new WireWriter().writeVlu(key.group().id());
        key.publicKey().writeTo(value);
        OptionList.Builder builder = new OptionList.Builder().add(OPTION_EPHEMERAL_PUBLIC_KEY, value.toByteArray());
        negotiation(policy, builder);
        return Bytes.of(builder.build().encode());
    }

    static Bytes withGroupSelect(DhGroup group, byte[] randomness, ProtectionPolicy policy) {
        OptionList.Builder builder = new OptionList.Builder().addVlu(OPTION_GROUP_SELECT, group.id())
                .add(OPTION_EXTRA_RANDOMNESS, randomness);
        negotiation(policy, builder);
        return Bytes.of(builder.build().encode());
    }

    static Bytes withRandomness(byte[] randomness, ProtectionPolicy policy) {
        OptionList.Builder builder = new OptionList.Builder().add(OPTION_EXTRA_RANDOMNESS, randomness);
        negotiation(policy, builder);
        return Bytes.of(builder.build().encode());
    }
}
