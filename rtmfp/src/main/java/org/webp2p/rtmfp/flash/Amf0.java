package org.webp2p.rtmfp.flash;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * A small AMF0 codec (Adobe AMF0 specification), enough for NetConnection commands.
 *
 * <p>Java mapping: number = {@link Double}, boolean = {@link Boolean}, string = {@link String},
 * object and ECMA array = {@code Map<String, Object>} (insertion-ordered), strict array =
 * {@code List<Object>}, date = {@link Instant}, null = {@code null}, undefined =
 * {@link Amf0Undefined#INSTANCE}.
 */
public final class Amf0 {
    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0a;
    static final int DATE = 0x0b;
    static final int LONG_STRING = 0x0c;
    /** Nesting deeper than this is refused, so hostile input cannot exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private Amf0() {
    }

    public static void write(Object value, WireWriter out) {
        if (value == null) {
            out.writeU8(NULL);
        } else if (value == Amf0Undefined.INSTANCE) {
            out.writeU8(UNDEFINED);
        } else if (value instanceof Number n) {
            out.writeU8(NUMBER);
            writeDouble(n.doubleValue(), out);
        } else if (value instanceof Boolean b) {
            out.writeU8(BOOLEAN).writeU8(b ? 1 : 0);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length <= 0xffff) {
                out.writeU8(STRING).writeU16(utf8.length).writeBytes(utf8);
            } else {
                out.writeU8(LONG_STRING).writeU32(utf8.length).writeBytes(utf8);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeU8(OBJECT);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writeKey(String.valueOf(entry.getKey()), out);
                write(entry.getValue(), out);
            }
            writeKey("", out);
            out.writeU8(OBJECT_END);
        } else if (value instanceof List<?> list) {
            out.writeU8(STRICT_ARRAY).writeU32(list.size());
            list.forEach(v -> write(v, out));
        } else if (value instanceof Instant instant) {
            out.writeU8(DATE);
            writeDouble(instant.toEpochMilli(), out);
            out.writeU16(0);
        } else {
            throw new IllegalArgumentException("no AMF0 form for " + value.getClass().getName());
        }
    }

    /** Reads one value. @throws MalformedInputException on truncated or unknown input */
    public static Object read(WireReader in) {
        return read(in, 0);
    }

    /** Reads values until the input ends. */
    public static List<Object> readAll(WireReader in) {
        List<Object> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(read(in));
        }
        return values;
    }

    private static Object read(WireReader in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedInputException("AMF0 nested too deeply");
        }
        int marker = in.readU8();
        switch (marker) {
            case NUMBER:
                return readDouble(in);
            case BOOLEAN:
                return in.readU8() != 0;
            case STRING:
                return utf8(in.readBytes(in.readU16()));
            case LONG_STRING:
                return utf8(in.readBytes(toLength(in.readU32())));
            case OBJECT:
                return readProperties(in, depth);
            case ECMA_ARRAY:
                in.readU32(); // the count is only a hint; the end marker is authoritative
                return readProperties(in, depth);
            case STRICT_ARRAY: {
                int count = toLength(in.readU32());
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    list.add(read(in, depth + 1));
                }
                return list;
            }
            case DATE: {
                double millis = readDouble(in);
                in.readU16(); // time zone, unused by the specification
                return Instant.ofEpochMilli((long) millis);
            }
            case NULL:
                return null;
            case UNDEFINED:
                return Amf0Undefined.INSTANCE;
            default:
                throw new MalformedInputException("unsupported AMF0 marker 0x" + Integer.toHexString(marker));
        }
    }

    private static Map<String, Object> readProperties(WireReader in, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            String key = utf8(in.readBytes(in.readU16()));
            if (key.isEmpty() && in.peekU8() == OBJECT_END) {
                in.readU8();
                return map;
            }
            map.put(key, read(in, depth + 1));
        }
    }

    private static int toLength(long length) {
        if (length > Integer.MAX_VALUE) {
            throw new MalformedInputException("AMF0 length too large");
        }
        return (int) length;
    }

    private static void writeKey(String key, WireWriter out) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        out.writeU16(utf8.length).writeBytes(utf8);
    }

    private static void writeDouble(double value, WireWriter out) {
        long bits = Double.doubleToLongBits(value);
        out.writeU32(bits >>> 32).writeU32(bits & 0xffffffffL);
    }

    private static double readDouble(WireReader in) {
        return Double.longBitsToDouble((in.readU32() << 32) | in.readU32());
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
