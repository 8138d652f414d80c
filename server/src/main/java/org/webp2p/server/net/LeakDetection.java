package org.webp2p.server.net;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detector, on by default, records a stack trace for about one buffer in 128: 2%
 * of the WebSocket tracker's event loop time under load. Tests keep it, to catch leaks where they are
 * made; a production node turns it off unless the operator asks for it with
 * {@code -Dio.netty.leakDetection.level=simple} (or {@code advanced}, {@code paranoid}) in JAVA_OPTS.
 */
public final class LeakDetection {
    private static final String LEVEL = "io.netty.leakDetection.level";

    private LeakDetection() {
    }

    /** Call first thing in a production main, before any buffer is allocated. */
    public static void offUnlessAsked() {
        if (System.getProperty(LEVEL) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
