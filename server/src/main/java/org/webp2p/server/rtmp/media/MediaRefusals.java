package org.webp2p.server.rtmp.media;

/**
 * The words a publisher and the event log get when a stream cannot be carried: what arrived, what
 * this server takes instead, and where OBS, the encoder most operators use, sets it.
 */
final class MediaRefusals {
    private MediaRefusals() {
    }

    static UnsupportedMediaException video(String codec) {
        return new UnsupportedMediaException("the encoder sends " + codec + " video and this server carries H.264 only:"
                + " set the video encoder to H.264 (OBS: Settings > Output > Video Encoder, x264 or a hardware H.264"
                + " encoder)");
    }

    static UnsupportedMediaException audio(String codec) {
        return new UnsupportedMediaException("the encoder sends " + codec + " audio and this server carries AAC only:"
                + " set the audio encoder to AAC (OBS: Settings > Output > Audio Encoder)");
    }

    /** AAC of a kind ADTS, and so AAC in MPEG-TS, cannot frame. */
    static UnsupportedMediaException aac(String what) {
        return new UnsupportedMediaException("the encoder sends AAC " + what + ", which MPEG-TS segments cannot carry:"
                + " send AAC-LC, mono or stereo, at 44.1 or 48 kHz (OBS: Settings > Output > Audio Encoder, and"
                + " Settings > Audio > Sample Rate)");
    }

    static UnsupportedMediaException malformed(String what) {
        return new UnsupportedMediaException("the encoder sent a malformed " + what
                + "; the stream was stopped rather than passed on broken");
    }

    /** A FourCC no name is known for, printable whatever bytes it holds. */
    static String quotedFourCc(String fourCc) {
        return "'" + fourCc.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
