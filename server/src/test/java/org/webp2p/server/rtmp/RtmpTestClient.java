package org.webp2p.server.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.server.rtmp.wire.ChunkDecoder;
import org.webp2p.server.rtmp.wire.ChunkEncoder;
import org.webp2p.server.rtmp.wire.ClientHandshake;
import org.webp2p.server.rtmp.wire.RtmpMessage;
import org.webp2p.server.rtmp.wire.RtmpParams;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;

/**
 * A publisher written for tests over a plain blocking socket: the digest handshake, commands,
 * media messages and raw bytes, so a test can play a well-behaved encoder or a hostile client.
 */
final class RtmpTestClient implements AutoCloseable {
    private static final Duration READ_WAIT = Duration.ofSeconds(5);

    private final Socket socket = new Socket();
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final ChunkDecoder decoder = new ChunkDecoder(RtmpParams.MAX_MESSAGE_LENGTH);
    private final ByteBuf received = Unpooled.buffer();
    private final Deque<RtmpMessage> messages = new ArrayDeque<>();
    private OutputStream out;
    private InputStream in;

    RtmpTestClient(InetSocketAddress server) throws IOException {
        socket.connect(server, 2000);
        socket.setSoTimeout((int) READ_WAIT.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** The digest handshake as ffmpeg does it; fails when the server's digests do not check out. */
    RtmpTestClient handshake() throws IOException, RtmpProtocolException {
        ClientHandshake client = new ClientHandshake(new Random(1));
        raw(client.c0c1());
        byte[] answer = in.readNBytes(1 + 2 * 1536);
        raw(client.finish(answer));
        return this;
    }

    RtmpTestClient raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RtmpTestClient send(int chunkStream, RtmpMessage message) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        encoder.encode(chunkStream, message, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes).release();
        return raw(bytes);
    }

    RtmpTestClient command(String name, double tx, int streamId, Object object, Object... args) throws IOException {
        TcMessage framed = new NetConnectionCommand(name, tx, object, Arrays.asList(args)).toMessage();
        return send(3, new RtmpMessage(framed.type(), 0, streamId, framed.payload().toByteArray()));
    }

    RtmpTestClient connect() throws IOException {
        return command("connect", 1, 0, Map.of("app", "live", "type", "nonprivate", "tcUrl", "rtmp://127.0.0.1/live"));
    }

    /** connect, createStream and publish, as an encoder does after the handshake. */
    RtmpTestClient publish(String name) throws IOException {
        connect();
        command("createStream", 2, 0, null);
        return command("publish", 3, 1, null, name, "live");
    }

    /** The next message from the server, waiting up to a few seconds. */
    RtmpMessage next() throws IOException, RtmpProtocolException {
        byte[] chunk = new byte[8192];
        while (messages.isEmpty()) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            received.writeBytes(chunk, 0, n);
            decoder.decode(received, messages::add);
            received.discardReadBytes();
        }
        return messages.removeFirst();
    }

    /** The next command from the server; other messages on the way are passed over. */
    NetConnectionCommand nextCommand() throws IOException, RtmpProtocolException {
        while (true) {
            RtmpMessage m = next();
            Optional<NetConnectionCommand> command = NetConnectionCommand.fromMessage(
                    new TcMessage(m.type(), m.timestamp(), Bytes.of(m.payload())));
            if (command.isPresent()) {
                return command.get();
            }
        }
    }

    /** The code of the next onStatus. */
    String nextStatus() throws IOException, RtmpProtocolException {
        while (true) {
            NetConnectionCommand c = nextCommand();
            if (c.name().equals("onStatus")) {
                return String.valueOf(((Map<?, ?>) c.arguments().get(0)).get("code"));
            }
        }
    }

    /** Whether the server closes the connection (reading past whatever it still sends) within a few seconds. */
    boolean closedByServer() throws IOException {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // what the server sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a close too
        }
    }

    @Override
    public void close() throws IOException {
        received.release();
        socket.close();
    }
}
