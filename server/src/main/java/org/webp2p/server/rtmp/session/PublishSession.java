package org.webp2p.server.rtmp.session;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.server.origin.LiveIngest;
import org.webp2p.server.origin.StreamBusyException;
import org.webp2p.server.rtmp.media.UnsupportedMediaException;
import org.webp2p.server.rtmp.wire.AggregateMessage;
import org.webp2p.server.rtmp.wire.ControlCodec;
import org.webp2p.server.rtmp.wire.ControlMessage;
import org.webp2p.server.rtmp.wire.RtmpMessage;
import org.webp2p.server.rtmp.wire.RtmpParams;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;
import org.webp2p.server.rtmp.wire.Violation;

/**
 * One RTMP connection after its handshake, as an encoder publishes over it: {@code connect} to the
 * {@code live} application, {@code releaseStream}, {@code FCPublish}, {@code createStream},
 * {@code publish} with {@code NAME?key=KEY}, then metadata, audio and video until {@code FCUnpublish}
 * and {@code deleteStream} or the socket closes. It answers what ffmpeg and OBS wait for, claims the
 * stream from the origin through {@link LiveIngest}, and refuses a wrong key, a stream another
 * publisher keeps live and a codec the origin does not carry with an error status the encoder shows,
 * an entry in the event log, and the connection closed.
 *
 * <p>Does no I/O: messages come in through {@link #onMessage}, go out through {@link Connection},
 * and the origin's answers come back through {@code loop}. Confined to one thread, the connection's
 * event loop, which {@code loop} must run on. However the connection ends, {@link #close} ends the
 * stream: the segment in progress is handed over, then the playlist gets its ENDLIST.
 */
public final class PublishSession {
    /** The one application publishers connect to: the server URL is {@code rtmp://HOST/live}. */
    public static final String APPLICATION = "live";

    /** What the session does to its connection. */
    public interface Connection {
        void send(RtmpMessage message);

        /** Closes the connection once what was sent is written. */
        void close();
    }

    private enum State { AWAITING_CONNECT, CONNECTED, BEGINNING, PUBLISHING, CLOSED }

    private final LiveIngest ingest;
    private final InetSocketAddress peer;
    private final Duration segmentDuration;
    private final Executor loop;
    private final Connection connection;
    private final RtmpMetrics metrics;
    private final Consumer<String> events;
    private final Clock clock;

    private State state = State.AWAITING_CONNECT;
    private int publishStreamId = RtmpParams.PUBLISH_STREAM_ID;
    private String stream;
    private CompletableFuture<Void> beginning;
    private Publication publication;
    private Instant publishedAt;
    private CompletableFuture<Void> closed;

    /**
     * @param events lines for the event log: publishes that start, end or are refused
     * @param loop   runs tasks on the thread that calls this session
     */
    public PublishSession(LiveIngest ingest, InetSocketAddress peer, Duration segmentDuration, Executor loop,
                          Connection connection, RtmpMetrics metrics, Consumer<String> events, Clock clock) {
        this.ingest = ingest;
        this.peer = peer;
        this.segmentDuration = segmentDuration;
        this.loop = loop;
        this.connection = connection;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Takes one message from the chunk stream.
     *
     * @throws RtmpProtocolException when the client breaks the protocol; the caller closes the connection
     */
    public void onMessage(RtmpMessage message) throws RtmpProtocolException {
        if (state == State.CLOSED) {
            return;
        }
        switch (message.type()) {
            case RtmpMessage.ACKNOWLEDGEMENT, RtmpMessage.WINDOW_ACK_SIZE, RtmpMessage.SET_PEER_BANDWIDTH,
                 RtmpMessage.USER_CONTROL -> control(ControlCodec.decode(message));
            case RtmpMessage.COMMAND_AMF0, RtmpMessage.COMMAND_AMF3 -> command(Commands.decode(message).orElseThrow(
                    () -> new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "a command message that is not AMF0")),
                    message.streamId());
            case RtmpMessage.AUDIO, RtmpMessage.VIDEO -> media(message);
            case RtmpMessage.AGGREGATE -> {
                for (RtmpMessage inner : AggregateMessage.split(message)) {
                    if (inner.type() == RtmpMessage.AUDIO || inner.type() == RtmpMessage.VIDEO) {
                        media(inner);
                    }
                }
            }
            case RtmpMessage.DATA_AMF0, RtmpMessage.DATA_AMF3 -> {
                // @setDataFrame onMetaData: the segmenter reads what it needs from the media itself.
            }
            default -> metrics.messageIgnored();
        }
    }

