package org.webp2p.rtmfp.chunk;

import java.util.ArrayList;
import java.util.List;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.Vlu;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * Encodes and decodes chunk payloads (RFC 7016 §2.3). Stateless; a chunk on the wire is a type
 * byte, a 16-bit payload length, and the payload.
 */
public final class ChunkCodec {
    /** Type byte plus 16-bit length. */
    public static final int HEADER_LENGTH = 3;

    private static final int UD_OPT = 0x80;
    private static final int UD_FRA_SHIFT = 4;
    private static final int UD_ABN = 0x02;
    private static final int UD_FIN = 0x01;

    private ChunkCodec() {
    }

    /** Writes the chunk with its header. */
    public static void write(Chunk chunk, WireWriter out) {
        out.writeU8(chunk.type());
        int lengthAt = out.size();
        out.writeU16(0);
        writePayload(chunk, out);
        int length = out.size() - lengthAt - 2;
        if (length > 0xffff) {
            throw new IllegalArgumentException("chunk payload exceeds 65535 bytes");
        }
        out.patchU16(lengthAt, length);
    }

    /** The encoded size of the chunk including its header. */
    public static int encodedLength(Chunk chunk) {
        if (chunk instanceof UserData c) {
            // Data chunks are sized for every packet assembled; counting beats encoding them twice.
            int length = HEADER_LENGTH + 1 + Vlu.encodedLength(c.flowId()) + Vlu.encodedLength(c.sequenceNumber())
                    + Vlu.encodedLength(c.fsnOffset()) + c.data().length();
            if (!c.options().isEmpty()) {
                WireWriter options = new WireWriter();
                c.options().forEach(o -> o.writeTo(options));
                length += options.size() + 1;
            }
            return length;
        }
        WireWriter out = new WireWriter();
        write(chunk, out);
        return out.size();
    }

    private static void writePayload(Chunk chunk, WireWriter out) {
        if (chunk instanceof IHello c) {
            out.writeVluPrefixedBytes(c.endpointDiscriminator().toByteArray());
            c.tag().writeTo(out);
        } else if (chunk instanceof ForwardedIHello c) {
            out.writeVluPrefixedBytes(c.endpointDiscriminator().toByteArray());
            c.replyAddress().writeTo(out);
            c.tag().writeTo(out);
        } else if (chunk instanceof RHello c) {
            out.writeVluPrefixedBytes(c.tagEcho().toByteArray());
            out.writeVluPrefixedBytes(c.cookie().toByteArray());
            c.responderCertificate().writeTo(out);
        } else if (chunk instanceof Redirect c) {
            out.writeVluPrefixedBytes(c.tagEcho().toByteArray());
            c.destinations().forEach(a -> a.writeTo(out));
        } else if (chunk instanceof RHelloCookieChange c) {
            out.writeVluPrefixedBytes(c.oldCookie().toByteArray());
            c.newCookie().writeTo(out);
        } else if (chunk instanceof IIKeying c) {
            out.writeU32(c.initiatorSessionId());
            out.writeVluPrefixedBytes(c.cookieEcho().toByteArray());
            out.writeVluPrefixedBytes(c.initiatorCertificate().toByteArray());
            out.writeVluPrefixedBytes(c.sessionKeyComponent().toByteArray());
            c.signature().writeTo(out);
        } else if (chunk instanceof RIKeying c) {
            out.writeU32(c.responderSessionId());
            out.writeVluPrefixedBytes(c.sessionKeyComponent().toByteArray());
            c.signature().writeTo(out);
        } else if (chunk instanceof Ping c) {
            c.message().writeTo(out);
        } else if (chunk instanceof PingReply c) {
            c.messageEcho().writeTo(out);
        } else if (chunk instanceof UserData c) {
            out.writeU8(userDataFlags(c.options(), c.fragment(), c.abandon(), c.fin()));
            out.writeVlu(c.flowId());
            out.writeVlu(c.sequenceNumber());
            out.writeVlu(c.fsnOffset());
            writeUserDataTail(c.options(), c.data(), out);
        } else if (chunk instanceof NextUserData c) {
            out.writeU8(userDataFlags(c.options(), c.fragment(), c.abandon(), c.fin()));
            writeUserDataTail(c.options(), c.data(), out);
        } else if (chunk instanceof DataAckBitmap c) {
            out.writeVlu(c.flowId());
            out.writeVlu(c.bufferBlocksAvailable());
            out.writeVlu(c.cumulativeAck());
            c.bitmap().writeTo(out);
        } else if (chunk instanceof DataAckRanges c) {
            out.writeVlu(c.flowId());
            out.writeVlu(c.bufferBlocksAvailable());
            out.writeVlu(c.cumulativeAck());
            long previousEnd = c.cumulativeAck();
            for (SequenceRange range : c.receivedAbove()) {
                out.writeVlu(range.first() - previousEnd - 2);
                out.writeVlu(range.last() - range.first());
                previousEnd = range.last();
            }
        } else if (chunk instanceof BufferProbe c) {
            out.writeVlu(c.flowId());
        } else if (chunk instanceof FlowExceptionReport c) {
            out.writeVlu(c.flowId());
            out.writeVlu(c.exceptionCode());
        } else if (chunk instanceof UnknownChunk c) {
            c.payload().writeTo(out);
        }
        // Session Close Request and Acknowledgement have empty payloads.
    }

    private static int userDataFlags(List<WireOption> options, Fragment fragment, boolean abandon, boolean fin) {
        return (options.isEmpty() ? 0 : UD_OPT) | (fragment.ordinal() << UD_FRA_SHIFT)
                | (abandon ? UD_ABN : 0) | (fin ? UD_FIN : 0);
    }

