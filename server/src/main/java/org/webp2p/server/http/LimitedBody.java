package org.webp2p.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Answers read by our own HTTP clients ({@code java.net.http}) from other nodes, up to a limit: an
 * answer that says it is larger is refused before its body is read, and one that turns out larger
 * is cut off there, so a broken or hostile node cannot make a client hold more than {@code max}
 * bytes. The failure is an {@link IOException} that says so.
 */
public final class LimitedBody {
    private LimitedBody() {
    }

    /** The whole body as bytes, if it is at most {@code max} bytes long. */
    public static HttpResponse.BodyHandler<byte[]> ofBytes(long max) {
        return info -> new Subscriber(max, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** The whole body as UTF-8 text (JSON), if it is at most {@code max} bytes long. */
    public static HttpResponse.BodyHandler<String> ofUtf8(long max) {
        HttpResponse.BodyHandler<byte[]> bytes = ofBytes(max);
        return info -> HttpResponse.BodySubscribers.mapping(bytes.apply(info), b -> new String(b, StandardCharsets.UTF_8));
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Subscriber(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                refuse("says it is " + declared + " bytes");
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (b.remaining() > max - bytes.size()) {
                    refuse("goes on past that");
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        private void refuse(String why) {
            subscription.cancel();
            body.completeExceptionally(new IOException("the answer is larger than " + max + " bytes: it " + why));
        }
    }
}
