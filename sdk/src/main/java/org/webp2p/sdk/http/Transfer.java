package org.webp2p.sdk.http;

/**
 * A download under way: what it has received so far, and the way to give it up. The ABR's watch sees
 * downloads only through this, which keeps it free of Netty and testable on a fake clock.
 */
public interface Transfer {
    /** Bytes of the body received so far. */
    long bodyBytes();

    /** The body's whole length, or -1 while unknown. */
    long expectedBytes();

    /** Stops it: the rest of its bytes would take the link from the copy that replaces it. */
    void abandon();
}
