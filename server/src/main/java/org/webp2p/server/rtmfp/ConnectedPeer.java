package org.webp2p.server.rtmfp;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.crypto.PeerId;

/**
 * One connected peer as the console and introductions see it.
 *
 * @param publicAddress    where the server sees the peer's session (its NAT's mapping)
 * @param privateAddresses what the peer reported with {@code setPeerInfo}, in its order
 */
public record ConnectedPeer(PeerId peerId, String stream, NatType natType, InetSocketAddress publicAddress,
                            List<InetSocketAddress> privateAddresses, Instant connectedAt) {
    public ConnectedPeer {
        Objects.requireNonNull(peerId);
        Objects.requireNonNull(stream);
        Objects.requireNonNull(natType);
        Objects.requireNonNull(publicAddress);
        privateAddresses = List.copyOf(privateAddresses);
        Objects.requireNonNull(connectedAt);
    }

    /** Where others should try the peer: public first, then each private one not already listed. */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> all = new ArrayList<>();
        all.add(publicAddress);
        privateAddresses.stream().filter(a -> !all.contains(a)).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * Where a peer seen at {@code asker} should try this one: {@link #addresses()}, but the private
     * ones first when both are behind the same public address, since a NAT does not hairpin.
     */
    public List<InetSocketAddress> addressesFor(InetSocketAddress asker) {
        if (!asker.getAddress().equals(publicAddress.getAddress())) {
            return addresses();
        }
        List<InetSocketAddress> all = new ArrayList<>(privateAddresses);
        if (!all.contains(publicAddress)) {
            all.add(publicAddress);
        }
        return List.copyOf(all);
    }

    ConnectedPeer withPrivateAddresses(List<InetSocketAddress> reported) {
        return new ConnectedPeer(peerId, stream, natType, publicAddress, reported, connectedAt);
    }

    ConnectedPeer withPublicAddress(InetSocketAddress seen) {
        return new ConnectedPeer(peerId, stream, natType, seen, privateAddresses, connectedAt);
    }
}
