package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.util.List;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * An IHello that named someone else. {@link #redirect} answers its sender; forwarding it to the
 * wanted peer is {@link Session#forwardIHello} on that peer's session.
 */
public final class ForeignIHello {
    private final RtmfpCore core;
    private final EndpointDiscriminator discriminator;
    private final Bytes encodedDiscriminator;
    private final Bytes tag;
    private final InetSocketAddress from;
    private final int datagramLength;

    ForeignIHello(RtmfpCore core, EndpointDiscriminator discriminator, Bytes encodedDiscriminator, Bytes tag,
                  InetSocketAddress from, int datagramLength) {
        this.core = core;
        this.discriminator = discriminator;
        this.encodedDiscriminator = encodedDiscriminator;
        this.tag = tag;
        this.from = from;
        this.datagramLength = datagramLength;
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

    /** Tells the initiator to try {@code destinations} (subject to the amplification limit). */
    public void redirect(List<InetSocketAddress> destinations) {
        core.sendRedirect(this, destinations, datagramLength);
    }
}
