package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.chunk.ForwardedIHello;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.packet.Packet;

/** What a session needs from the endpoint core that owns it. */
interface SessionHost {
    long nowMillis();

    /** Runs {@code task} on the core's thread (inline if already there). */
    void execute(Runnable task);

    void send(InetSocketAddress to, long farSessionId, PacketCipher cipher, Packet packet);

    void drop(DropReason reason);

    byte[] randomBytes(int count);

    /** A Forwarded IHello arrived inside the session: answer its initiator (RFC 7016 §3.5.1.5). */
    void onForwardedIHello(Session via, ForwardedIHello chunk);

    /** The session reached its final state and must be forgotten. */
    void onSessionEnded(Session session);
}
