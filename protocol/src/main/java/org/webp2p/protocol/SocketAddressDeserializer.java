package org.webp2p.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Reads {@code host:port} and {@code [v6]:port} back into a resolved address. Jackson's own reader
 * leaves addresses unresolved, so a status read over HTTP would not equal the one it was written from.
 */
final class SocketAddressDeserializer extends StdScalarDeserializer<InetSocketAddress> {
    private static final long serialVersionUID = 1L;

    SocketAddressDeserializer() {
        super(InetSocketAddress.class);
    }

    @Override
    public InetSocketAddress deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String text = p.getValueAsString();
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            return (InetSocketAddress) ctx.handleWeirdStringValue(InetSocketAddress.class, text, "expected host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return (InetSocketAddress) ctx.handleWeirdStringValue(InetSocketAddress.class, text, e.getMessage());
        }
    }
}
