package org.webp2p.server.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One browser-like peer on its own socket for {@link WsTrackerBench}, speaking just enough WebSocket
 * (RFC 6455) to load a tracker while spending as little CPU as it can, so that the servers are what is
 * measured: its frames are masked as a browser's are (one random key per peer, so each server unmasks
 * as it would for a browser), its announce with offers is framed once and resent, and what it
 * receives is never decoded to text: a relayed offer is told from a reply by the bytes near its start,
 * and its answer is the peer's prepared frame with the two ids copied in from the offer's end.
 *
 * <p>Every peer of one load runs on one event loop thread, so none of this is shared across threads.
 */
final class WsBenchPeer extends ByteToMessageDecoder {
    /** Callbacks of the load this peer belongs to, all on the generator's one event loop. */
    interface Load {
        void offerAnswered();

        void answerReceived();

        void failure(String message);
    }

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFER = "\"offer\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "\"answer\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "\"failure reason\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFER_ID = "\"offer_id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEER_ID = "\"peer_id\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Both servers name the relayed message's kind first after the action, well inside this many bytes. */
    private static final int KIND_WITHIN = 48;
    /** The ids follow the relayed SDP, within this many bytes of the end. */
    private static final int IDS_WITHIN = 160;

    private final Load load;
    private final String host;
    private final int mask = ThreadLocalRandom.current().nextInt() | 1;
    /** The answer's text up to {@code "to_peer_id":"}, already masked: it starts every answer frame. */
    private final byte[] answerHead;
    private final byte[] scratch = new byte[128];
    /** The framed announce with offers; {@link #sendAnnounce} writes views of it, released with the socket. */
    private ByteBuf announce;
    private boolean open;
    final CompletableFuture<Void> handshake = new CompletableFuture<>();
    Channel channel;
    Runnable onReply = () -> { };
    long sentAt;

