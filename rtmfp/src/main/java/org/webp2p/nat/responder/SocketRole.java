package org.webp2p.nat.responder;

/**
 * Which of a STUN server's sockets a datagram arrived on or leaves from: primary or alternate IP
 * address crossed with primary or alternate port (RFC 5780 §4.1 calls them PA/AA and PP/AP).
 */
public enum SocketRole {
    /** Primary address, primary port: where clients start. */
    PRIMARY(false, false),
    /** Primary address, alternate port. */
    ALTERNATE_PORT(false, true),
    /** Alternate address, primary port. */
    ALTERNATE_ADDRESS(true, false),
    /** Alternate address, alternate port. */
    ALTERNATE_BOTH(true, true);

    private final boolean alternateAddress;
    private final boolean alternatePort;

    SocketRole(boolean alternateAddress, boolean alternatePort) {
        this.alternateAddress = alternateAddress;
        this.alternatePort = alternatePort;
    }

    /** True when this socket is on the alternate IP address. */
    public boolean alternateAddress() {
        return alternateAddress;
    }

    /** True when this socket is on the alternate port. */
    public boolean alternatePort() {
        return alternatePort;
    }

    /** The role on these address and port sides. */
    public static SocketRole of(boolean alternateAddress, boolean alternatePort) {
        for (SocketRole role : values()) {
            if (role.alternateAddress == alternateAddress && role.alternatePort == alternatePort) {
                return role;
            }
        }
        throw new AssertionError("all four combinations exist");
    }

    /** The socket that answers a CHANGE-REQUEST with these flags: each flag crosses to the other side. */
    public SocketRole changed(boolean changeAddress, boolean changePort) {
        return of(alternateAddress ^ changeAddress, alternatePort ^ changePort);
    }
}
