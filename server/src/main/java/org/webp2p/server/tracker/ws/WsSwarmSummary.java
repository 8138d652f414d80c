package org.webp2p.server.tracker.ws;

/**
 * One WebSocket swarm in the live view.
 *
 * @param infoHash   as clients send it (p2p-media-loader's are 20 printable Base64 characters)
 * @param complete   peers that announced they hold everything (browsers never do)
 * @param incomplete the other peers
 */
public record WsSwarmSummary(String infoHash, int complete, int incomplete) {
    public int peers() {
        return complete + incomplete;
    }
}
