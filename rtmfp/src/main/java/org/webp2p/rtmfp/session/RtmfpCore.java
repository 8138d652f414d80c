package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.webp2p.rtmfp.DropCounters;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.AddressOrigin;
import org.webp2p.rtmfp.chunk.Chunk;
import org.webp2p.rtmfp.chunk.ForwardedIHello;
import org.webp2p.rtmfp.chunk.IHello;
import org.webp2p.rtmfp.chunk.IIKeying;
import org.webp2p.rtmfp.chunk.PeerAddress;
import org.webp2p.rtmfp.chunk.RHello;
import org.webp2p.rtmfp.chunk.RHelloCookieChange;
import org.webp2p.rtmfp.chunk.RIKeying;
import org.webp2p.rtmfp.chunk.Redirect;
import org.webp2p.rtmfp.chunk.UnknownChunk;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.FlashCertificate;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.crypto.ResponderKeyAgreement;
import org.webp2p.rtmfp.handshake.HandshakeCookie;
import org.webp2p.rtmfp.handshake.Opening;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.packet.PacketMode;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * An RTMFP endpoint without I/O: it takes datagrams and clock ticks, and emits datagrams through
 * a {@link DatagramSink}. It runs the handshakes of both roles, owns the sessions, and counts
 * every datagram it drops. All of its work happens on one {@link CoreThread}: {@link #onDatagram}
 * and {@link #onTick} must be called there (they fail otherwise), and the other public methods
 * hand their work to it.
 */
public final class RtmfpCore implements SessionHost {
    /**
     * The Flash profile does not require keying signatures; Flash endpoints send the single byte
     * 'X' where a signature would go, and so do we.
     */
    static final Bytes FLASH_SIGNATURE = Bytes.of(new byte[] {'X'});
    private final RtmfpParams params;
    private final LocalIdentity identity;
    private final LongSupplier clock;
    private final DatagramSink sink;
    private final CoreThread thread;
    private final SecureRandom random;
    private final PacketCipher startupCipher = PacketCipher.defaultCipher();
    private final HandshakeCookie cookies;
    private final DropCounters drops = new DropCounters();
    private final SessionTable sessions;
    private final HandshakeRate handshakeRate;
    private final Openings openings;
    private final Map<Bytes, AnsweredKeying> answeredKeyings = new HashMap<>();
    private volatile IHelloHandler ihelloHandler;
    private volatile HelloAdmission helloAdmission = HelloAdmission.ANSWER_ALL;
    private volatile IncomingSessionHandler incomingSessionHandler = session -> { };

    /** What we answered an IIKeying with, to answer its retransmissions the same way. */
    private record AnsweredKeying(Session session, long initiatorSessionId, RIKeying reply, long expiresAt) {
    }

    /**
     * @param clock    milliseconds, monotonic
     * @param thread the single thread all core work runs on
     */
    public RtmfpCore(RtmfpParams params, LocalIdentity identity, LongSupplier clock, DatagramSink sink, CoreThread thread,
                     SecureRandom random) {
        this.params = params;
        this.identity = identity;
        this.clock = clock;
        this.sink = sink;
        this.thread = thread;
        this.random = random;
        this.cookies = new HandshakeCookie(random, params.cookieLifetimeMillis());
        this.sessions = new SessionTable(params);
        this.handshakeRate = new HandshakeRate(params, random);
        this.openings = new Openings(this, sessions, params, identity, random);
    }

    public LocalIdentity identity() {
        return identity;
    }

    public RtmfpParams params() {
        return params;
    }

    public DropCounters drops() {
        return drops;
    }

    /** A snapshot of the current sessions; safe from any thread. */
    public List<Session> sessions() {
        return sessions.snapshot();
    }

    /** Sees IHellos for other endpoints (rendezvous); without one they are dropped as NOT_FOR_US. */
    public void setIHelloHandler(IHelloHandler handler) {
        this.ihelloHandler = handler;
    }

    /** Decides whether IHellos addressed to us are answered here or redirected (load balancing). */
    public void setHelloAdmission(HelloAdmission admission) {
        this.helloAdmission = admission;
    }

    /** Called for every session a far end opens to us, before it can deliver anything. */
    public void setIncomingSessionHandler(IncomingSessionHandler handler) {
        this.incomingSessionHandler = handler;
    }

    /**
     * Opens a session to whoever {@code discriminator} names, sending IHellos to {@code addresses}
     * (a server, or a rendezvous that redirects to a peer). If a session with that peer ID is
     * already open it is returned as it is, keeping its listener.
     *
     * @param listener installed on a new session before it can receive anything
     */
    public CompletableFuture<Session> open(EndpointDiscriminator discriminator, List<InetSocketAddress> addresses,
                                           SessionListener listener) {
        CompletableFuture<Session> result = new CompletableFuture<>();
        execute(() -> openings.start(discriminator, addresses, listener, result, nowMillis()));
        return result;
    }

    /**
     * Ends every session (sending each far end one close request) and every opening.
     *
     * @return completes once done on the core's thread
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            sessions.snapshot().forEach(Session::terminateWithNotice);
            openings.failAll("endpoint shut down");
            done.complete(null);
        });
        return done;
    }

    /** One datagram from the network. Never throws on bad input: it is counted and dropped. */
    public void onDatagram(InetSocketAddress from, byte[] datagram) {
        requireCoreThread("onDatagram");
        try {
            dispatch(from, datagram);
        } catch (MalformedInputException e) {
            drops.increment(DropReason.MALFORMED);
        }
    }

    private void dispatch(InetSocketAddress from, byte[] datagram) {
        long sessionId = DatagramCodec.sessionIdOf(datagram);
        if (sessionId < 0) {
            drops.increment(DropReason.TOO_SHORT);
            return;
        }
        long now = nowMillis();
        if (sessionId == 0) {
            Optional<Packet> packet = DatagramCodec.decode(datagram, startupCipher);
            if (packet.isEmpty()) {
                drops.increment(DropReason.BAD_CHECKSUM);
            } else {
                onStartupPacket(packet.get(), from, datagram.length, now);
            }
            return;
        }
        Session session = sessions.get(sessionId);
        if (session != null) {
            Optional<Packet> packet = DatagramCodec.decode(datagram, session.cipher());
            if (packet.isEmpty()) {
                drops.increment(DropReason.BAD_CHECKSUM);
            } else {
                session.onPacket(packet.get(), from, now);
            }
            return;
        }
        Openings.Pending pending = openings.bySessionId(sessionId);
        if (pending == null) {
            drops.increment(DropReason.UNKNOWN_SESSION);
            return;
        }
        Optional<Packet> packet = DatagramCodec.decode(datagram, startupCipher);
        if (packet.isEmpty()) {
            drops.increment(DropReason.BAD_CHECKSUM);
            return;
        }
        if (packet.get().mode() != PacketMode.STARTUP) {
            drops.increment(DropReason.UNEXPECTED_CHUNK);
            return;
        }
        // Addressed to an opening of ours: only the responder's keying answers belong here.
        for (Chunk chunk : packet.get().chunks()) {
            if (chunk instanceof RIKeying keying) {
                openings.onRIKeying(pending, keying, from);
            } else if (chunk instanceof RHelloCookieChange change) {
                openings.onCookieChange(change);
            } else if (!(chunk instanceof UnknownChunk)) {
                drops.increment(DropReason.UNEXPECTED_CHUNK);
            }
        }
    }

    private void onStartupPacket(Packet packet, InetSocketAddress from, int datagramLength, long now) {
        if (packet.mode() != PacketMode.STARTUP) {
            drops.increment(DropReason.UNEXPECTED_CHUNK);
            return;
        }
        AnswerBudget budget = new AnswerBudget(datagramLength, params.maxHelloAmplification());
        for (Chunk chunk : packet.chunks()) {
            if (chunk instanceof IHello hello) {
                onIHello(hello, from, budget, now);
            } else if (chunk instanceof RHello hello) {
                openings.onRHello(hello, from, now);
            } else if (chunk instanceof Redirect redirect) {
                openings.onRedirect(redirect);
            } else if (chunk instanceof IIKeying keying) {
                onIIKeying(keying, from, budget, now);
            } else if (chunk instanceof RHelloCookieChange change) {
                openings.onCookieChange(change);
            } else if (!(chunk instanceof UnknownChunk)) {
                // Unknown chunk types are ignored (RFC 7016 §2.3); known ones out of place are counted.
                drops.increment(DropReason.UNEXPECTED_CHUNK);
            }
        }
    }

    // ---- responder side

    private void onIHello(IHello hello, InetSocketAddress from, AnswerBudget budget, long now) {
        Optional<EndpointDiscriminator> discriminator = EndpointDiscriminator.decode(hello.endpointDiscriminator());
        if (discriminator.isEmpty()) {
            drops.increment(DropReason.MALFORMED);
            return;
        }
        if (!budget.takeHello()) {
            drops.increment(DropReason.AMPLIFICATION_LIMIT);
            return;
        }
        if (discriminator.get().selects(identity.certificate())) {
            if (!handshakeRate.tryAcquire(from.getAddress(), now)) {
                drops.increment(DropReason.RATE_LIMIT);
                return;
            }
            List<InetSocketAddress> elsewhere = helloAdmission.redirectFor(from);
            if (elsewhere.isEmpty()) {
                sendRHello(from, hello.tag(), budget, now);
            } else {
                sendRedirect(from, hello.tag(), elsewhere, budget);
            }
            return;
        }
        IHelloHandler handler = ihelloHandler;
        if (handler == null) {
            drops.increment(DropReason.NOT_FOR_US);
            return;
        }
        ForeignIHello foreign = new ForeignIHello(this, discriminator.get(), hello.endpointDiscriminator(), hello.tag(),
                from, budget);
        UserCallbacks.run("IHello", () -> handler.onIHello(foreign));
    }

    private void sendRHello(InetSocketAddress to, Bytes tag, AnswerBudget budget, long now) {
        RHello answer = new RHello(tag, cookies.mint(to, tag, now), identity.certificate().encoded());
        sendAnswer(to, 0, answer, budget);
    }

    void sendRedirect(ForeignIHello hello, List<InetSocketAddress> destinations, AnswerBudget budget) {
        execute(() -> sendRedirect(hello.from(), hello.tag(), destinations, budget));
    }

    /**
     * A Redirect no larger than the IHello that asked for it: the destinations, in their order of
     * preference, as many as fit.
     */
    private void sendRedirect(InetSocketAddress to, Bytes tag, List<InetSocketAddress> destinations, AnswerBudget budget) {
        List<PeerAddress> addresses = new ArrayList<>(destinations.stream()
                .limit(params.maxRedirectDestinations())
                .map(a -> new PeerAddress(a, AddressOrigin.OBSERVED)).toList());
        while (!addresses.isEmpty()) {
            Packet packet = Packet.startup(List.of(new Redirect(tag, addresses)));
            if (budget.spendAtMostProvoking(DatagramCodec.encodedLength(packet, startupCipher))) {
                sink.send(to, DatagramCodec.encode(0, packet, startupCipher));
                return;
            }
            addresses.remove(addresses.size() - 1);
        }
        drops.increment(DropReason.AMPLIFICATION_LIMIT);
    }

    void forwardIHello(ForeignIHello hello, Session target, AnswerBudget budget) {
        execute(() -> target.forwardIHello(new ForwardedIHello(hello.encodedDiscriminator(),
                new PeerAddress(hello.from(), AddressOrigin.OBSERVED), hello.tag()), budget));
    }

    /** Refused an introduction: counted, and nothing is sent. */
    void refuseIntroduction() {
        drops.increment(DropReason.INTRODUCTION_REFUSED);
    }

    @Override
    public void onForwardedIHello(Session via, ForwardedIHello chunk) {
        Optional<EndpointDiscriminator> discriminator = EndpointDiscriminator.decode(chunk.endpointDiscriminator());
        if (discriminator.isEmpty() || !discriminator.get().selects(identity.certificate())) {
            drops.increment(DropReason.NOT_FOR_US);
            return;
        }
        // The RHello goes straight to the initiator, which also opens our NAT towards it.
        sendRHello(chunk.replyAddress().socketAddress(), chunk.tag(), AnswerBudget.unlimited(), nowMillis());
    }

    private void onIIKeying(IIKeying keying, InetSocketAddress from, AnswerBudget budget, long now) {
        HandshakeCookie.Verdict verdict = cookies.verify(keying.cookieEcho(), from, now);
        if (verdict == HandshakeCookie.Verdict.INVALID) {
            drops.increment(DropReason.BAD_COOKIE);
            return;
        }
        if (verdict == HandshakeCookie.Verdict.ADDRESS_CHANGED) {
            // The initiator's address changed since our RHello (NAT rebinding): offer a cookie for the new one.
            Bytes reissued = cookies.reissue(keying.cookieEcho(), from);
            sendAnswer(from, keying.initiatorSessionId(), new RHelloCookieChange(keying.cookieEcho(), reissued), budget);
            return;
        }
        AnsweredKeying answered = answeredKeyings.get(keying.cookieEcho());
        if (answered != null) {
            if (answered.initiatorSessionId() == keying.initiatorSessionId()
                    && answered.session().state() != SessionState.CLOSED) {
                sendAnswer(from, keying.initiatorSessionId(), answered.reply(), budget);
            } else {
                drops.increment(DropReason.BAD_COOKIE);
            }
            return;
        }
        if (sessions.full(from.getAddress())) {
            drops.increment(DropReason.RESOURCE_LIMIT);
            return;
        }
        FlashCertificate initiatorCertificate;
        try {
            initiatorCertificate = FlashCertificate.decode(keying.initiatorCertificate());
        } catch (MalformedInputException e) {
            drops.increment(DropReason.BAD_KEYING);
            return;
        }
        Openings.Pending glare = openings.keyingTowards(initiatorCertificate);
        if (glare != null && nearWinsGlare(initiatorCertificate)) {
            // Both ends opened at once; ours prevails and the far end will answer our IIKeying.
            return;
        }
        Optional<ResponderKeyAgreement> agreement = ResponderKeyAgreement.respond(identity, initiatorCertificate,
                keying.sessionKeyComponent(), params.protectionPolicy(), random);
        if (agreement.isEmpty()) {
            drops.increment(DropReason.BAD_KEYING);
            return;
        }
        long nearId = sessions.newSessionId(random, openings::usesSessionId);
        RIKeying reply = new RIKeying(nearId, agreement.get().component(), FLASH_SIGNATURE);
        byte[] answer = DatagramCodec.encode(keying.initiatorSessionId(), Packet.startup(List.of(reply)), startupCipher);
        if (!budget.spend(answer.length)) {
            drops.increment(DropReason.AMPLIFICATION_LIMIT);
            return;
        }
        Session session = new Session(this, params, nearId, keying.initiatorSessionId(), from, initiatorCertificate,
                false, agreement.get().cipher());
        sessions.add(session, from.getAddress());
        answeredKeyings.put(keying.cookieEcho(),
                new AnsweredKeying(session, keying.initiatorSessionId(), reply, now + 2 * params.cookieLifetimeMillis()));
        if (glare != null) {
            // We lost the glare: our opening is satisfied by the far end's session instead.
            openings.completeWith(glare, session);
        } else {
            UserCallbacks.run("incoming session", () -> incomingSessionHandler.onSession(session));
        }
        sink.send(from, answer);
    }

    /**
     * Glare (RFC 7016 §3.5.1.3): when two endpoints open to each other at once, the Flash profile
     * lets the one whose certificate sorts lower as unsigned bytes prevail (RFC 7425 §4.3.6), so
     * both ends, ours or another implementation, agree on one session.
     */
    private boolean nearWinsGlare(FlashCertificate far) {
        return far.encoded().compareTo(identity.certificate().encoded()) >= 0;
    }

    // ---- shared

    /** Drives every timer; the adapter calls it every few milliseconds. */
    public void onTick() {
        requireCoreThread("onTick");
        long now = nowMillis();
        openings.onTick(now);
        for (Session session : sessions.live()) {
            session.onTick(now);
        }
        Iterator<AnsweredKeying> answered = answeredKeyings.values().iterator();
        while (answered.hasNext()) {
            AnsweredKeying entry = answered.next();
            if (now >= entry.expiresAt() || entry.session().state() == SessionState.CLOSED) {
                answered.remove();
            }
        }
    }

    /**
     * Whether a tick has nothing to do: no opening, no session, no keying answer kept for
     * retransmissions. Only a datagram in or out ends that, so a driver may stop ticking until one.
     * Call on the core thread.
     */
    public boolean idle() {
        requireCoreThread("idle");
        return openings.isEmpty() && sessions.isEmpty() && answeredKeyings.isEmpty();
    }

    @Override
    public void onSessionEnded(Session session) {
        sessions.remove(session);
    }

    void sendStartup(Opening.Send send) {
        // Our IHellos leave a rendezvous room to answer within their size (see RtmfpParams.ihelloMinimumLength).
        int minimumLength = send.chunk() instanceof IHello ? params.ihelloMinimumLength() : 0;
        sink.send(send.to(), DatagramCodec.encode(0, Packet.startup(List.of(send.chunk())), startupCipher, minimumLength));
    }

    /** Sends an answer to a startup datagram if it fits in what that datagram allows. */
    private void sendAnswer(InetSocketAddress to, long sessionId, Chunk chunk, AnswerBudget budget) {
        byte[] datagram = DatagramCodec.encode(sessionId, Packet.startup(List.of(chunk)), startupCipher);
        if (budget.spend(datagram.length)) {
            sink.send(to, datagram);
        } else {
            drops.increment(DropReason.AMPLIFICATION_LIMIT);
        }
    }

    @Override
    public long nowMillis() {
        return clock.getAsLong();
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    private void requireCoreThread(String entry) {
        if (!thread.isCurrent()) {
            throw new IllegalStateException(entry + " must run on the RTMFP core's thread, not "
                    + Thread.currentThread().getName());
        }
    }

    @Override
    public void send(InetSocketAddress to, long farSessionId, PacketCipher cipher, Packet packet) {
        sink.send(to, DatagramCodec.encode(farSessionId, packet, cipher));
    }

    @Override
    public void drop(DropReason reason) {
        drops.increment(reason);
    }

    @Override
    public byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
