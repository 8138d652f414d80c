package org.webp2p.nat.responder;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.webp2p.nat.stun.DropReason;

/** What a {@link StunResponder} decided about one datagram: send a reply, or drop it. */
public sealed interface ResponderOutcome {

    /**
     * Send {@code datagram} from the socket {@code from} to {@code to}.
     *
     * @param datagram the encoded response
     * @param from the server socket that must send it (CHANGE-REQUEST may make it another one)
     * @param to the client address (RESPONSE-PORT may change its port)
     * @param kind what was answered
     */
    record Reply(byte[] datagram, SocketRole from, InetSocketAddress to, ResponseKind kind)
            implements ResponderOutcome {
        public Reply {
            Objects.requireNonNull(datagram, "datagram");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Send nothing.
     *
     * @param reason why, for counting
     */
    record Drop(DropReason reason) implements ResponderOutcome {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