    /**
     * Ends the session for {@code reason}, counted once: the stream, if one is published, gets its last
     * segment and its ENDLIST, and the connection is closed. Later calls return the first one's future.
     *
     * @return completes when the origin has ended the stream; it never completes exceptionally
     */
    public CompletableFuture<Void> close(CloseReason reason) {
        if (closed != null) {
            return closed;
        }
        metrics.closed(reason);
        State was = state;
        state = State.CLOSED;
        CompletableFuture<Void> end;
        if (publication != null) {
            end = endPublication(words(reason));
        } else if (was == State.BEGINNING) {
            // The claim may still be granted: whoever holds it must give it back.
            String claimed = stream;
            end = beginning.handle((ok, error) -> error == null ? ingest.end(claimed) : CompletableFuture.<Void>completedFuture(null))
                    .thenCompose(f -> f);
        } else {
            end = CompletableFuture.completedFuture(null);
        }
        connection.close();
        closed = end.exceptionally(error -> null);
        return closed;
    }

    private void control(ControlMessage control) {
        // Acknowledgements and windows belong to the chunk layer, which handles them before this session.
        if (control instanceof ControlMessage.UserControl user && user.event() == ControlMessage.UserControl.PING_REQUEST) {
            connection.send(ControlCodec.encode(new ControlMessage.UserControl(ControlMessage.UserControl.PING_RESPONSE,
                    user.value())));
        }
    }

    private void command(NetConnectionCommand command, int streamId) throws RtmpProtocolException {
        double tx = command.transactionId();
        switch (command.name()) {
            case "connect" -> connect(command);
            case "releaseStream", "FCPublish" -> {
                requireConnected(command);
                answer(tx, List.of());
            }
            case "createStream" -> {
                requireConnected(command);
                answer(tx, List.of((double) RtmpParams.PUBLISH_STREAM_ID));
            }
            case "publish" -> publish(command, streamId);
            case "FCUnpublish" -> {
                answer(tx, List.of());
                unpublish();
            }
            case "deleteStream", "closeStream" -> unpublish();
            case "play", "play2" -> refuse(CloseReason.NOT_A_PUBLISHER, streamId, "NetStream.Play.Failed",
                    "this server takes publishers only: play the stream over HLS from the origin", Optional.empty());
            default -> metrics.messageIgnored();
        }
    }

