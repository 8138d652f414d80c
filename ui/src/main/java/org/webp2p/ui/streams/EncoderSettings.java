package org.webp2p.ui.streams;

import java.util.Optional;
import org.webp2p.protocol.admin.NodeState.OriginAccess;

/**
 * What an encoder needs to publish one stream to this node: the URL ffmpeg pushes HLS to over HTTP,
 * and the server and stream key OBS publishes to over RTMP.
 *
 * @param rtmpServer    what OBS calls the Server ({@code rtmp://HOST:PORT/live}); empty while the RTMP
 *                      service is stopped
 * @param rtmpStreamKey what OBS calls the Stream key ({@code STREAM?key=KEY}); whenever rtmpServer is there
 */
public record EncoderSettings(String publishUrl, Optional<String> rtmpServer, Optional<String> rtmpStreamKey) {

    public static EncoderSettings of(OriginAccess origin, String stream) {
        Optional<String> rtmp = Optional.ofNullable(origin.rtmpUrl());
        return new EncoderSettings(origin.publishUrl(stream), rtmp, rtmp.map(r -> origin.rtmpStreamKey(stream)));
    }

    /** The ffmpeg command line that publishes {@code INPUT} (a file, a camera) to {@code publishUrl}. */
    public static String ffmpegCommand(String publishUrl) {
        return "ffmpeg -re -i INPUT -c:v libx264 -c:a aac -f hls -hls_time 2 -method PUT \"" + publishUrl + "\"";
    }

    public String ffmpegCommand() {
        return ffmpegCommand(publishUrl);
    }
}
