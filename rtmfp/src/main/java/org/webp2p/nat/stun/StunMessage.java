package org.webp2p.nat.stun;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5), or a classic RFC 3489 one when its transaction ID is classic.
 * Immutable; {@link StunCodec} turns it into bytes and back.
 *
 * @param type method and class
 * @param transactionId matches a response to its request
 * @param attributes in wire order; a {@link Fingerprint}, if any, is last
 */
public record StunMessage(StunMessageType type, TransactionId transactionId, List<StunAttribute> attributes) {

    public StunMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionId, "transactionId");
        attributes = List.copyOf(attributes);
        for (int i = 0; i < attributes.size() - 1; i++) {
            if (attributes.get(i) instanceof Fingerprint) {
                throw new IllegalArgumentException("FINGERPRINT must be the last attribute");
            }
        }
    }

    /** A message with these attributes in this order. */
    public static StunMessage of(StunMessageType type, TransactionId transactionId, StunAttribute... attributes) {
        return new StunMessage(type, transactionId, List.of(attributes));
    }

    /** True for an RFC 3489 message, which has no magic cookie. */
    public boolean isClassic() {
        return transactionId.isClassic();
    }

    /** The first attribute of this kind, which is the one that counts (RFC 8489 §14). */
    public <A extends StunAttribute> Optional<A> attribute(Class<A> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** True when the last attribute is a FINGERPRINT (checked already if this message was decoded). */
    public boolean hasFingerprint() {
        return !attributes.isEmpty() && attributes.get(attributes.size() - 1) instanceof Fingerprint;
    }
}
