package org.webp2p.app;

import java.net.InetSocketAddress;

/** One real request to a running service that shows it answers as it should. */
interface ServiceProbe {

    /**
     * Sends the request to {@code address} and waits for the answer.
     *
     * @return what was seen, for the report line
     * @throws ProbeFailure when the service answered wrongly or not at all
     */
    String probe(InetSocketAddress address) throws ProbeFailure;

    /** The service did not answer as it should; the message says what was seen instead. */
    final class ProbeFailure extends Exception {
        ProbeFailure(String message) {
            super(message);
        }
    }
}
