package org.webp2p.ui;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Where the console's Copy buttons put their text: the desktop's clipboard. FX thread only. */
public final class SystemClipboard {
    private SystemClipboard() {
    }

    public static void put(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
