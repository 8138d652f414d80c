package org.webp2p.server.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

/**
 * Answers GET and HEAD for a {@link Servable}: validators first (If-None-Match, then
 * If-Modified-Since, RFC 9110 §13.2.2), then a single byte range, then the body from memory or by
 * zero-copy file transfer.
 */
final class ResourceResponder {
    /** File parts up to this size are copied rather than sent with sendfile; see {@link #fileBody}. */
    static final long COPY_LIMIT = 128 * 1024;

    private ResourceResponder() {
    }

    static void respond(ChannelHandlerContext ctx, FullHttpRequest req, Servable s, StreamTraffic traffic) {
        long length = s.body().length();
        if (notModified(req.headers(), s)) {
            traffic.notModified();
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.NOT_MODIFIED);
            validators(res, s);
            // RFC 9110 §8.6 allows the 200's length here, and without a length the keep-alive
            // handler could not tell where the answer ends and would close a CDN's connection.
            HttpUtil.setContentLength(res, length);
            HttpReplies.send(ctx, res);
            return;
        }
        RangeRequest range = req.method().equals(HttpMethod.GET) && rangeApplies(req.headers(), s)
                ? RangeRequest.parse(req.headers().get(HttpHeaderNames.RANGE), length)
                : new RangeRequest.Whole();
        if (range instanceof RangeRequest.Unsatisfiable) {
            traffic.answered(StreamTraffic.Answer.RANGE_NOT_SATISFIABLE, 0);
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, CachePolicy.ERROR);
            HttpReplies.send(ctx, res);
            return;
        }
        long first = 0;
        long count = length;
        HttpResponseStatus status = HttpResponseStatus.OK;
        if (range instanceof RangeRequest.Part part) {
            first = part.first();
            count = part.length();
            status = HttpResponseStatus.PARTIAL_CONTENT;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        Optional<ByteBuf> pooled = !head && s.body() instanceof PooledBytes p ? p.retainedSlice(first, count)
                : Optional.empty();
        boolean fromMemory = s.body() instanceof Servable.InMemory
                || s.body() instanceof PooledBytes && (head || pooled.isPresent());
        Object body;
        if (head) {
            body = Unpooled.EMPTY_BUFFER;
        } else if (s.body() instanceof Servable.InMemory) {
            body = memorySlice(s, first, count);
        } else if (pooled.isPresent()) {
            body = pooled.get();
        } else {
            // A pooled segment the window let go since the lookup is on disk if its stream ended,
            // and gone if it left the window.
            try {
                Path file = s.body() instanceof PooledBytes p ? p.file() : ((Servable.OnDisk) s.body()).path();
                body = fileBody(ctx, file, first, count);
            } catch (NoSuchFileException e) {
                traffic.answered(StreamTraffic.Answer.GONE, 0);
                HttpReplies.send(ctx, HttpReplies.error(HttpResponseStatus.NOT_FOUND, "no longer available"));
                return;
            } catch (IOException e) {
                traffic.answered(StreamTraffic.Answer.READ_FAILED, 0);
                HttpReplies.send(ctx, HttpReplies.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read file"));
                return;
            }
        }
        HttpResponse res = body instanceof ByteBuf content
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content)
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        validators(res, s);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, s.contentType());
        res.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        if (status.equals(HttpResponseStatus.PARTIAL_CONTENT)) {
            res.headers().set(HttpHeaderNames.CONTENT_RANGE,
                    "bytes " + first + "-" + (first + count - 1) + "/" + length);
        }
        HttpUtil.setContentLength(res, count);
        // Counted before writing, so a client that has its answer also sees it counted.
        traffic.answered(StreamTraffic.Answer.served(status.equals(HttpResponseStatus.PARTIAL_CONTENT),
                fromMemory), head ? 0 : count);
        if (res instanceof DefaultFullHttpResponse) {
            ctx.writeAndFlush(res);
        } else {
            ctx.write(res);
            ctx.write(body);
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    /**
     * A file part to send: zero-copy (sendfile) for large parts; small ones are read into one buffer
     * that leaves with the headers in a single write. NIO has no TCP_CORK, so headers written before
     * a sendfile go out in a packet of their own, which for small segments costs more than the copy.
     */
    private static Object fileBody(ChannelHandlerContext ctx, Path path, long first, long count) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        if (count > COPY_LIMIT) {
            return new DefaultFileRegion(file, first, count);
        }
        ByteBuf buf = ctx.alloc().directBuffer((int) count);
        try (file) {
            while (buf.writerIndex() < count) {
                int read = buf.writeBytes(file, first + buf.writerIndex(), (int) count - buf.writerIndex());
                if (read < 0) {
                    throw new IOException("file shrank while being read: " + path);
                }
            }
            return buf;
        } catch (IOException e) {
            buf.release();
            throw e;
        }
    }

    private static ByteBuf memorySlice(Servable s, long first, long count) {
        ByteBuffer bytes = ((Servable.InMemory) s.body()).bytes().duplicate();
        bytes.position((int) first).limit((int) (first + count));
        return Unpooled.wrappedBuffer(bytes.slice());
    }

    private static void validators(HttpResponse res, Servable s) {
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.ETAG, s.etag());
        h.set(HttpHeaderNames.CACHE_CONTROL, s.cacheControl());
        h.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        s.lastModified().ifPresent(t -> h.set(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(Date.from(t))));
    }

    private static boolean notModified(HttpHeaders h, Servable s) {
        String ifNoneMatch = h.get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, s.etag(), true);
        }
        String ifModifiedSince = h.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || s.lastModified().isEmpty()) {
            return false;
        }
        Date since = DateFormatter.parseHttpDate(ifModifiedSince);
        Instant modified = s.lastModified().get().truncatedTo(ChronoUnit.SECONDS);
        return since != null && !modified.isAfter(since.toInstant());
    }

    /** If-Range (RFC 9110 §13.1.5): the range applies only to the representation the client has. */
    private static boolean rangeApplies(HttpHeaders h, Servable s) {
        String ifRange = h.get(HttpHeaderNames.IF_RANGE);
        return ifRange == null || matches(ifRange, s.etag(), false);
    }

    /** Entity-tag list comparison: weak for If-None-Match (§13.1.2), strong for If-Range. */
    private static boolean matches(String header, String etag, boolean weak) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") && weak) {
                return true;
            }
            if (weak && tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
