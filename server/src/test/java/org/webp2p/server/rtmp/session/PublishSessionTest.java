package org.webp2p.server.rtmp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.server.HostTools;
import org.webp2p.server.MutableClock;
import org.webp2p.server.TestNode;
import org.webp2p.server.origin.LiveIngest;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.media.FlvFile;
import org.webp2p.server.rtmp.wire.ControlCodec;
import org.webp2p.server.rtmp.wire.ControlMessage;
import org.webp2p.server.rtmp.wire.RtmpMessage;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;
import org.webp2p.server.rtmp.wire.Violation;

/**
 * The session driven message by message as ffmpeg and OBS publish, against a real origin on
 * loopback whose playlists are read over HTTP; the origin's answers come back through a loop the
 * test runs, as the connection's event loop would.
 */
class PublishSessionTest {
    private static final String KEY = "publish-key-for-rtmp";
    private static final String STUDIO_KEY = "studio-own-key";
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50000);
    private static List<FlvFile.Tag> clip;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final RtmpMetrics metrics = new RtmpMetrics();
    private final List<String> events = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> loop = new ConcurrentLinkedQueue<>();
    private TestNode node;
    private LiveIngest ingest;

    /** One connection as the session sees it. */
    private final class Client implements PublishSession.Connection {
        final List<RtmpMessage> sent = new ArrayList<>();
        boolean closed;
        final PublishSession session = new PublishSession(ingest, PEER, Duration.ofSeconds(2), loop::add, this, metrics,
                events::add, clock);

        @Override
        public void send(RtmpMessage message) {
            sent.add(message);
        }

        @Override
        public void close() {
            closed = true;
        }

        void command(String name, double tx, int streamId, Object object, Object... args) throws RtmpProtocolException {
            session.onMessage(Commands.encode(new NetConnectionCommand(name, tx, object, Arrays.asList(args)), streamId));
        }

        void connect() throws RtmpProtocolException {
            command("connect", 1, 0, Map.of("app", "live", "type", "nonprivate", "tcUrl", "rtmp://127.0.0.1/live"));
        }

        /** What OBS sends after connect, up to the origin's answer to publish. */
        void publish(String name) throws RtmpProtocolException {
            connect();
            command("releaseStream", 2, 0, null, name);
            command("FCPublish", 3, 0, null, name);
            command("createStream", 4, 0, null);
            command("publish", 5, 1, null, name, "live");
            runLoopUntil(() -> closed || statuses().stream().anyMatch(s -> s.startsWith("NetStream.Publish.Start")));
        }

        void media(List<FlvFile.Tag> tags) throws RtmpProtocolException {
            for (FlvFile.Tag tag : tags) {
                session.onMessage(new RtmpMessage(tag.type(), tag.timestamp(), 1, tag.body()));
            }
        }

        List<NetConnectionCommand> commands() {
            return sent.stream().filter(m -> m.type() == RtmpMessage.COMMAND_AMF0)
                    .map(m -> Commands.decode(m).orElseThrow()).toList();
        }

        /** Each onStatus as "code: description". */
        List<String> statuses() {
            return commands().stream().filter(c -> c.name().equals("onStatus")).map(c -> {
                Map<?, ?> info = (Map<?, ?>) c.arguments().get(0);
                return info.get("code") + ": " + info.get("description");
            }).toList();
        }

        List<ControlMessage> controls() {
            List<ControlMessage> out = new ArrayList<>();
            for (RtmpMessage m : sent) {
                if (m.control()) {
                    try {
                        out.add(ControlCodec.decode(m));
                    } catch (RtmpProtocolException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            return out;
        }
    }

    @BeforeAll
    static void makeClip(@TempDir Path clipDir) throws Exception {
        HostTools.require("the RTMP session test", HostTools.runs("ffmpeg", "-version") ? List.of()
                : List.of("ffmpeg (apt-get install -y ffmpeg)"));
        clip = FlvFile.read(FlvFile.make(clipDir, 6, List.of()));
    }

    @BeforeEach
    void startOrigin() throws Exception {
        node = TestNode.open(Map.of("origin.publish-key", KEY, "origin.stream.studio.key", STUDIO_KEY,
                "api.enabled", "false", "tracker.enabled", "false", "pingback.enabled", "false", "admin.enabled", "false",
                "rendezvous.enabled", "false", "stun.enabled", "false"), clock);
        node.runtime().services().start(OriginService.NAME);
        ingest = node.runtime().services().service(OriginService.NAME, OriginService.class).liveIngest();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private void runLoopUntil(BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (Runnable task = loop.poll(); task != null; task = loop.poll()) {
                task.run();
            }
            return done.getAsBoolean();
        });
    }

    private String playlist(String stream) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + node.address(OriginService.NAME).getPort() + "/live/" + stream
                + "/index.m3u8");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "";
    }

    private void awaitPlaylist(String stream, String... contains) {
        runLoopUntil(() -> {
            try {
                String text = playlist(stream);
                return Arrays.stream(contains).allMatch(text::contains);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void connectIsAnsweredWithTheWindowTheBandwidthTheChunkSizeAndSuccess() throws Exception {
        Client obs = new Client();
        obs.connect();

        assertThat(obs.controls()).containsExactly(new ControlMessage.WindowAckSize(2_500_000),
                new ControlMessage.SetPeerBandwidth(2_500_000, 2), new ControlMessage.SetChunkSize(4096));
        NetConnectionCommand result = obs.commands().get(0);
        assertThat(result.name()).isEqualTo("_result");
        assertThat(result.transactionId()).isEqualTo(1);
        assertThat(result.statusCode()).contains("NetConnection.Connect.Success");
    }

    @Test
    void anotherApplicationIsRejectedSayingWhichServerUrlToSet() throws Exception {
        Client client = new Client();
        client.command("connect", 1, 0, Map.of("app", "app/inst"));

        NetConnectionCommand error = client.commands().get(0);
        assertThat(error.name()).isEqualTo("_error");
        assertThat(error.statusCode()).contains("NetConnection.Connect.Rejected");
        assertThat(error.arguments().get(0).toString()).contains("rtmp://HOST/live");
        assertThat(client.closed).isTrue();
        assertThat(metrics.closedFor(CloseReason.WRONG_APPLICATION)).isEqualTo(1);
    }

    @Test
    void obsPublishingWithStreamAndKeyGetsAnswersThenSegmentsAndUnpublishEndsThePlaylist() throws Exception {
        Client obs = new Client();
        obs.publish("cam?key=" + KEY);

        assertThat(obs.commands()).extracting(NetConnectionCommand::name, NetConnectionCommand::transactionId)
                .startsWith(tuple("_result", 1.0), tuple("_result", 2.0),
                        tuple("_result", 3.0), tuple("_result", 4.0));
        assertThat(obs.commands().get(3).arguments()).containsExactly(1.0);
        assertThat(obs.controls()).contains(new ControlMessage.UserControl(ControlMessage.UserControl.STREAM_BEGIN, 1));
        assertThat(obs.statuses()).containsExactly("NetStream.Publish.Start: cam is now published");
        assertThat(events).containsExactly("cam: publishing from 127.0.0.1");
        assertThat(metrics.publishing()).isEqualTo(1);

        obs.media(clip);
        awaitPlaylist("cam", "#EXTINF:2.000", "s1.ts");
        clock.advance(Duration.ofSeconds(6));
        obs.command("FCUnpublish", 6, 0, null, "cam?key=" + KEY);
        obs.command("deleteStream", 7, 0, null, 1.0);

        awaitPlaylist("cam", "s2.ts", "#EXT-X-ENDLIST");
        assertThat(obs.statuses()).last().isEqualTo("NetStream.Unpublish.Success: cam is now unpublished");
        assertThat(events).last().isEqualTo("cam: publish from 127.0.0.1 ended after 6 s (unpublished)");
        assertThat(metrics.publishing()).isZero();
        assertThat(obs.closed).as("the encoder closes the connection itself").isFalse();
    }

    @Test
    void aStreamsOwnKeyAlonePublishesToThatStream() throws Exception {
        Client obs = new Client();
        obs.publish(STUDIO_KEY);

        assertThat(obs.statuses()).containsExactly("NetStream.Publish.Start: studio is now published");
    }

    @Test
    void aWrongKeyGetsBadNameAndTheConnectionClosesWithTheRefusalLoggedButNotTheKey() throws Exception {
        Client obs = new Client();
        obs.publish("cam?key=guess");

        assertThat(obs.statuses()).singleElement().asString().startsWith("NetStream.Publish.BadName: wrong key for stream 'cam'");
        assertThat(obs.closed).isTrue();
        assertThat(metrics.closedFor(CloseReason.BAD_KEY)).isEqualTo(1);
        assertThat(events).containsExactly("publish from 127.0.0.1 refused: wrong key for stream 'cam'");

        Client keyAlone = new Client();
        keyAlone.publish("not-a-key-of-any-stream");
        assertThat(events).last().isEqualTo("publish from 127.0.0.1 refused: no stream has this key");
        assertThat(String.join("\n", events)).doesNotContain("guess").doesNotContain("not-a-key");
    }

    @Test
    void aSecondPublisherIsRefusedAndTheFirstGoesOnUndisturbed() throws Exception {
        Client first = new Client();
        first.publish("cam?key=" + KEY);
        first.media(clip.subList(0, clip.size() / 2));

        Client second = new Client();
        second.publish("cam?key=" + KEY);

        assertThat(second.statuses()).containsExactly("NetStream.Publish.BadName: stream cam is already being published");
        assertThat(second.closed).isTrue();
        assertThat(events).contains("publish from 127.0.0.1 to cam refused: another publisher keeps it live and goes on"
                + " undisturbed");
        first.media(clip.subList(clip.size() / 2, clip.size()));
        assertThat(first.closed).isFalse();
        first.session.close(CloseReason.CLIENT_CLOSED);
        awaitPlaylist("cam", "s2.ts", "#EXT-X-ENDLIST");
        assertThat(metrics.closedFor(CloseReason.STREAM_BUSY)).isEqualTo(1);
    }

    @Test
    void aConnectionThatClosesMidStreamHandsOverItsLastSegmentAndEndsThePlaylist() throws Exception {
        Client ffmpeg = new Client();
        ffmpeg.publish("cam?key=" + KEY);
        ffmpeg.media(clip.subList(0, clip.size() * 5 / 6)); // five of six seconds

        CompletableFuture<Void> ended = ffmpeg.session.close(CloseReason.CLIENT_CLOSED);

        ended.get(5, TimeUnit.SECONDS);
        assertThat(playlist("cam")).contains("s2.ts", "#EXT-X-ENDLIST");
        assertThat(ffmpeg.session.close(CloseReason.IDLE_TIMEOUT)).as("closing twice counts once").isSameAs(ended);
        assertThat(metrics.closedFor(CloseReason.CLIENT_CLOSED)).isEqualTo(1);
        assertThat(metrics.closedFor(CloseReason.IDLE_TIMEOUT)).isZero();
    }

    @Test
    void aConnectionThatClosesWhileTheOriginGrantsItsClaimGivesTheClaimBack() throws Exception {
        Client gone = new Client();
        gone.connect();
        gone.command("createStream", 2, 0, null);
        gone.command("publish", 3, 1, null, "cam?key=" + KEY, "live");

        gone.session.close(CloseReason.CLIENT_CLOSED).get(5, TimeUnit.SECONDS);
        runLoopUntil(loop::isEmpty);
        assertThat(gone.statuses()).isEmpty();

        Client next = new Client();
        next.publish("cam?key=" + KEY);
        assertThat(next.statuses()).containsExactly("NetStream.Publish.Start: cam is now published");
    }

    @Test
    void mp3AudioIsRefusedWithWhatToChangeAndTheStreamEndsRatherThanBreaks() throws Exception {
        Client obs = new Client();
        obs.publish("cam?key=" + KEY);
        byte[] mp3Frame = HexFormat.of().parseHex("2fffe3");

        obs.session.onMessage(new RtmpMessage(RtmpMessage.AUDIO, 0, 1, mp3Frame));

        assertThat(obs.statuses()).last().asString().startsWith("NetStream.Publish.Rejected: the encoder sends MP3 audio"
                + " and this server carries AAC only");
        assertThat(obs.closed).isTrue();
        assertThat(events).contains("publish from 127.0.0.1 to cam refused: the encoder sends MP3 audio and this server"
                + " carries AAC only: set the audio encoder to AAC (OBS: Settings > Output > Audio Encoder)");
        assertThat(metrics.closedFor(CloseReason.UNSUPPORTED_MEDIA)).isEqualTo(1);
        Client next = new Client();
        next.publish("cam?key=" + KEY);
        assertThat(next.statuses()).as("the claim was given back").containsExactly("NetStream.Publish.Start: cam is now published");
    }

    @Test
    void playIsRefusedForThisServerTakesPublishersOnly() throws Exception {
        Client player = new Client();
        player.connect();
        player.command("createStream", 2, 0, null);
        player.command("play", 3, 1, null, "cam");

        assertThat(player.statuses()).singleElement().asString().startsWith("NetStream.Play.Failed");
        assertThat(player.closed).isTrue();
    }

    @Test
    void commandsBeforeConnectAndUndecodableCommandsBreakTheProtocol() {
        Client client = new Client();

        assertThatThrownBy(() -> client.command("createStream", 2, 0, null)).isInstanceOf(RtmpProtocolException.class)
                .hasMessage("createStream before connect");
        assertThatThrownBy(() -> client.session.onMessage(new RtmpMessage(RtmpMessage.COMMAND_AMF0, 0, 0, new byte[] {2, 0, 9})))
                .isInstanceOf(RtmpProtocolException.class)
                .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.MALFORMED_MESSAGE);
    }

    @Test
    void pingsAreAnswered() throws Exception {
        Client client = new Client();
        client.session.onMessage(ControlCodec.encode(new ControlMessage.UserControl(ControlMessage.UserControl.PING_REQUEST, 77)));

        assertThat(client.controls()).containsExactly(new ControlMessage.UserControl(ControlMessage.UserControl.PING_RESPONSE, 77));
    }

    @Test
    void mediaBeforeThePublishIsAcceptedIsDroppedAndCounted() throws Exception {
        Client client = new Client();
        client.connect();
        client.media(clip.subList(0, 3));

        assertThat(metrics.snapshot().get("frames-dropped")).isEqualTo(3L);
        assertThat(Optional.ofNullable(playlist("cam"))).contains("");
    }
}
