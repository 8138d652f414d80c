package org.webp2p.server.origin;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link LiveIngest} on whichever origin runs at the time of each call, so an RTMP service can hold
 * one across origin restarts. While the origin is stopped {@link #authorise} finds nothing and every
 * other call completes exceptionally with an {@link IllegalStateException}; claims do not survive a
 * restart, so a publisher from before it gets the same on its next append and has to begin again.
 */
final class OriginLiveIngest implements LiveIngest {

    /** What a running origin lends: its streams and its keys. */
    record Running(LiveStreams live, PublishKeys keys) {
    }

    private final Supplier<Optional<Running>> running;

    OriginLiveIngest(Supplier<Optional<Running>> running) {
        this.running = running;
    }

    @Override
    public Optional<String> authorise(String nameOrStreamKey, String key) {
        Optional<PublishKeys> keys = running.get().map(Running::keys);
        if (keys.isEmpty() || nameOrStreamKey == null) {
            return Optional.empty();
        }
        if (key == null || key.isEmpty()) {
            return keys.get().streamOwning(nameOrStreamKey).filter(OriginLiveIngest::publishable);
        }
        String named = keys.get().hasOwnKey(nameOrStreamKey) ? nameOrStreamKey
                : RenditionNames.ofPublished(nameOrStreamKey).orElse(nameOrStreamKey);
        return Optional.of(named).filter(n -> keys.get().allows(RenditionNames.streamOf(n), key))
                .filter(OriginLiveIngest::publishable);
    }

    @Override
    public CompletableFuture<Void> begin(String stream, InetAddress from) {
        if (!publishable(stream)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no stream can be named " + stream));
        }
        return onRunning(live -> live.claim(stream, from));
    }

    @Override
    public Optional<Duration> segmentTarget(String stream) {
        return running.get().flatMap(r -> r.live().segmentTarget(stream));
    }

    @Override
    public CompletableFuture<Void> append(String stream, byte[] segment, Duration duration) {
        return onRunning(live -> live.append(stream, segment, duration));
    }

    @Override
    public CompletableFuture<Void> end(String stream) {
        return onRunning(live -> live.release(stream));
    }

    private static boolean publishable(String stream) {
        return OriginPath.isLiveStreamName(stream) && !DemoStream.builtIn(RenditionNames.streamOf(stream));
    }

    private CompletableFuture<Void> onRunning(Function<LiveStreams, CompletableFuture<Void>> call) {
        return running.get().map(r -> call.apply(r.live()))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("the origin is stopped")));
    }
}
