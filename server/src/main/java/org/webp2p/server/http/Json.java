package org.webp2p.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import org.webp2p.protocol.Problem;
import org.webp2p.protocol.WireJson;

/**
 * The JSON edge of every HTTP service: the protocol's mapping, strict about requests (see
 * {@link WireJson}), and the response shapes services answer with.
 */
public final class Json {
    public static final ObjectMapper MAPPER = WireJson.strict();

    private Json() {
    }

    public static FullHttpResponse response(HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON + "; charset=utf-8");
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    /** Every error any service answers has this body: {@code {"code": ..., "reason": ...}}. */
    public static FullHttpResponse error(HttpResponseStatus status, String code, String reason) {
        return response(status, new Problem(code, reason));
    }

    /** Reads a request body as {@code type}; malformed JSON becomes a 400 with the parser's reason. */
    public static <T> T read(ByteBuf content, Class<T> type) {
        if (!content.isReadable()) {
            throw HttpProblem.badRequest("request body is empty; expected JSON");
        }
        try (ByteBufInputStream in = new ByteBufInputStream(content.duplicate())) {
            return MAPPER.readValue((InputStream) in, type);
        } catch (ValueInstantiationException e) {
            // A record's own validation refused a value: its message is the reason to show.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw HttpProblem.badRequest(String.valueOf(cause.getMessage()));
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "malformed JSON" : e.getMessage().lines().findFirst().orElse("");
            throw HttpProblem.badRequest("invalid JSON body: " + msg);
        }
    }
}
