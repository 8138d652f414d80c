package org.webp2p.protocol.admin;

/** Where a service is in its lifecycle. */
public enum ServiceState {
    STOPPED, STARTING, RUNNING, STOPPING, FAILED;

    public boolean isActive() {
        return this == STARTING || this == RUNNING;
    }
}
