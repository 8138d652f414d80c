package org.webp2p.rtmfp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An immutable RFC 7016 §2.1.3 option list, as used by EPDs, certificates and keying components. */
public record OptionList(List<WireOption> options) {
    public OptionList {
        options = List.copyOf(options);
    }

    /** Parses options up to the end of {@code bytes}, ignoring a trailing marker and what follows. */
    public static OptionList parse(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        List<WireOption> parsed = new ArrayList<>();
        while (in.hasRemaining()) {
            WireOption option = WireOption.readFrom(in);
            if (option == null) {
                break;
            }
            parsed.add(option);
        }
        return new OptionList(parsed);
    }

    /** The length of the options before the first marker (the "canonical" part of RFC 7425 §4.3). */
    public static int canonicalLength(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        while (in.hasRemaining()) {
            int start = in.position();
            if (WireOption.readFrom(in) == null) {
                return start;
            }
        }
        return bytes.length;
    }

    public Optional<WireOption> first(long type) {
        return options.stream().filter(o -> o.type() == type).findFirst();
    }

    public List<WireOption> all(long type) {
        return options.stream().filter(o -> o.type() == type).toList();
    }

    public byte[] encode() {
        WireWriter out = new WireWriter();
        options.forEach(o -> o.writeTo(out));
        return out.toByteArray();
    }

    /** Collects options in order. */
    public static final class Builder {
        private final List<WireOption> options = new ArrayList<>();

        public Builder add(long type, byte[] value) {
            options.add(new WireOption(type, value));
            return this;
        }

        public Builder addVlu(long type, long value) {
            return add(type, new WireWriter().writeVlu(value).toByteArray());
        }

        public OptionList build() {
            return new OptionList(options);
        }
    }
}
