package org.webp2p.rtmfp.flash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * A NetConnection command in AMF0 (RFC 7425 §5.1): name, transaction ID, command object,
 * then arguments. The Flash profile opens every session with {@code connect} on the first flow
 * and the server answers {@code _result} or {@code _error} on a return flow.
 */
public record NetConnectionCommand(String name, double transactionId, Object commandObject, List<Object> arguments) {
    public static final String CONNECT = "connect";
    public static final String RESULT = "_result";
    public static final String ERROR = "_error";

    public NetConnectionCommand {
        Objects.requireNonNull(name);
        // AMF0 arguments may be null, which List.copyOf refuses.
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /** The {@code connect} command a Flash client sends first, with transaction ID 1. */
    public static NetConnectionCommand connect(String app, String tcUrl, String flashVersion) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", app);
        object.put("flashVer", flashVersion);
        object.put("tcUrl", tcUrl);
        object.put("fpad", false);
        object.put("capabilities", 235.0);
        object.put("audioCodecs", 3575.0);
        object.put("videoCodecs", 252.0);
        object.put("videoFunction", 1.0);
        object.put("objectEncoding", 0.0);
        return new NetConnectionCommand(CONNECT, 1, object, List.of());
    }

    /** The server's acceptance of {@code connect}. */
    public static NetConnectionCommand connectSuccess(double transactionId, String description) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,5,1,516");
        properties.put("capabilities", 31.0);
        return new NetConnectionCommand(RESULT, transactionId, properties,
                List.of(status("status", "NetConnection.Connect.Success", description)));
    }

    /** The server's refusal of {@code connect}. */
    public static NetConnectionCommand connectRejected(double transactionId, String description) {
        return new NetConnectionCommand(ERROR, transactionId, null,
                List.of(status("error", "NetConnection.Connect.Rejected", description)));
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        info.put("objectEncoding", 0.0);
        return info;
    }

    /** The {@code code} of the first argument's info object, as _result and _error carry it. */
    public Optional<String> statusCode() {
        if (!arguments.isEmpty() && arguments.get(0) instanceof Map<?, ?> info && info.get("code") instanceof String code) {
            return Optional.of(code);
        }
        return Optional.empty();
    }

    /** A property of the command object (e.g. "app", "tcUrl" of connect). */
    public Optional<Object> property(String key) {
        return commandObject instanceof Map<?, ?> map ? Optional.ofNullable(map.get(key)) : Optional.empty();
    }

    /** This command as an AMF0 command message for a flow. */
    public TcMessage toMessage() {
        WireWriter out = new WireWriter();
        Amf0.write(name, out);
        Amf0.write(transactionId, out);
        Amf0.write(commandObject, out);
        arguments.forEach(a -> Amf0.write(a, out));
        return new TcMessage(TcMessage.COMMAND_AMF0, 0, Bytes.of(out.toByteArray()));
    }

    /**
     * Reads a command from an AMF0 or AMF3-wrapped command message.
     *
     * @return empty if the message is not a well-formed command
     */
    public static Optional<NetConnectionCommand> fromMessage(TcMessage message) {
        byte[] payload = message.payload().toByteArray();
        int offset;
        if (message.type() == TcMessage.COMMAND_AMF0) {
            offset = 0;
        } else if (message.type() == TcMessage.COMMAND_AMF3 && payload.length > 0 && payload[0] == 0) {
            offset = 1;
        } else {
            return Optional.empty();
        }
        try {
            List<Object> values = Amf0.readAll(new WireReader(payload, offset, payload.length - offset));
            if (values.size() < 3 || !(values.get(0) instanceof String name) || !(values.get(1) instanceof Double id)) {
                return Optional.empty();
            }
            return Optional.of(new NetConnectionCommand(name, id, values.get(2), values.subList(3, values.size())));
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
    }
}