    private void connect(NetConnectionCommand command) throws RtmpProtocolException {
        if (state != State.AWAITING_CONNECT) {
            throw new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "connect on a connection already connected");
        }
        String app = command.property("app").filter(String.class::isInstance).map(String.class::cast).orElse("");
        String application = app.replaceFirst("[?].*", "").replaceFirst("/+$", "");
        if (!application.equals(APPLICATION)) {
            connection.send(Commands.encode(NetConnectionCommand.connectRejected(command.transactionId(),
                    "this server has no application '" + PublishName.printable(app) + "': set the server to rtmp://HOST/live"),
                    0));
            close(CloseReason.WRONG_APPLICATION);
            return;
        }
        connection.send(ControlCodec.encode(new ControlMessage.WindowAckSize(RtmpParams.WINDOW_ACK_SIZE)));
        connection.send(ControlCodec.encode(new ControlMessage.SetPeerBandwidth(RtmpParams.WINDOW_ACK_SIZE,
                ControlMessage.SetPeerBandwidth.DYNAMIC)));
        connection.send(ControlCodec.encode(new ControlMessage.SetChunkSize(RtmpParams.OUT_CHUNK_SIZE)));
        connection.send(Commands.encode(NetConnectionCommand.connectSuccess(command.transactionId(),
                "Connection succeeded."), 0));
        state = State.CONNECTED;
    }

    private void publish(NetConnectionCommand command, int streamId) throws RtmpProtocolException {
        requireConnected(command);
        if (state != State.CONNECTED) {
            throw new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "publish while a publish is under way");
        }
        String presented = Commands.firstText(command).orElseThrow(
                () -> new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "publish without a stream name"));
        publishStreamId = streamId;
        PublishName name = PublishName.parse(presented);
        Optional<String> authorised = ingest.authorise(name.name(), name.key());
        if (authorised.isEmpty()) {
            String why = name.keyAlone() ? "no stream has this key" : "wrong key for stream " + name.shown();
            refuse(CloseReason.BAD_KEY, streamId, "NetStream.Publish.BadName", why
                    + ": set the stream key to STREAM?key=PUBLISH_KEY, or to a stream's own key",
                    Optional.of("publish from " + address() + " refused: " + why));
            return;
        }
        stream = authorised.get();
        state = State.BEGINNING;
        beginning = ingest.begin(stream, peer.getAddress());
        beginning.whenCompleteAsync((ok, error) -> begun(error), loop);
    }

    private void begun(Throwable error) {
        if (state != State.BEGINNING) {
            return; // closed meanwhile, and close() gives the claim back
        }
        if (error != null) {
            Throwable cause = unwrapped(error);
            if (cause instanceof StreamBusyException) {
                refuse(CloseReason.STREAM_BUSY, publishStreamId, "NetStream.Publish.BadName", "stream " + stream
                        + " is already being published", Optional.of(refusedTo() + "another publisher keeps it live"
                        + " and goes on undisturbed"));
            } else {
                refuse(CloseReason.INGEST_FAILED, publishStreamId, "NetStream.Publish.Failed",
                        "the origin cannot take stream " + stream + ": " + cause.getMessage(),
                        Optional.of(refusedTo() + "the origin cannot take it: " + cause.getMessage()));
            }
            return;
        }
        publication = new Publication(stream, ingest, ingest.segmentTarget(stream).orElse(segmentDuration), loop,
                this::ingestFailed, metrics);
        publishedAt = clock.instant();
        state = State.PUBLISHING;
        connection.send(ControlCodec.encode(new ControlMessage.UserControl(ControlMessage.UserControl.STREAM_BEGIN,
                publishStreamId)));
        connection.send(Commands.encode(Commands.onStatus("status", "NetStream.Publish.Start",
                stream + " is now published"), publishStreamId));
        events.accept(stream + ": publishing from " + address());
    }

    private void media(RtmpMessage message) {
        if (state != State.PUBLISHING || message.streamId() != publishStreamId) {
            metrics.framesDropped(1);
            return;
        }
        try {
            publication.media(message);
        } catch (UnsupportedMediaException e) {
            refuse(CloseReason.UNSUPPORTED_MEDIA, publishStreamId, "NetStream.Publish.Rejected", e.getMessage(),
                    Optional.of(refusedTo() + e.getMessage()));
        }
    }

    private void unpublish() {
        if (state != State.PUBLISHING) {
            return;
        }
        endPublication("unpublished");
        state = State.CONNECTED;
        connection.send(Commands.encode(Commands.onStatus("status", "NetStream.Unpublish.Success",
                stream + " is now unpublished"), publishStreamId));
    }

    private void ingestFailed(Throwable error) {
        if (state == State.PUBLISHING) {
            Throwable cause = unwrapped(error);
            String why = "the origin stopped taking stream " + stream + ": " + cause.getMessage();
            refuse(CloseReason.INGEST_FAILED, publishStreamId, "NetStream.Failed", why, Optional.of(why));
        }
    }

    private CompletableFuture<Void> endPublication(String why) {
        Publication ending = publication;
        publication = null;
        events.accept(ending.stream() + ": publish from " + address() + " ended after "
                + Duration.between(publishedAt, clock.instant()).toSeconds() + " s (" + why + ")");
        return ending.end();
    }

    /** Tells the encoder why with an error status it shows, logs it, and closes. */
    private void refuse(CloseReason reason, int streamId, String code, String description, Optional<String> logged) {
        connection.send(Commands.encode(Commands.onStatus("error", code, description), streamId));
        logged.ifPresent(events);
        close(reason);
    }

    private void answer(double transactionId, List<Object> values) {
        if (transactionId != 0) {
            connection.send(Commands.encode(Commands.result(transactionId, values), 0));
        }
    }

    private void requireConnected(NetConnectionCommand command) throws RtmpProtocolException {
        if (state == State.AWAITING_CONNECT) {
            throw new RtmpProtocolException(Violation.MALFORMED_MESSAGE, command.name() + " before connect");
        }
    }

    private static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private String refusedTo() {
        return "publish from " + address() + " to " + stream + " refused: ";
    }

    private String address() {
        return peer.getAddress().getHostAddress();
    }

    private static String words(CloseReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