    private static void writeUserDataTail(List<WireOption> options, Bytes data, WireWriter out) {
        if (!options.isEmpty()) {
            options.forEach(o -> o.writeTo(out));
            out.writeVlu(0);
        }
        data.writeTo(out);
    }

    /**
     * Decodes a chunk payload of the given type. Trailing bytes after fixed-layout chunks are
     * ignored, as RFC 7016 §2.3 leaves room for extension.
     *
     * @throws MalformedInputException if the payload is truncated or inconsistent
     */
    public static Chunk read(int type, WireReader in) {
        try {
            return switch (type) {
                case ChunkType.IHELLO -> new IHello(bytes(in.readVluPrefixedBytes()), bytes(in.readRemaining()));
                case ChunkType.FORWARDED_IHELLO -> new ForwardedIHello(bytes(in.readVluPrefixedBytes()),
                        PeerAddress.readFrom(in), bytes(in.readRemaining()));
                case ChunkType.RHELLO -> new RHello(bytes(in.readVluPrefixedBytes()), bytes(in.readVluPrefixedBytes()),
                        bytes(in.readRemaining()));
                case ChunkType.REDIRECT -> readRedirect(in);
                case ChunkType.RHELLO_COOKIE_CHANGE -> new RHelloCookieChange(bytes(in.readVluPrefixedBytes()),
                        bytes(in.readRemaining()));
                case ChunkType.IIKEYING -> new IIKeying(in.readU32(), bytes(in.readVluPrefixedBytes()),
                        bytes(in.readVluPrefixedBytes()), bytes(in.readVluPrefixedBytes()), bytes(in.readRemaining()));
                case ChunkType.RIKEYING -> new RIKeying(in.readU32(), bytes(in.readVluPrefixedBytes()),
                        bytes(in.readRemaining()));
                case ChunkType.PING -> new Ping(bytes(in.readRemaining()));
                case ChunkType.PING_REPLY -> new PingReply(bytes(in.readRemaining()));
                case ChunkType.USER_DATA -> readUserData(in);
                case ChunkType.NEXT_USER_DATA -> readNextUserData(in);
                case ChunkType.DATA_ACK_BITMAP -> new DataAckBitmap(in.readVlu(), in.readVlu(), in.readVlu(),
                        bytes(in.readRemaining()));
                case ChunkType.DATA_ACK_RANGES -> readAckRanges(in);
                case ChunkType.BUFFER_PROBE -> new BufferProbe(in.readVlu());
                case ChunkType.FLOW_EXCEPTION_REPORT -> new FlowExceptionReport(in.readVlu(), in.readVlu());
                case ChunkType.SESSION_CLOSE_REQUEST -> new SessionCloseRequest();
                case ChunkType.SESSION_CLOSE_ACK -> new SessionCloseAck();
                default -> new UnknownChunk(type, bytes(in.readRemaining()));
            };
        } catch (IllegalArgumentException e) {
            // A record rejected a decoded value (zero session ID, empty cookie...): same as malformed.
            throw new MalformedInputException("chunk 0x" + Integer.toHexString(type) + ": " + e.getMessage());
        }
    }

    private static Bytes bytes(byte[] raw) {
        return Bytes.of(raw);
    }

    private static Redirect readRedirect(WireReader in) {
        Bytes tag = bytes(in.readVluPrefixedBytes());
        List<PeerAddress> destinations = new ArrayList<>();
        while (in.hasRemaining()) {
            destinations.add(PeerAddress.readFrom(in));
        }
        return new Redirect(tag, destinations);
    }

    private static List<WireOption> readUserDataOptions(int flags, WireReader in) {
        if ((flags & UD_OPT) == 0) {
            return List.of();
        }
        List<WireOption> options = new ArrayList<>();
        WireOption option;
        while ((option = WireOption.readFrom(in)) != null) {
            options.add(option);
        }
        return options;
    }

    private static UserData readUserData(WireReader in) {
        int flags = in.readU8();
        long flowId = in.readVlu();
        long sequence = in.readVlu();
        long fsnOffset = in.readVlu();
        List<WireOption> options = readUserDataOptions(flags, in);
        return new UserData(flowId, sequence, fsnOffset, Fragment.fromBits(flags >> UD_FRA_SHIFT),
                (flags & UD_ABN) != 0, (flags & UD_FIN) != 0, options, bytes(in.readRemaining()));
    }

    private static NextUserData readNextUserData(WireReader in) {
        int flags = in.readU8();
        List<WireOption> options = readUserDataOptions(flags, in);
        return new NextUserData(Fragment.fromBits(flags >> UD_FRA_SHIFT), (flags & UD_ABN) != 0,
                (flags & UD_FIN) != 0, options, bytes(in.readRemaining()));
    }

    private static DataAckRanges readAckRanges(WireReader in) {
        long flowId = in.readVlu();
        long buffer = in.readVlu();
        long cumulative = in.readVlu();
        List<SequenceRange> ranges = new ArrayList<>();
        long previousEnd = cumulative;
        while (in.hasRemaining()) {
            long first = previousEnd + 2 + in.readVlu();
            long last = first + in.readVlu();
            if (first < 0 || last < first) {
                throw new MalformedInputException("ack range overflows");
            }
            ranges.add(new SequenceRange(first, last));
            previousEnd = last;
        }
        return new DataAckRanges(flowId, buffer, cumulative, ranges);
    }
}
