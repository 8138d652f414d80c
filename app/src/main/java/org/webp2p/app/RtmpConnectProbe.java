package org.webp2p.app;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.server.rtmp.session.PublishSession;
import org.webp2p.server.rtmp.wire.ChunkDecoder;
import org.webp2p.server.rtmp.wire.ChunkEncoder;
import org.webp2p.server.rtmp.wire.ClientHandshake;
import org.webp2p.server.rtmp.wire.RtmpMessage;
import org.webp2p.server.rtmp.wire.RtmpParams;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;

/**
 * Does what an encoder does first: the digest handshake, checking the server's digests as ffmpeg
 * does when it plays, then {@code connect} to the {@code live} application, which must be answered
 * with NetConnection.Connect.Success. It publishes nothing, so no stream is touched.
 */
final class RtmpConnectProbe implements ServiceProbe {
    private static final int ANSWER_LENGTH = 1 + 2 * RtmpParams.HANDSHAKE_SIZE;

    private final Duration timeout;

    RtmpConnectProbe(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String probe(InetSocketAddress address) throws ProbeFailure {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ClientHandshake handshake = new ClientHandshake(new Random());
            out.write(handshake.c0c1());
            byte[] answer = in.readNBytes(ANSWER_LENGTH);
            if (answer.length < ANSWER_LENGTH) {
                throw new ProbeFailure("the connection closed during the handshake, after " + answer.length + " bytes");
            }
            out.write(handshake.finish(answer));
            out.write(connect(address));
            NetConnectionCommand reply = firstCommand(in);
            if (!reply.name().equals(NetConnectionCommand.RESULT)
                    || !reply.statusCode().filter("NetConnection.Connect.Success"::equals).isPresent()) {
                throw new ProbeFailure("connect answered " + reply.name() + " " + reply.statusCode().orElse("without a code"));
            }
        } catch (RtmpProtocolException e) {
            throw new ProbeFailure("handshake: " + e.getMessage());
        } catch (IOException e) {
            throw new ProbeFailure("RTMP failed: " + e);
        }
        return "handshake and connect in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
    }

    private static byte[] connect(InetSocketAddress address) {
        String tcUrl = "rtmp://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/"
                + PublishSession.APPLICATION;
        TcMessage framed = NetConnectionCommand.connect(PublishSession.APPLICATION, tcUrl, "webp2p self-test").toMessage();
        ByteBuf buf = Unpooled.buffer();
        new ChunkEncoder().encode(RtmpParams.COMMAND_CHUNK_STREAM,
                new RtmpMessage(framed.type(), 0, 0, framed.payload().toByteArray()), buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes).release();
        return bytes;
    }

    /** The server's first command, past the control messages that come before it. */
    private static NetConnectionCommand firstCommand(InputStream in) throws IOException, RtmpProtocolException,
            ProbeFailure {
        ChunkDecoder decoder = new ChunkDecoder(64 * 1024);
        Deque<RtmpMessage> messages = new ArrayDeque<>();
        ByteBuf received = Unpooled.buffer();
        byte[] chunk = new byte[4096];
        try {
            while (true) {
                while (!messages.isEmpty()) {
                    RtmpMessage m = messages.removeFirst();
                    Optional<NetConnectionCommand> command = NetConnectionCommand.fromMessage(
                            new TcMessage(m.type(), m.timestamp(), Bytes.of(m.payload())));
                    if (command.isPresent()) {
                        return command.get();
                    }
                }
                int n = in.read(chunk);
                if (n < 0) {
                    throw new ProbeFailure("the connection closed before connect was answered");
                }
                received.writeBytes(chunk, 0, n);
                decoder.decode(received, messages::add);
                received.discardReadBytes();
            }
        } finally {
            received.release();
        }
    }
}
