package org.webp2p.rtmfp.crypto;

import java.security.SecureRandom;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * The responder's half of the Flash-profile key agreement (RFC 7425 §4.6): find the
 * initiator's key, answer with ours, and derive the session cipher.
 *
 * @param component the responder session key component for RIKeying
 * @param cipher    the session's packet cipher
 */
public record ResponderKeyAgreement(Bytes component, PacketCipher cipher) {
    private static final int EXTRA_RANDOMNESS_LENGTH = 64;

    /** @return empty if the initiator's certificate or component cannot be used */
    public static Optional<ResponderKeyAgreement> respond(LocalIdentity near, FlashCertificate initiator,
                                                          Bytes initiatorComponent, SecureRandom random) {
        return respond(near, initiator, initiatorComponent, ProtectionPolicy.CHECKSUM_ONLY, random);
    }

    /** As above, asking for {@code policy}'s protections; empty if the initiator will not give them. */
    public static Optional<ResponderKeyAgreement> respond(LocalIdentity near, FlashCertificate initiator,
                                                          Bytes initiatorComponent, ProtectionPolicy policy,
                                                          SecureRandom random) {
        try {
            KeyingComponent far = KeyingComponent.parse(initiatorComponent);
            Optional<PacketProtection> protection = far.settle(policy);
            if (protection.isEmpty()) {
                return Optional.empty();
            }
            Optional<DhGroup> group = initiator.isStatic() ? far.selectedGroup() : far.ephemeralKeyGroup();
            if (group.isEmpty() || !near.groups().contains(group.get())) {
                return Optional.empty();
            }
            Optional<Bytes> farKey = initiator.isStatic()
                    ? Optional.ofNullable(initiator.staticPublicKeys().get(group.get()))
                    : far.ephemeralKey(group.get());
            if (farKey.isEmpty()) {
                return Optional.empty();
            }
            DhKeyPair nearKey;
            Bytes component;
            Optional<DhKeyPair> staticKey = near.staticKey(group.get());
            if (staticKey.isPresent()) {
                nearKey = staticKey.get();
                byte[] randomness = new byte[EXTRA_RANDOMNESS_LENGTH];
                random.nextBytes(randomness);
                component = KeyingComponent.withRandomness(randomness, policy);
            } else {
                nearKey = near.newEphemeralKey(group.get(), random);
                component = KeyingComponent.withEphemeralKey(nearKey, policy);
            }
            return nearKey.sharedSecret(farKey.get()).map(secret -> new ResponderKeyAgreement(component,
                    SessionKeys.derive(secret, component.toByteArray(), initiatorComponent.toByteArray(), protection.get())));
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
    }
}
