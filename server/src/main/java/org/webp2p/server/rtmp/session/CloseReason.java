package org.webp2p.server.rtmp.session;

/** Why a connection ended, each counted apart in the service's metrics as {@code closed.<reason>}. */
public enum CloseReason {
    /** The client closed its socket, after unpublishing or not. */
    CLIENT_CLOSED,
    /** The client broke the protocol; which way is counted as a {@code Violation}. */
    PROTOCOL_VIOLATION,
    /** The handshake was not over within {@code rtmp.handshake-timeout}. */
    HANDSHAKE_TIMEOUT,
    /** Nothing came for {@code rtmp.idle-timeout}. */
    IDLE_TIMEOUT,
    /** More connections were open than {@code rtmp.max-connections}. */
    TOO_MANY_CONNECTIONS,
    /** {@code connect} named an application other than {@code live}. */
    WRONG_APPLICATION,
    /** The stream name and key did not match (NetStream.Publish.BadName). */
    BAD_KEY,
    /** Another publisher keeps the stream live (NetStream.Publish.BadName). */
    STREAM_BUSY,
    /** The encoder sends a codec or format the origin does not carry. */
    UNSUPPORTED_MEDIA,
    /** The client asked to play; this service only takes publishers. */
    NOT_A_PUBLISHER,
    /** The origin could not take the stream (it stopped, say). */
    INGEST_FAILED,
    /** The service stopped. */
    SERVICE_STOPPING,
    /** A fault in our own code; logged, and only this connection lost. */
    INTERNAL_ERROR
}
