package org.webp2p.ui.streams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.SystemBrowser;

/**
 * Opens a stream's player page in the desktop's browser: as it is for a stream open to all, else
 * with a day's token the node signs for it, so the page plays at once either way.
 */
public final class PlayerPageOpener {
    private final NodeModel node;
    private final SystemBrowser browser;

    public PlayerPageOpener(NodeModel node, SystemBrowser browser) {
        this.node = node;
        this.browser = browser;
    }

    /**
     * Opens {@code page}, the player page of {@code stream}, off the FX thread.
     *
     * @return the address handed to the browser, or why the browser could not take it; a token the
     *         node fails to sign is reported as a command failure and leaves it incomplete
     */
    public CompletableFuture<String> open(String stream, String page, boolean open) {
        CompletableFuture<String> address = new CompletableFuture<>();
        if (open) {
            address.complete(page);
        } else {
            node.playbackToken(stream, token -> address.complete(page + "?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        }
        return address.thenApplyAsync(url -> {
            browser.open(url);
            return url;
        });
    }
}
