package org.webp2p.app;

/** Exit codes of every command; README.md documents them. */
final class ExitCodes {
    /** Ran and stopped cleanly (including on SIGTERM or Ctrl-C). */
    static final int OK = 0;
    /**
     * Could not run: the store would not open, a file could not be read, every enabled service of a
     * headless node failed to start; {@code status}: the node could not be reached.
     */
    static final int FAILURE = 1;
    /** Bad command line or configuration; the message says which key or option and why. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
