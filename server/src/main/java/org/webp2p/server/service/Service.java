package org.webp2p.server.service;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The one lifecycle every service implements, so the console and headless mode drive all of them
 * the same way. The {@link ServiceManager} owns the state machine and calls these from one thread at
 * a time; an implementation only binds, serves and releases.
 */
public interface Service {

    /** Stable name, also the configuration prefix: {@code origin}, {@code api}, ... */
    String name();

    /** Services that must be running before this one starts (and are stopped after it). */
    default List<String> dependencies() {
        return List.of();
    }

    /**
     * Binds and starts serving; returns once ready. A failure (port in use, bad setting) is thrown
     * with a message an operator can act on; the manager records it and leaves the service FAILED.
     */
    void start(ServiceContext context) throws Exception;

    /** Stops serving and frees every port before returning. Safe to call when not started. */
    void stop() throws Exception;

    /** The addresses actually bound (ephemeral ports resolved), empty when stopped. */
    List<InetSocketAddress> boundAddresses();

    /** Counters and gauges for the console; must be cheap and thread-safe. */
    default Map<String, Number> metrics() {
        return Map.of();
    }
}
