package org.webp2p.server.rtmp.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.flash.TcMessage;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.server.rtmp.wire.RtmpMessage;

/**
 * NetConnection and NetStream commands between {@link RtmpMessage}s and the AMF0 command record the
 * RTMFP side already has ({@link NetConnectionCommand}: the same AMF0 body, framed by RTMFP there and
 * by chunks here), and the answers encoders wait for.
 */
final class Commands {
    static final String ON_STATUS = "onStatus";

    private Commands() {
    }

    /** The command in an AMF0 or AMF3-wrapped command message; empty when it does not decode as one. */
    static Optional<NetConnectionCommand> decode(RtmpMessage message) {
        return NetConnectionCommand.fromMessage(new TcMessage(message.type(), message.timestamp(), Bytes.of(message.payload())));
    }

    static RtmpMessage encode(NetConnectionCommand command, int streamId) {
        TcMessage framed = command.toMessage();
        return new RtmpMessage(framed.type(), 0, streamId, framed.payload().toByteArray());
    }

    /** {@code _result} with no command object, as answers to everything but {@code connect} carry. */
    static NetConnectionCommand result(double transactionId, List<Object> values) {
        return new NetConnectionCommand(NetConnectionCommand.RESULT, transactionId, null, values);
    }

    /** A NetStream status event; {@code level} is {@code status} or {@code error}. */
    static NetConnectionCommand onStatus(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return new NetConnectionCommand(ON_STATUS, 0, null, List.of(info));
    }

    /** The first argument as text, where publish, releaseStream and FCPublish put the stream name. */
    static Optional<String> firstText(NetConnectionCommand command) {
        return command.arguments().isEmpty() || !(command.arguments().get(0) instanceof String s)
                ? Optional.empty() : Optional.of(s);
    }
}
