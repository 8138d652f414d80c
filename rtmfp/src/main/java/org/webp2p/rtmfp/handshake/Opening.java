package org.webp2p.rtmfp.handshake;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.Chunk;
import org.webp2p.rtmfp.chunk.IHello;
import org.webp2p.rtmfp.chunk.IIKeying;
import org.webp2p.rtmfp.chunk.PeerAddress;
import org.webp2p.rtmfp.chunk.RHello;
import org.webp2p.rtmfp.chunk.RHelloCookieChange;
import org.webp2p.rtmfp.chunk.RIKeying;
import org.webp2p.rtmfp.chunk.Redirect;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.FlashCertificate;
import org.webp2p.rtmfp.crypto.InitiatorKeyAgreement;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * The initiator's side of one session opening (RFC 7016 §3.5.1): IHello to every candidate
 * address, IIKeying to the first valid RHello, retransmission with backoff, and the session keys
 * from RIKeying. Pure state: the caller sends what it returns.
 */
public final class Opening {
    /** Where the opening is. */
    public enum Stage { HELLO, KEYING, DONE }

    /** A startup datagram the caller should send: an IHello or IIKeying to an address. */
    public record Send(InetSocketAddress to, Chunk chunk) {
    }

    private final EndpointDiscriminator discriminator;
    private final Bytes tag;
    private final RtmfpParams params;
    private final Set<InetSocketAddress> destinations = new LinkedHashSet<>();
    private final long deadline;
    private Stage stage = Stage.HELLO;
    private long nextHelloAt;
    private long helloInterval;
    private InetSocketAddress responderAddress;
    private FlashCertificate responderCertificate;
    private InitiatorKeyAgreement agreement;
    private long nearSessionId;
    private IIKeying keying;
    private long nextKeyingAt;
    private long keyingInterval;

    public Opening(EndpointDiscriminator discriminator, Bytes tag, List<InetSocketAddress> addresses, RtmfpParams params,
                   long nowMillis) {
        this.discriminator = discriminator;
        this.tag = tag;
        this.params = params;
        this.destinations.addAll(addresses);
        this.deadline = nowMillis + params.openTimeoutMillis();
        this.helloInterval = params.ihelloInitialRetransmitMillis();
        this.nextHelloAt = nowMillis + helloInterval;
    }

    public Bytes tag() {
        return tag;
    }

    public Stage stage() {
        return stage;
    }

    public long nearSessionId() {
        return nearSessionId;
    }

    public IHello ihello() {
        return new IHello(discriminator.encode(), tag);
    }

    /** IHellos for every destination known so far. */
    public List<Send> start() {
        List<Send> out = new ArrayList<>();
        destinations.forEach(d -> out.add(new Send(d, ihello())));
        return out;
    }

    /**
     * Handles an RHello carrying our tag.
     *
     * @param sessionId a fresh non-zero session ID for us, used if the RHello is accepted
     * @return the IIKeying to send, or empty if the RHello is a duplicate or unusable
     */
    public Optional<Send> onRHello(RHello hello, InetSocketAddress from, LocalIdentity identity, SecureRandom random,
                                   long sessionId, long nowMillis) {
        if (stage != Stage.HELLO) {
            return Optional.empty();
        }
        FlashCertificate certificate;
        try {
            certificate = FlashCertificate.decode(hello.responderCertificate());
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
        if (!discriminator.selects(certificate)) {
            return Optional.empty();
        }
        Optional<InitiatorKeyAgreement> started = InitiatorKeyAgreement.start(identity, certificate,
                params.protectionPolicy(), random);
        if (started.isEmpty()) {
            return Optional.empty();
        }
        stage = Stage.KEYING;
        agreement = started.get();
        responderCertificate = certificate;
        responderAddress = from;
        nearSessionId = sessionId;
        // Flash endpoints put 'X' where a signature would go; the profile requires no signature.
        keying = new IIKeying(sessionId, hello.cookie(), identity.certificate().encoded(), agreement.component(),
                Bytes.of(new byte[] {'X'}));
        keyingInterval = params.iikeyingInitialRetransmitMillis();
        nextKeyingAt = nowMillis + keyingInterval;
        return Optional.of(new Send(from, keying));
    }

    /** New destinations from a Redirect (RFC 7016 §3.5.1.1.2), to receive IHellos now. */
    public List<Send> onRedirect(Redirect redirect) {
        List<Send> out = new ArrayList<>();
        if (stage != Stage.HELLO) {
            return out;
        }
        for (PeerAddress address : redirect.destinations()) {
            if (destinations.size() >= params.maxRedirectDestinations()) {
                break;
            }
            if (destinations.add(address.socketAddress())) {
                out.add(new Send(address.socketAddress(), ihello()));
            }
        }
        return out;
    }

    /** A Cookie Change for our cookie: retry IIKeying with the new one (RFC 7016 §3.5.1.2). */
    public Optional<Send> onCookieChange(RHelloCookieChange change) {
        if (stage != Stage.KEYING || !keying.cookieEcho().equals(change.oldCookie())) {
            return Optional.empty();
        }
        keying = new IIKeying(keying.initiatorSessionId(), change.newCookie(), keying.initiatorCertificate(),
                keying.sessionKeyComponent(), keying.signature());
        return Optional.of(new Send(responderAddress, keying));
    }

    /** True if a Cookie Change names the cookie this opening is using. */
    public boolean usesCookie(Bytes cookie) {
        return stage == Stage.KEYING && keying.cookieEcho().equals(cookie);
    }

    /** @return the session cipher, or empty if the responder's keying is unusable */
    public Optional<PacketCipher> onRIKeying(RIKeying chunk) {
        if (stage != Stage.KEYING) {
            return Optional.empty();
        }
        Optional<PacketCipher> cipher = agreement.finish(chunk.sessionKeyComponent());
        cipher.ifPresent(c -> stage = Stage.DONE);
        return cipher;
    }

    public InetSocketAddress responderAddress() {
        return responderAddress;
    }

    public FlashCertificate responderCertificate() {
        return responderCertificate;
    }

    public boolean expired(long nowMillis) {
        return nowMillis >= deadline;
    }

    /** Retransmissions due now, with the backoff of RFC 7016 §3.5.1.1 and §3.5.1.2. */
    public List<Send> retransmissions(long nowMillis) {
        List<Send> out = new ArrayList<>();
        if (stage == Stage.HELLO && nowMillis >= nextHelloAt) {
            helloInterval += params.ihelloBackoffIncrementMillis();
            nextHelloAt = nowMillis + helloInterval;
            out.addAll(start());
        } else if (stage == Stage.KEYING && nowMillis >= nextKeyingAt) {
            keyingInterval += params.iikeyingBackoffIncrementMillis();
            nextKeyingAt = nowMillis + keyingInterval;
            out.add(new Send(responderAddress, keying));
        }
        return out;
    }
}
