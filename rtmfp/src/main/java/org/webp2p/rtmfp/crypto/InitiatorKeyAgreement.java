package org.webp2p.rtmfp.crypto;

import java.security.SecureRandom;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * The initiator's half of the Flash-profile key agreement (RFC 7425 §4.6): pick a group
 * both certificates support, offer a key (or select our static one), then combine with the reply.
 */
public final class InitiatorKeyAgreement {
    private static final int EXTRA_RANDOMNESS_LENGTH = 64;

    private final FlashCertificate responder;
    private final ProtectionPolicy policy;
    private final DhGroup group;
    private final DhKeyPair nearKey;
    private final Bytes component;

    private InitiatorKeyAgreement(FlashCertificate responder, ProtectionPolicy policy, DhGroup group, DhKeyPair nearKey,
                                  Bytes component) {
        this.responder = responder;
        this.policy = policy;
        this.group = group;
        this.nearKey = nearKey;
        this.component = component;
    }

    /** @return empty if the two certificates share no DH group */
    public static Optional<InitiatorKeyAgreement> start(LocalIdentity near, FlashCertificate responder,
                                                        SecureRandom random) {
        return start(near, responder, ProtectionPolicy.CHECKSUM_ONLY, random);
    }

    /** As {@link #start(LocalIdentity, FlashCertificate, SecureRandom)}, asking for {@code policy}'s protections. */
    public static Optional<InitiatorKeyAgreement> start(LocalIdentity near, FlashCertificate responder,
                                                        ProtectionPolicy policy, SecureRandom random) {
        for (DhGroup group : near.groups()) {
            if (!responder.supports(group)) {
                continue;
            }
            Optional<DhKeyPair> staticKey = near.staticKey(group);
            if (staticKey.isPresent()) {
                byte[] randomness = new byte[EXTRA_RANDOMNESS_LENGTH];
                random.nextBytes(randomness);
                return Optional.of(new InitiatorKeyAgreement(responder, policy, group, staticKey.get(),
                        KeyingComponent.withGroupSelect(group, randomness, policy)));
            }
            DhKeyPair ephemeral = near.newEphemeralKey(group, random);
            return Optional.of(new InitiatorKeyAgreement(responder, policy, group, ephemeral,
                    KeyingComponent.withEphemeralKey(ephemeral, policy)));
        }
        return Optional.empty();
    }

    /** The initiator session key component for IIKeying. */
    public Bytes component() {
        return component;
    }

    public DhGroup group() {
        return group;
    }

    /** @return the session cipher, or empty if the responder's component is unusable or refuses our policy */
    public Optional<PacketCipher> finish(Bytes responderComponent) {
        try {
            KeyingComponent far = KeyingComponent.parse(responderComponent);
            Optional<PacketProtection> protection = far.settle(policy);
            if (protection.isEmpty()) {
                return Optional.empty();
            }
            Optional<Bytes> farKey = responder.isStatic()
                    ? Optional.ofNullable(responder.staticPublicKeys().get(group))
                    : far.ephemeralKey(group);
            return farKey.flatMap(nearKey::sharedSecret).map(secret ->
                    SessionKeys.derive(secret, component.toByteArray(), responderComponent.toByteArray(), protection.get()));
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
    }
}
