package org.webp2p.server.rtmfp;

import java.util.Optional;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.session.ForeignIHello;
import org.webp2p.rtmfp.session.IHelloHandler;
import org.webp2p.rtmfp.session.Session;

/**
 * Introduces peers (RFC 7016 §3.5.1.5): an IHello naming a connected peer's ID is forwarded to
 * that peer, which answers the initiator directly and so opens its NAT towards it, and the
 * initiator is redirected to the peer's addresses: public first, then private, unless both come
 * from the same public address (one NAT, which will not hairpin), where the private ones lead.
 *
 * <p>Only a sender this node admitted (its address has a session whose {@code connect} passed
 * the gate) is introduced: anyone else could forge the IHello's source address and have the node
 * and its peers send to an address of their choosing.
 */
final class Introducer implements IHelloHandler {
    private final PeerDirectory directory;
    private final IntroductionCounters counters;

    Introducer(PeerDirectory directory, IntroductionCounters counters) {
        this.directory = directory;
        this.counters = counters;
    }

    @Override
    public void onIHello(ForeignIHello hello) {
        Optional<PeerId> wanted = hello.discriminator().peerId();
        Optional<ConnectedPeer> target = wanted.flatMap(directory::find);
        Optional<Session> targetSession = wanted.flatMap(directory::session);
        if (target.isEmpty() || targetSession.isEmpty()) {
            counters.unknownTarget();
            return;
        }
        Optional<ConnectedPeer> initiator = directory.at(hello.from());
        if (initiator.isEmpty()) {
            hello.refuse();
            return;
        }
        // Counted first: once the datagrams are out the peers may meet before this thread runs on.
        counters.attempted(initiator.get().natType(), target.get().natType());
        hello.forwardTo(targetSession.get());
        hello.redirect(target.get().addressesFor(initiator.get().publicAddress()));
    }
}
