package org.webp2p.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.service.ServiceEvent;

/**
 * The console's single link to the node: takes a {@link NodeSnapshot} on a background thread at the
 * poll interval and publishes it to the FX thread in one hop, and runs lifecycle commands off the
 * FX thread. View models observe {@link #snapshotProperty()} and never touch the server directly.
 */
public final class NodeModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeModel.class);

    private final ServerRuntime runtime;
    private final ScheduledExecutorService poller;
    private final ExecutorService commands;
    private final ConcurrentLinkedQueue<ServiceEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private final Consumer<ServiceEvent> eventSink = pendingEvents::add;
    private final ObjectProperty<NodeSnapshot> snapshot = new SimpleObjectProperty<>();
    private final Duration period;
    private final SnapshotReader reader;
    // Events stay here until a snapshot carrying them is made, so a failed read does not lose them.
    private final List<ServiceEvent> unpublished = new ArrayList<>();

    public NodeModel(ServerRuntime runtime) {
        this.runtime = runtime;
        this.period = Duration.ofMillis(Math.max(100, runtime.config().duration("ui.poll-interval").toMillis()));
        this.reader = new SnapshotReader(runtime, period);
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("webp2p-ui-poll"));
        this.commands = Executors.newSingleThreadExecutor(daemon("webp2p-ui-command"));
        runtime.services().addListener(eventSink);
    }

    /** Starts polling; the first snapshot is taken at once. */
    public void start() {
        poller.scheduleWithFixedDelay(this::publish, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes a snapshot now and publishes it, so a command's outcome shows without waiting a tick. */
    public void refreshSoon() {
        poller.execute(this::publish);
    }

    public ReadOnlyObjectProperty<NodeSnapshot> snapshotProperty() {
        return snapshot;
    }

    public ServerRuntime runtime() {
        return runtime;
    }

    /** Runs a lifecycle command in the background, then {@code done} on the FX thread. */
    public void command(Runnable action, Runnable done) {
        commands.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("console command failed", e);
            } finally {
                FxThread.run(done);
                refreshSoon();
            }
        });
    }

    /** Runs a read in the background and hands the result to the FX thread. */
    public <T> void load(java.util.concurrent.Callable<T> read, Consumer<T> onFx) {
        commands.execute(() -> {
            try {
                T value = read.call();
                FxThread.run(() -> onFx.accept(value));
            } catch (Exception e) {
                log.warn("console could not load data", e);
            }
        });
    }

    private void publish() {
        try {
            for (ServiceEvent e; (e = pendingEvents.poll()) != null; ) {
                unpublished.add(e);
            }
            NodeSnapshot s = reader.read(unpublished);
            unpublished.clear();
            FxThread.run(() -> snapshot.set(s));
        } catch (RuntimeException e) {
            log.warn("console could not take a snapshot", e);
        }
    }

    @Override
    public void close() {
        runtime.services().removeListener(eventSink);
        poller.shutdownNow();
        commands.shutdown();
        try {
            commands.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
