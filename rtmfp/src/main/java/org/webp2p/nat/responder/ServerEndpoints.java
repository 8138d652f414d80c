package org.webp2p.nat.responder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transport addresses of a STUN server: a primary address and port, always an alternate port, and
 * optionally an alternate address. With the alternate address there are four sockets; without it,
 * two, and the server can change only ports.
 *
 * @param primary primary address and port; a wildcard address means the server cannot tell clients
 *     which address it answers from
 * @param alternatePort the second port, different from the primary one
 * @param alternateAddress the second IP address, or null
 */
public record ServerEndpoints(InetSocketAddress primary, int alternatePort, @Nullable InetAddress alternateAddress) {

    public ServerEndpoints {
        Objects.requireNonNull(primary, "primary");
        if (primary.isUnresolved()) {
            throw new IllegalArgumentException("primary address must be resolved: " + primary);
        }
        if (alternatePort < 1 || alternatePort > 0xFFFF || alternatePort == primary.getPort()) {
            throw new IllegalArgumentException("alternate port must be a port other than the primary one: "
                    + alternatePort);
        }
        if (alternateAddress != null && alternateAddress.equals(primary.getAddress())) {
            throw new IllegalArgumentException("alternate address equals the primary one");
        }
    }

    /** True when the server can answer from another IP address (CHANGE-REQUEST flag A). */
    public boolean canChangeAddress() {
        return alternateAddress != null;
    }

    /** True when the server knows the address it binds and can tell clients (RESPONSE-ORIGIN). */
    public boolean isSpecific() {
        return !primary.getAddress().isAnyLocalAddress();
    }

    /** The sockets this server has, primary first. */
    public List<SocketRole> roles() {
        List<SocketRole> roles = new ArrayList<>(List.of(SocketRole.PRIMARY, SocketRole.ALTERNATE_PORT));
        if (canChangeAddress()) {
            roles.add(SocketRole.ALTERNATE_ADDRESS);
            roles.add(SocketRole.ALTERNATE_BOTH);
        }
        return roles;
    }

    /** The transport address of a socket role. */
    public InetSocketAddress address(SocketRole role) {
        if (role.alternateAddress() && alternateAddress == null) {
            throw new IllegalArgumentException("no alternate address for " + role);
        }
        InetAddress ip = role.alternateAddress() ? alternateAddress : primary.getAddress();
        return new InetSocketAddress(ip, role.alternatePort() ? alternatePort : primary.getPort());
    }

    /** The socket across from {@code role}: other address (if any) and other port (OTHER-ADDRESS). */
    public SocketRole other(SocketRole role) {
        return role.changed(canChangeAddress(), true);
    }
}
