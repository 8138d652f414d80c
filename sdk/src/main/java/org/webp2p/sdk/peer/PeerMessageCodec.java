package org.webp2p.sdk.peer;

import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * Bytes of {@link PeerMessage}s: a type octet, then the fields as RTMFP variable-length unsigned
 * integers (RFC 7016 §2.1.2) and length-prefixed UTF-8, as docs/protocol.md lays out. Stateless.
 */
public final class PeerMessageCodec {
    static final int HELLO = 1;
    static final int HAVE = 2;
    static final int REQUEST = 3;
    static final int DATA = 4;
    static final int CANCEL = 5;
    static final int REFUSE = 6;
    static final int ARRIVING = 7;

    private PeerMessageCodec() {
    }

    /** The message as the bytes of one message on a segment-protocol flow. */
    public static byte[] encode(PeerMessage message) {
        // Sized for a data message's chunk at once: grown from 32 bytes, it was reallocated ten times.
        WireWriter out = new WireWriter(message instanceof PeerMessage.Data d ? d.bytes().length + 32 : 32);
        if (message instanceof PeerMessage.Hello h) {
            out.writeU8(HELLO).writeVlu(h.version())
                    .writeVluPrefixedBytes(h.swarm().getBytes(StandardCharsets.UTF_8))
                    .writeVluPrefixedBytes(h.natType().name().getBytes(StandardCharsets.US_ASCII));
        } else if (message instanceof PeerMessage.Have h) {
            writeHave(out, h);
        } else if (message instanceof PeerMessage.Request r) {
            out.writeU8(REQUEST).writeVlu(r.sequence());
            if (!r.whole()) {
                out.writeVlu(r.offset()).writeVlu(r.length());
            }
        } else if (message instanceof PeerMessage.Data d) {
            out.writeU8(DATA).writeVlu(d.sequence()).writeVlu(d.offset()).writeVlu(d.total()).writeBytes(d.bytes());
        } else if (message instanceof PeerMessage.Cancel c) {
            out.writeU8(CANCEL).writeVlu(c.sequence());
        } else if (message instanceof PeerMessage.Refuse r) {
            out.writeU8(REFUSE).writeVlu(r.sequence()).writeU8(r.reason().ordinal() + 1);
        } else if (message instanceof PeerMessage.Arriving a) {
            out.writeU8(ARRIVING).writeVlu(a.sequence());
        }
        return out.toByteArray();
    }

    private static void writeHave(WireWriter out, PeerMessage.Have h) {
        out.writeU8(HAVE);
        if (h.sequences().isEmpty()) {
            out.writeVlu(0).writeVlu(0);
            return;
        }
        long first = h.sequences().first();
        int span = (int) (h.sequences().last() - first + 1);
        byte[] bitmap = new byte[(span + 7) / 8];
        for (long s : h.sequences()) {
            int bit = (int) (s - first);
            bitmap[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        out.writeVlu(first).writeVlu(span).writeBytes(bitmap);
    }

    /** Reads one message; anything malformed is refused with the reason, never half-read. */
    public static PeerMessage decode(byte[] bytes) {
        try {
            WireReader in = new WireReader(bytes);
            PeerMessage m = switch (in.readU8()) {
                case HELLO -> new PeerMessage.Hello(in.readVluInt(), text(in), natType(text(in)));
                case HAVE -> have(in);
                case REQUEST -> request(in);
                case DATA -> new PeerMessage.Data(in.readVlu(), in.readVluInt(), in.readVluInt(), in.readRemaining());
                case CANCEL -> new PeerMessage.Cancel(in.readVlu());
                case REFUSE -> new PeerMessage.Refuse(in.readVlu(), refusal(in.readU8()));
                case ARRIVING -> new PeerMessage.Arriving(in.readVlu());
                default -> throw new MalformedInputException("unknown peer message type " + bytes[0]);
            };
            if (in.hasRemaining()) {
                throw new MalformedInputException(in.remaining() + " bytes after a complete message");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(e.getMessage());
        }
    }

    /** The range is optional: a request without one (version 1's only form) asks for the whole segment. */
    private static PeerMessage.Request request(WireReader in) {
        long sequence = in.readVlu();
        if (!in.hasRemaining()) {
            return new PeerMessage.Request(sequence);
        }
        return new PeerMessage.Request(sequence, in.readVluInt(), in.readVluInt());
    }

    private static PeerMessage.Have have(WireReader in) {
        long first = in.readVlu();
        int span = in.readVluInt();
        if (span > PeerMessage.MAX_HAVE_SPAN) {
            throw new MalformedInputException("a have-message spans at most " + PeerMessage.MAX_HAVE_SPAN);
        }
        byte[] bitmap = in.readBytes((span + 7) / 8);
        TreeSet<Long> held = new TreeSet<>();
        for (int bit = 0; bit < span; bit++) {
            if ((bitmap[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                held.add(first + bit);
            }
        }
        return new PeerMessage.Have(held);
    }

    private static PeerMessage.Refuse.Reason refusal(int code) {
        PeerMessage.Refuse.Reason[] reasons = PeerMessage.Refuse.Reason.values();
        if (code < 1 || code > reasons.length) {
            throw new MalformedInputException("unknown refusal reason " + code);
        }
        return reasons[code - 1];
    }

    /** A type this version does not know (a newer peer's) is one it cannot reason about: UNKNOWN. */
    private static NatType natType(String name) {
        for (NatType t : NatType.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return NatType.UNKNOWN;
    }

    private static String text(WireReader in) {
        byte[] b = in.readVluPrefixedBytes();
        if (b.length > 256) {
            throw new MalformedInputException("text field longer than 256 bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
