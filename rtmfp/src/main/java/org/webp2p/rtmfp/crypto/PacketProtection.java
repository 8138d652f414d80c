package org.webp2p.rtmfp.crypto;

import java.util.Optional;

/**
 * The per-direction packet protections two endpoints settled on (RFC 7425 §4.6): whether each
 * direction carries an HMAC (instead of the checksum) and session sequence numbers.
 *
 * @param hmacOut        we append an HMAC of {@code hmacOutLength} bytes
 * @param hmacOutLength  our HMAC length
 * @param hmacIn         the far end appends an HMAC of {@code hmacInLength} bytes
 * @param hmacInLength   the far end's HMAC length
 * @param sequenceOut    we number our packets
 * @param sequenceIn     the far end numbers its packets
 */
public record PacketProtection(boolean hmacOut, int hmacOutLength, boolean hmacIn, int hmacInLength,
                               boolean sequenceOut, boolean sequenceIn) {
    /** Checksums both ways, nothing else: the default-key startup packets and most Flash sessions. */
    public static final PacketProtection NONE = new PacketProtection(false, 0, false, 0, false, false);

    /** "Will send always": the sender adds it to every packet. */
    static final int FLAG_SEND_ALWAYS = 0x04;
    /** "Will send on request". */
    static final int FLAG_SEND_ON_REQUEST = 0x02;
    /** "Request": the sender of the option wants the other end to send it. */
    static final int FLAG_REQUEST = 0x01;

    /**
     * Settles the protections from our policy and the far end's negotiation flags (0 when it sent
     * no option). Empty if we require something the far end will not send.
     */
    static Optional<PacketProtection> settle(ProtectionPolicy near, int farHmacFlags, int farHmacLength,
                                             int farSequenceFlags) {
        boolean farSendsHmac = (farHmacFlags & (FLAG_SEND_ALWAYS | FLAG_SEND_ON_REQUEST)) != 0;
        boolean farSendsSequence = (farSequenceFlags & (FLAG_SEND_ALWAYS | FLAG_SEND_ON_REQUEST)) != 0;
        if ((near.requireHmac() && !farSendsHmac) || (near.requireSequence() && !farSendsSequence)) {
            return Optional.empty();
        }
        boolean hmacIn = (farHmacFlags & FLAG_SEND_ALWAYS) != 0 || near.requireHmac();
        if (hmacIn && (farHmacLength < ProtectionPolicy.MIN_HMAC_LENGTH || farHmacLength > ProtectionPolicy.MAX_HMAC_LENGTH)) {
            return Optional.empty();
        }
        boolean hmacOut = (farHmacFlags & FLAG_REQUEST) != 0;
        boolean sequenceIn = (farSequenceFlags & FLAG_SEND_ALWAYS) != 0 || near.requireSequence();
        boolean sequenceOut = (farSequenceFlags & FLAG_REQUEST) != 0;
        return Optional.of(new PacketProtection(hmacOut, hmacOut ? near.hmacLength() : 0, hmacIn,
                hmacIn ? farHmacLength : 0, sequenceOut, sequenceIn));
    }
}
