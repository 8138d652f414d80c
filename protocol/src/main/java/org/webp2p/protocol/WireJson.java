package org.webp2p.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.InetSocketAddress;

/**
 * The JSON mapping of every message in this module. Both mappers write the same JSON: instants as
 * ISO-8601 text, durations as seconds, addresses as {@code host:port}, enums by name (or by the
 * wire name a message type declares). They differ only in what they forgive when reading:
 *
 * <ul>
 *   <li>{@link #strict()} is for a server reading requests: a field it does not know is a 400, so a
 *       client's typo is reported instead of silently ignored;</li>
 *   <li>{@link #tolerant()} is for a client reading answers: a newer node may add fields or enum
 *       values, and an older client keeps working (an unknown enum value reads as null, which the
 *       messages take as their documented default, e.g. {@code NatType.UNKNOWN}).</li>
 * </ul>
 *
 * <p>Each call builds a new mapper; keep it in a constant.
 */
public final class WireJson {
    private WireJson() {
    }

    public static ObjectMapper strict() {
        return builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    public static ObjectMapper tolerant() {
        return builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL).build();
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(new SimpleModule("webp2p-addresses")
                        .addDeserializer(InetSocketAddress.class, new SocketAddressDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
