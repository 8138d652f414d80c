package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.util.List;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * An IHello that named someone else, for a rendezvous to introduce its sender to the wanted peer
 * (RFC 7016 §3.5.1.5): {@link #forwardTo} that peer's session and {@link #redirect} the sender to
 * the peer's addresses, or {@link #refuse} it. Neither answer is larger than the IHello's
 * datagram, and only one IHello per datagram is answered, so a sender with a forged source address
 * gains nothing by making us talk to its victim; what does not fit is counted as
 * {@link org.webp2p.rtmfp.DropReason#AMPLIFICATION_LIMIT}.
 */
public final class ForeignIHello {
    private final RtmfpCore core;
    private final EndpointDiscriminator discriminator;
    private final Bytes encodedDiscriminator;
    private final Bytes tag;
    private final InetSocketAddress from;
    private final AnswerBudget budget;

    ForeignIHello(RtmfpCore core, EndpointDiscriminator discriminator, Bytes encodedDiscriminator, Bytes tag,
                  InetSocketAddress from, AnswerBudget budget) {
        this.core = core;
        this.discriminator = discriminator;
        this.encodedDiscriminator = encodedDiscriminator;
        this.tag = tag;
        this.from = from;
        this.budget = budget;
    }

    public EndpointDiscriminator discriminator() {
        return discriminator;
    }

    /** The discriminator as received, to pass on unchanged in a Forwarded IHello. */
    public Bytes encodedDiscriminator() {
        return encodedDiscriminator;
    }

    public Bytes tag() {
        return tag;
    }

    /** The initiator's address as we see it (its public address behind a NAT). */
    public InetSocketAddress from() {
        return from;
    }

    /**
     * Tells the initiator to try {@code destinations}, most preferred first: as many as fit in a
     * Redirect no larger than the IHello.
     */
    public void redirect(List<InetSocketAddress> destinations) {
        core.sendRedirect(this, destinations, budget);
    }

    /**
     * Relays the IHello to the far end of {@code target}, which then answers the initiator
     * directly: the rendezvous step of peer introduction. Sent alone in one packet, and only if
     * that is no larger than the IHello.
     */
    public void forwardTo(Session target) {
        core.forwardIHello(this, target, budget);
    }

    /** Introduces no one: counted as {@link org.webp2p.rtmfp.DropReason#INTRODUCTION_REFUSED}. */
    public void refuse() {
        core.refuseIntroduction();
    }
}
