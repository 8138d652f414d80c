package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.RHello;
import org.webp2p.rtmfp.chunk.RHelloCookieChange;
import org.webp2p.rtmfp.chunk.RIKeying;
import org.webp2p.rtmfp.chunk.Redirect;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.FlashCertificate;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.handshake.Opening;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * The initiator side of a core (RFC 7016 §3.5.1.1.1): openings in progress, found by IHello tag
 * until an RHello is accepted and by our session ID while keying.
 */
final class Openings {
    private final RtmfpCore core;
    private final SessionTable sessions;
    private final RtmfpParams params;
    private final LocalIdentity identity;
    private final SecureRandom random;
    private final Map<Bytes, Pending> byTag = new HashMap<>();
    private final Map<Long, Pending> bySessionId = new HashMap<>();

    /** An opening with the caller's listener and future. */
    record Pending(Opening opening, SessionListener listener, CompletableFuture<Session> result) {
    }

    Openings(RtmfpCore core, SessionTable sessions, RtmfpParams params, LocalIdentity identity, SecureRandom random) {
        this.core = core;
        this.sessions = sessions;
        this.params = params;
        this.identity = identity;
        this.random = random;
    }

    void start(EndpointDiscriminator discriminator, List<InetSocketAddress> addresses, SessionListener listener,
               CompletableFuture<Session> result, long now) {
        Session existing = discriminator.peerId().map(sessions::openWithPeer).orElse(null);
        if (existing != null) {
            // RTMFP keeps one session per pair of endpoints (RFC 7016 §3.5): reuse it.
            result.complete(existing);
            return;
        }
        if (byTag.size() >= params.maxOpenings()) {
            result.completeExceptionally(new SessionOpenException("too many openings in progress"));
            return;
        }
        Bytes tag = Bytes.of(core.randomBytes(params.ihelloTagLength()));
        Opening opening = new Opening(discriminator, tag, addresses, params, now);
        byTag.put(tag, new Pending(opening, listener, result));
        opening.start().forEach(core::sendStartup);
    }

    boolean usesSessionId(long id) {
        return bySessionId.containsKey(id);
    }

    Pending bySessionId(long id) {
        return bySessionId.get(id);
    }

    void onRHello(RHello hello, InetSocketAddress from, long now) {
        Pending pending = byTag.get(hello.tagEcho());
        if (pending == null) {
            core.drop(DropReason.UNSOLICITED);
            return;
        }
        Session existing = sessions.openWith(hello.responderCertificate());
        if (existing != null && pending.opening().stage() == Opening.Stage.HELLO) {
            // The far end opened to us meanwhile (glare decided before our keying started): share it.
            forget(pending);
            pending.result().complete(existing);
            return;
        }
        long sessionId = sessions.newSessionId(random, this::usesSessionId);
        Optional<Opening.Send> keying = pending.opening().onRHello(hello, from, identity, random, sessionId, now);
        if (keying.isEmpty()) {
            if (pending.opening().stage() == Opening.Stage.HELLO) {
                core.drop(DropReason.BAD_KEYING);
            }
            return;
        }
        bySessionId.put(sessionId, pending);
        core.sendStartup(keying.get());
    }

    void onRedirect(Redirect redirect) {
        Pending pending = byTag.get(redirect.tagEcho());
        if (pending == null) {
            core.drop(DropReason.UNSOLICITED);
            return;
        }
        pending.opening().onRedirect(redirect).forEach(core::sendStartup);
    }

    void onCookieChange(RHelloCookieChange change) {
        for (Pending pending : bySessionId.values()) {
            if (pending.opening().usesCookie(change.oldCookie())) {
                pending.opening().onCookieChange(change).ifPresent(core::sendStartup);
                return;
            }
        }
        core.drop(DropReason.UNSOLICITED);
    }

    void onRIKeying(Pending pending, RIKeying keying, InetSocketAddress from) {
        Opening opening = pending.opening();
        if (opening.stage() != Opening.Stage.KEYING || !opening.responderAddress().equals(from)) {
            core.drop(DropReason.UNSOLICITED);
            return;
        }
        Optional<PacketCipher> cipher = opening.onRIKeying(keying);
        if (cipher.isEmpty()) {
            core.drop(DropReason.BAD_KEYING);
            return;
        }
        forget(pending);
        Session session = new Session(core, params, opening.nearSessionId(), keying.responderSessionId(), from,
                opening.responderCertificate(), true, cipher.get());
        session.setListener(pending.listener());
        sessions.add(session, from.getAddress());
        pending.result().complete(session);
    }

    /** Our opening that is already keying with the endpoint holding {@code certificate}, if any. */
    Pending keyingTowards(FlashCertificate certificate) {
        for (Pending pending : bySessionId.values()) {
            if (pending.opening().stage() == Opening.Stage.KEYING
                    && certificate.equals(pending.opening().responderCertificate())) {
                return pending;
            }
        }
        return null;
    }

    /** Completes an opening with a session made another way (we lost the glare). */
    void completeWith(Pending pending, Session session) {
        forget(pending);
        session.setListener(pending.listener());
        pending.result().complete(session);
    }

    boolean isEmpty() {
        return byTag.isEmpty();
    }

    /** Retransmits and expires openings (RFC 7016 §3.5.1.1.1). */
    void onTick(long now) {
        for (Pending pending : new ArrayList<>(byTag.values())) {
            if (pending.opening().expired(now)) {
                fail(pending, "no answer within " + params.openTimeoutMillis() + " ms");
            } else {
                pending.opening().retransmissions(now).forEach(core::sendStartup);
            }
        }
    }

    void failAll(String why) {
        new ArrayList<>(byTag.values()).forEach(p -> fail(p, why));
    }

    private void fail(Pending pending, String why) {
        forget(pending);
        pending.result().completeExceptionally(new SessionOpenException(why));
    }

    private void forget(Pending pending) {
        byTag.remove(pending.opening().tag());
        bySessionId.remove(pending.opening().nearSessionId());
    }
}
