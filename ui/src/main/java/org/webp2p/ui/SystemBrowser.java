package org.webp2p.ui;

import javafx.application.HostServices;

/**
 * Where the console opens web pages: the desktop's own browser, through JavaFX's
 * {@link HostServices}. Tests hand the console one that records what it would have opened.
 */
@FunctionalInterface
public interface SystemBrowser {
    /** Opens {@code url}; may block for a moment (it starts a process), so call it off the FX thread. */
    void open(String url);

    static SystemBrowser of(HostServices host) {
        return host::showDocument;
    }
}
