package org.webp2p.ui.streams;

import org.webp2p.protocol.admin.StreamStats;

/**
 * The HTML an operator pastes into their own site to play a stream with the node's player, as
 * docs/player.md documents it, with this node's real addresses.
 */
final class EmbedSnippet {
    private EmbedSnippet() {
    }

    /**
     * @param originUrl the origin's base URL, which serves the script
     * @param apiUrl    the API's base URL, which the player asks for a session
     * @param stream    a name the player page takes (letters, digits, {@code _} and {@code -}), so it
     *                  needs no escaping inside the script's string
     * @param open      whether the stream plays without a token; otherwise the snippet says where the
     *                  site gets one
     */
    static String html(String originUrl, String apiUrl, String stream, boolean open) {
        String token = open ? "" : "    token: \"TOKEN\",   // from your backend: webp2p token --stream " + stream
                + " --ttl 1h\n";
        return "<video id=\"live\" controls playsinline style=\"width: 100%\"></video>\n"
                + "<script src=\"" + originUrl + StreamStats.PLAYER_PREFIX + StreamStats.PLAYER_SCRIPT + "\"></script>\n"
                + "<script>\n"
                + "  WebP2P.attach(document.getElementById(\"live\"), {\n"
                + "    stream: \"" + stream + "\",\n"
                + token
                + "    api: \"" + apiUrl + "\",\n"
                + "  });\n"
                + "</script>\n";
    }
}