    WsBenchPeer(Load load, String host, String answerHead) {
        this.load = load;
        this.host = host;
        this.answerHead = answerHead.getBytes(StandardCharsets.UTF_8);
        mask(this.answerHead, 0, this.answerHead.length, 0);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        // A browser's upgrade request, trimmed to what RFC 6455 §4.1 requires; the key is a fixed nonce.
        ctx.writeAndFlush(Unpooled.copiedBuffer("GET /announce HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                StandardCharsets.US_ASCII));
        super.channelActive(ctx);
    }

    /** Frames {@code text} once, for {@link #sendAnnounce} to resend. */
    void prepareAnnounce(String text) {
        if (announce == null) {
            announce = frame(channel.alloc().directBuffer(), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    void sendAnnounce() {
        sentAt = System.nanoTime();
        channel.writeAndFlush(announce.retainedDuplicate(), channel.voidPromise());
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (announce != null) {
            announce.release();
            announce = null;
        }
    }

    void send(String text) {
        sentAt = System.nanoTime();
        channel.writeAndFlush(frame(channel.alloc().directBuffer(), text.getBytes(StandardCharsets.UTF_8)),
                channel.voidPromise());
    }

    private ByteBuf frame(ByteBuf f, byte[] payload) {
        header(f, payload.length);
        int start = f.writerIndex();
        f.writeBytes(payload);
        for (int i = 0; i < payload.length; i++) {
            f.setByte(start + i, payload[i] ^ maskByte(i));
        }
        return f;
    }

    /** RFC 6455 §5.2: a final text frame, masked, with the shortest length encoding. */
    private void header(ByteBuf f, int length) {
        f.writeByte(0x81);
        if (length < 126) {
            f.writeByte(0x80 | length);
        } else if (length < 65536) {
            f.writeByte(0x80 | 126);
            f.writeShort(length);
        } else {
            f.writeByte(0x80 | 127);
            f.writeLong(length);
        }
        f.writeInt(mask);
    }

    private int maskByte(int offset) {
        return mask >>> (8 * (3 - (offset & 3)));
    }

    private void mask(byte[] b, int from, int to, int offset) {
        for (int i = from; i < to; i++) {
            b[i] ^= (byte) maskByte(offset + i - from);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!open) {
            int end = find(in, in.readerIndex(), in.writerIndex(), HEAD_END);
            if (end < 0) {
                return;
            }
            String status = in.toString(in.readerIndex(), 12, StandardCharsets.US_ASCII);
            in.readerIndex(end + HEAD_END.length);
            if (!status.equals("HTTP/1.1 101")) {
                handshake.completeExceptionally(new IllegalStateException("upgrade refused: " + status));
                ctx.close();
                return;
            }
            open = true;
            handshake.complete(null);
        }
        while (in.readableBytes() >= 2) {
            int at = in.readerIndex();
            int b0 = in.getUnsignedByte(at);
            int length = in.getUnsignedByte(at + 1) & 0x7F;
            int head = 2;
            if (length == 126) {
                if (in.readableBytes() < 4) {
                    return;
                }
                length = in.getUnsignedShort(at + 2);
                head = 4;
            } else if (length == 127) {
                if (in.readableBytes() < 10) {
                    return;
                }
                length = (int) in.getLong(at + 2);
                head = 10;
            }
            if (in.readableBytes() < head + length) {
                return;
            }
            if (b0 == 0x81) {
                onText(ctx, in, at + head, length);
            } else if ((b0 & 0x0F) == 0x8) {
                load.failure("the server closed a socket: " + in.toString(at + head, length, StandardCharsets.UTF_8));
                ctx.close();
            }
            in.readerIndex(at + head + length);
        }
    }

    private void onText(ChannelHandlerContext ctx, ByteBuf in, int start, int length) {
        int end = start + length;
        int kindEnd = Math.min(end, start + KIND_WITHIN);
        if (find(in, start, kindEnd, OFFER) >= 0) {
            answer(ctx, in, Math.max(start, end - IDS_WITHIN), end);
        } else if (find(in, start, kindEnd, ANSWER) >= 0) {
            load.answerReceived();
        } else if (find(in, start, end, FAILURE) >= 0) {
            load.failure(in.toString(start, length, StandardCharsets.UTF_8));
            onReply.run();
        } else {
            onReply.run();
        }
    }

    /** Answers the offer whose ids are between {@code from} and {@code end}: {@code ..."to_peer_id":"P","offer_id":"O"}}. */
    private void answer(ChannelHandlerContext ctx, ByteBuf in, int from, int end) {
        int offerId = find(in, from, end, OFFER_ID) + OFFER_ID.length;
        int peerId = find(in, from, end, PEER_ID) + PEER_ID.length;
        if (offerId < OFFER_ID.length || peerId < PEER_ID.length) {
            load.failure("an offer without ids: " + in.toString(from, end - from, StandardCharsets.UTF_8));
            return;
        }
        int n = 0;
        n = copy(in, peerId, n);
        n = put("\",\"offer_id\":\"", n);
        n = copy(in, offerId, n);
        n = put("\"}", n);
        mask(scratch, 0, n, answerHead.length);
        ByteBuf f = ctx.alloc().directBuffer(answerHead.length + n + 14);
        header(f, answerHead.length + n);
        f.writeBytes(answerHead).writeBytes(scratch, 0, n);
        ctx.writeAndFlush(f, ctx.voidPromise());
        load.offerAnswered();
    }

    /** Copies a JSON string's characters from {@code at} up to its closing quote (ids here have no escapes). */
    private int copy(ByteBuf in, int at, int n) {
        for (byte b = in.getByte(at); b != '"'; b = in.getByte(++at)) {
            scratch[n++] = b;
        }
        return n;
    }

    private int put(String ascii, int n) {
        for (int i = 0; i < ascii.length(); i++) {
            scratch[n++] = (byte) ascii.charAt(i);
        }
        return n;
    }

    private static int find(ByteBuf in, int from, int to, byte[] needle) {
        byte first = needle[0];
        for (int i = in.indexOf(from, to, first); i >= 0 && i + needle.length <= to; i = in.indexOf(i + 1, to, first)) {
            int k = 1;
            while (k < needle.length && in.getByte(i + k) == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
