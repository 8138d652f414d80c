package org.webp2p.ui.nat;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.webp2p.protocol.admin.NodeState.OriginAccess;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.sdk.ConnectivityViaApi;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/**
 * The NAT page's connectivity check: the SDK's {@link ConnectivityViaApi} from this machine against
 * the node the console watches, as a viewer here would meet it (the node's API, STUN and
 * rendezvous, over the network). The check runs on its own threads, never the FX thread; its plain
 * words come back to the FX thread in one hop.
 */
public final class ConnectivityViewModel {
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    /** STUN and the RTMFP handshake have shorter timeouts inside: this only bounds a node that hangs. */
    private static final long CHECK_SECONDS = 75;

    private final NodeModel node;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(
            "Not run yet. The check classifies this machine's NAT with the node's STUN service and opens a "
                    + "session to its rendezvous, as a viewer here would.");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();

    public ConnectivityViewModel(NodeModel node) {
        this.node = node;
    }

    /** Starts a check unless one is running; what it finds shows in {@link #resultProperty()}. */
    public void check() {
        FxThread.require("starting the connectivity check");
        if (running.get()) {
            return;
        }
        NodeSnapshot s = node.snapshotProperty().get();
        Optional<String> api = Optional.ofNullable(s).flatMap(NodeSnapshot::origin).map(OriginAccess::apiUrl);
        if (api.isEmpty()) {
            result.set("Cannot check: the node's API is not running, and the check asks it for a session first.");
            return;
        }
        Optional<String> stream = s.streams().stream()
                .min(Comparator.comparing((StreamStats t) -> t.kind() != StreamStats.Kind.LIVE))
                .map(StreamStats::name);
        if (stream.isEmpty()) {
            result.set("Cannot check: the node has no stream to ask a session for.");
            return;
        }
        running.set(true);
        result.set("Checking " + api.get() + " …");
        node.playbackToken(stream.get(), token -> run(URI.create(api.get()), stream.get(), token),
                why -> finish("Cannot check: " + why));
    }

    private void run(URI api, String stream, String token) {
        ConnectivityViaApi.check(api, stream, token, API_TIMEOUT)
                .orTimeout(API_TIMEOUT.toSeconds() + CHECK_SECONDS, TimeUnit.SECONDS)
                .handle((report, failure) -> report != null ? report.summary()
                        : "The check could not run: " + cause(failure).getMessage())
                .thenAccept(words -> FxThread.run(() -> finish(words)));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void finish(String words) {
        result.set(words);
        running.set(false);
    }

    /** What the last check found, in plain words, or why it could not run. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** True from the click until the words are in. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
