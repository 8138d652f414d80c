package org.webp2p.rtmfp.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This endpoint's certificate and, for a static certificate, the private keys behind it.
 * The peer ID others use to find this endpoint is {@code certificate().peerId()}.
 */
public final class LocalIdentity {
    private static final int EXTRA_RANDOMNESS_LENGTH = 64;

    private final FlashCertificate certificate;
    private final List<DhGroup> groups;
    private final Map<DhGroup, DhKeyPair> staticKeys;
    private final int privateKeyBits;

    private LocalIdentity(FlashCertificate certificate, List<DhGroup> groups, Map<DhGroup, DhKeyPair> staticKeys,
                          int privateKeyBits) {
        this.certificate = certificate;
        this.groups = List.copyOf(groups);
        this.staticKeys = staticKeys;
        this.privateKeyBits = privateKeyBits;
    }

    /**
     * An identity whose DH keys are made per session (RFC 7425 §4.3). Servers use this; so can
     * peers, and it keeps RHello small.
     *
     * @param groups in order of preference
     */
    public static LocalIdentity ephemeral(List<DhGroup> groups, boolean acceptsAncillaryData, int privateKeyBits,
                                          SecureRandom random) {
        byte[] randomness = new byte[EXTRA_RANDOMNESS_LENGTH];
        random.nextBytes(randomness);
        return new LocalIdentity(FlashCertificate.ephemeral(groups, acceptsAncillaryData, randomness), groups,
                Map.of(), privateKeyBits);
    }

    /** An identity with static public keys in its certificate, the way Flash Player peers work. */
    public static LocalIdentity withStaticKeys(List<DhGroup> groups, int privateKeyBits, SecureRandom random) {
        Map<DhGroup, DhKeyPair> keys = new EnumMap<>(DhGroup.class);
        List<DhKeyPair> ordered = new ArrayList<>();
        for (DhGroup group : groups) {
            DhKeyPair pair = DhKeyPair.generate(group, privateKeyBits, random);
            keys.put(group, pair);
            ordered.add(pair);
        }
        return new LocalIdentity(FlashCertificate.withStaticKeys(ordered), groups, keys, privateKeyBits);
    }

    public FlashCertificate certificate() {
        return certificate;
    }

    public PeerId peerId() {
        return certificate.peerId();
    }

    /** Supported groups, most preferred first. */
    public List<DhGroup> groups() {
        return groups;
    }

    public Optional<DhKeyPair> staticKey(DhGroup group) {
        return Optional.ofNullable(staticKeys.get(group));
    }

    public boolean isStatic() {
        return !staticKeys.isEmpty();
    }

    /** A fresh key pair for one session. */
    public DhKeyPair newEphemeralKey(DhGroup group, SecureRandom random) {
        return DhKeyPair.generate(group, privateKeyBits, random);
    }
}
