package org.webp2p.ui.simulator;

import java.io.IOException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.sdk.sim.SimulationReport;
import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.NodeModel;

/**
 * The Simulator page: the form's fields and whether they make a valid plan, one run at a time on
 * its own thread, its progress lines and its final report.
 */
public final class SimulatorViewModel {
    private static final Logger log = LoggerFactory.getLogger(SimulatorViewModel.class);

    private final StringProperty stream = new SimpleStringProperty("demo");
    private final StringProperty peers = new SimpleStringProperty("10");
    private final StringProperty natMix = new SimpleStringProperty("open=10,full=20,restricted=20,port=30,symmetric=20");
    private final StringProperty churn = new SimpleStringProperty("0");
    private final StringProperty duration = new SimpleStringProperty("1m");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<SimulationReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> progress = FXCollections.observableArrayList();
    private final SimulationRunner runner;
    private final NodeModel node;
    private SimulationPlan plan;
    private Thread worker;
    private volatile boolean stopping;

    /** {@code runtime} is the node in this process that {@code node} shows: the simulator plays against it. */
    public SimulatorViewModel(NodeModel node, ServerRuntime runtime) {
        this.node = node;
        this.runner = new SimulationRunner(runtime);
        ChangeListener<String> check = (obs, was, now) -> validate();
        for (StringProperty field : new StringProperty[] {stream, peers, natMix, churn, duration}) {
            field.addListener(check);
        }
        validate();
    }

    private void validate() {
        try {
            plan = SimulationPlan.parse(stream.get(), peers.get(), natMix.get(), churn.get(), duration.get());
            problem.set("");
        } catch (IllegalArgumentException e) {
            plan = null;
            problem.set(e.getMessage());
        }
    }

    /** Starts the simulation the fields describe, unless they are invalid or one is running. */
    public void start() {
        if (plan == null || running.get()) {
            return;
        }
        SimulationPlan chosen = plan;
        progress.clear();
        report.set(null);
        running.set(true);
        stopping = false;
        worker = new Thread(() -> play(chosen), "webp2p-ui-simulator");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Starts {@code peers} viewers of {@code stream} for {@code duration} ({@code 10m}), with the
     * default NAT mix and no churn, through the form, so the Simulator page shows what runs.
     */
    public void start(String stream, int peers, String duration) {
        this.stream.set(stream);
        this.peers.set(Integer.toString(peers));
        this.churn.set("0");
        this.duration.set(duration);
        start();
    }

    /**
     * Ends the running simulation early: its peers leave the swarm and the report covers what ran.
     */
    public void stop() {
        if (running.get()) {
            stopping = true;
            runner.stop();
        }
    }

    private void play(SimulationPlan chosen) {
        try {
            SimulationReport r = runner.run(chosen, line -> FxThread.run(() -> progress.add(line)));
            boolean early = stopping;
            FxThread.run(() -> {
                if (early) {
                    progress.add("stopped after " + r.durationMs() / 1000 + " s; the report covers that time");
                }
                report.set(r);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            FxThread.run(() -> progress.add("simulation interrupted: no report"));
        } catch (IOException | RuntimeException e) {
            log.warn("simulation failed", e);
            FxThread.run(() -> progress.add("simulation failed: " + e.getMessage()));
        } finally {
            FxThread.run(() -> running.set(false));
            node.refreshSoon();
        }
    }

    public StringProperty streamProperty() {
        return stream;
    }

    public StringProperty peersProperty() {
        return peers;
    }

    public StringProperty natMixProperty() {
        return natMix;
    }

    public StringProperty churnProperty() {
        return churn;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    /** Why the fields do not make a plan, or empty when they do. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last run's report (up to where it was stopped), null while one runs or when it failed. */
    public ReadOnlyObjectProperty<SimulationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<String> progress() {
        return progress;
    }
}
