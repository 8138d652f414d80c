package org.webp2p.server.rtmfp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.session.Session;

/**
 * Every peer connected to this rendezvous, by peer ID, with the session that reaches it. Written
 * on the RTMFP thread, read from any thread through {@link #snapshot()}.
 */
public final class PeerDirectory {
    private record Entry(ConnectedPeer peer, Session session) {
    }

    private final Map<PeerId, Entry> peers = new ConcurrentHashMap<>();

    /** Adds a connected peer; a reconnect under the same peer ID replaces the old session. */
    void add(ConnectedPeer peer, Session session) {
        peers.put(peer.peerId(), new Entry(peer, session));
    }

    /** Removes the peer only if {@code session} is still the one registered for it. */
    void remove(PeerId peer, Session session) {
        peers.computeIfPresent(peer, (id, entry) -> entry.session() == session ? null : entry);
    }

    void reportPrivateAddresses(PeerId peer, List<InetSocketAddress> addresses) {
        peers.computeIfPresent(peer, (id, e) -> new Entry(e.peer().withPrivateAddresses(addresses), e.session()));
    }

    /** The peer with its public address refreshed from its session (it may have moved, RFC 7016 §3.5.4.2). */
    Optional<ConnectedPeer> find(PeerId peer) {
        Entry entry = peers.get(peer);
        if (entry == null) {
            return Optional.empty();
        }
        InetSocketAddress seen = entry.session().farAddress();
        return Optional.of(seen.equals(entry.peer().publicAddress()) ? entry.peer() : entry.peer().withPublicAddress(seen));
    }

    Optional<Session> session(PeerId peer) {
        return Optional.ofNullable(peers.get(peer)).map(Entry::session);
    }

    /** The connected peer whose session comes from {@code address}, if any. */
    Optional<ConnectedPeer> at(InetSocketAddress address) {
        return peers.values().stream().filter(e -> e.session().farAddress().equals(address))
                .map(Entry::peer).findFirst();
    }

    public int size() {
        return peers.size();
    }

    /** An immutable copy for the console. */
    public List<ConnectedPeer> snapshot() {
        return peers.keySet().stream().map(this::find).flatMap(Optional::stream).toList();
    }
}
