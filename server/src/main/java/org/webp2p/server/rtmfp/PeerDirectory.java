package org.webp2p.server.rtmfp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.session.Session;

/**
 * Every peer connected to this rendezvous, by peer ID, with the session that reaches it, and by
 * the address that session comes from. Written on the RTMFP thread, read from any thread through
 * {@link #snapshot()}.
 */
public final class PeerDirectory {
    private record Entry(ConnectedPeer peer, Session session) {
    }

    private final Map<PeerId, Entry> peers = new ConcurrentHashMap<>();
    /** So that every IHello's sender is checked without a scan of all peers. */
    private final Map<InetSocketAddress, PeerId> byAddress = new ConcurrentHashMap<>();

    /** Adds a connected peer; a reconnect under the same peer ID replaces the old session. */
    void add(ConnectedPeer peer, Session session) {
        Entry replaced = peers.put(peer.peerId(), new Entry(peer, session));
        if (replaced != null) {
            byAddress.remove(replaced.session().farAddress(), peer.peerId());
        }
        byAddress.put(session.farAddress(), peer.peerId());
    }

    /** Removes the peer only if {@code session} is still the one registered for it. */
    void remove(PeerId peer, Session session) {
        Entry entry = peers.get(peer);
        if (entry != null && entry.session() == session) {
            peers.remove(peer);
            byAddress.remove(session.farAddress(), peer);
        }
    }

    /** The peer's session now comes from another address. */
    void moved(PeerId peer, Session session, InetSocketAddress previous) {
        Entry entry = peers.get(peer);
        if (entry != null && entry.session() == session) {
            byAddress.remove(previous, peer);
            byAddress.put(session.farAddress(), peer);
        }
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
        PeerId peer = byAddress.get(address);
        return peer == null ? Optional.empty() : find(peer).filter(p -> p.publicAddress().equals(address));
    }

    public int size() {
        return peers.size();
    }

    /** An immutable copy for the console. */
    public List<ConnectedPeer> snapshot() {
        return peers.keySet().stream().map(this::find).flatMap(Optional::stream).toList();
    }
}
