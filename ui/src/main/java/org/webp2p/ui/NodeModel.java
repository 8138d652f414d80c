package org.webp2p.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.config.UiSettings;

/**
 * The console's single link to the node: takes a {@link NodeSnapshot} from its {@link NodeSource} on
 * a background thread at the poll interval and publishes it to the FX thread in one hop, and runs
 * commands off the FX thread. View models observe {@link #snapshotProperty()} and never touch the
 * server directly. When the node cannot be read, {@link #problemProperty()} says why until it can.
 */
public final class NodeModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeModel.class);

    private final NodeSource source;
    private final ScheduledExecutorService poller;
    private final ExecutorService commands;
    private final ExecutorService historyLoader;
    private final ObjectProperty<NodeSnapshot> snapshot = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final List<Consumer<String>> commandFailureListeners = new CopyOnWriteArrayList<>();
    private final Duration period;
    private final SnapshotAssembler assembler;

    /** Watches the node in this process at its configured poll interval. */
    public NodeModel(ServerRuntime runtime) {
        this(new LocalNode(runtime), runtime.config().get(UiSettings.POLL_INTERVAL));
    }

    public NodeModel(NodeSource source, Duration pollInterval) {
        this.source = source;
        this.period = Duration.ofMillis(Math.max(100, pollInterval.toMillis()));
        this.assembler = new SnapshotAssembler(period);
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("webp2p-ui-poll"));
        this.commands = Executors.newSingleThreadExecutor(daemon("webp2p-ui-command"));
        this.historyLoader = Executors.newSingleThreadExecutor(daemon("webp2p-ui-history"));
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

    /** Why the node cannot be read or steered right now; empty while all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Calls {@code listener} on the FX thread with the reason of each command that fails. */
    public void onCommandFailure(Consumer<String> listener) {
        commandFailureListeners.add(listener);
    }

    /** The node in this process; empty while watching a remote one. */
    public Optional<ServerRuntime> local() {
        return source.local();
    }

    /** Where the node is, for the operator. */
    public String describe() {
        return source.describe();
    }

    /** Starts, stops or restarts a service in the background, then runs {@code done} on the FX thread. */
    public void control(String service, ServiceAction action, Runnable done) {
        commands.execute(() -> {
            try {
                source.control(service, action);
            } catch (NodeSourceException | RuntimeException e) {
                log.warn("console could not {} {}", action, service, e);
                reportFailure(action.name().toLowerCase(Locale.ROOT) + " " + service + " failed: " + e.getMessage());
            } finally {
                FxThread.run(done);
                refreshSoon();
            }
        });
    }

    /** Tells the command-failure listeners (the notifications) of something that went wrong, from any thread. */
    public void reportFailure(String what) {
        FxThread.run(() -> commandFailureListeners.forEach(l -> l.accept(what)));
    }

    /** Gets a playback token for {@code stream} in the background and hands it to the FX thread. */
    public void playbackToken(String stream, Consumer<String> onFx) {
        playbackToken(stream, onFx, why -> { });
    }

    /** As {@link #playbackToken(String, Consumer)}, and tells {@code failedOnFx} why when there is none. */
    public void playbackToken(String stream, Consumer<String> onFx, Consumer<String> failedOnFx) {
        commands.execute(() -> {
            try {
                String token = source.playbackToken(stream);
                FxThread.run(() -> onFx.accept(token));
            } catch (NodeSourceException | RuntimeException e) {
                log.warn("console could not get a token for {}", stream, e);
                String why = "token for " + stream + " failed: " + e.getMessage();
                reportFailure(why);
                FxThread.run(() -> failedOnFx.accept(why));
            }
        });
    }

    /** Reads the newest logged service events in the background and hands them to the FX thread. */
    public void loadHistory(int limit, Consumer<List<ServiceEvent>> onFx) {
        commands.execute(() -> {
            try {
                List<ServiceEvent> history = source.history(limit);
                FxThread.run(() -> onFx.accept(history));
            } catch (NodeSourceException | RuntimeException e) {
                log.warn("console could not load the event log", e);
            }
        });
    }

    /**
     * Reads a stored history on its own thread and hands it to the FX thread in one step, or why it
     * could not to {@code failed}. Reads queue behind each other, never behind a command or a poll.
     */
    public void loadTrafficHistory(String swarm, Instant from, Instant to, int maxPoints,
                                   Consumer<TrafficHistory> onFx, Consumer<String> failed) {
        historyLoader.execute(() -> {
            try {
                TrafficHistory h = source.trafficHistory(swarm, from, to, maxPoints);
                FxThread.run(() -> onFx.accept(h));
            } catch (NodeSourceException | RuntimeException e) {
                log.warn("console could not load the history of {}", swarm, e);
                FxThread.run(() -> failed.accept(e.getMessage()));
            }
        });
    }

    private void publish() {
        try {
            NodeSnapshot s = assembler.assemble(source.read());
            FxThread.run(() -> {
                snapshot.set(s);
                problem.set("");
            });
        } catch (NodeSourceException e) {
            log.debug("console could not read {}", source.describe(), e);
            FxThread.run(() -> problem.set(e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("console could not take a snapshot", e);
            FxThread.run(() -> problem.set("cannot read the node: " + e));
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        historyLoader.shutdownNow();
        commands.shutdown();
        try {
            commands.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
