package org.webp2p.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.server.TestNode;

class ServiceManagerTest {
    private TestNode node;

    @AfterEach
    void close() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void stoppingFreesThePortAndStartingBindsTheSamePortAgain() throws Exception {
        int port = TestNode.freePort();
        node = TestNode.open(Map.of("admin.port", Integer.toString(port)));
        ServiceManager m = node.runtime().services();

        assertThat(m.start("admin").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(node.address("admin").getPort()).isEqualTo(port);
        assertThat(TestNode.accepts(port)).isTrue();

        assertThat(m.stop("admin").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(TestNode.canBind(port)).as("port freed at once").isTrue();

        assertThat(m.start("admin").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(TestNode.accepts(port)).isTrue();
    }

    @Test
    void portInUseLeavesServiceFailedWithReadableReasonAndRecoversLater() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            node = TestNode.open(Map.of("admin.port", Integer.toString(squatter.getLocalPort())));
            ServiceManager m = node.runtime().services();
            m.startAll();

            ServiceStatus failed = m.status("admin");
            assertThat(failed.state()).isEqualTo(ServiceState.FAILED);
            assertThat(failed.lastError()).contains("address already in use");
            assertThat(failed.addresses()).isEmpty();
        }
        ServiceManager m = node.runtime().services();
        ServiceStatus recovered = m.start("admin");
        assertThat(recovered.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(recovered.lastError()).as("the last failure stays readable").contains("address already in use");
    }

    @Test
    void aNoteReachesTheListenersAndTheEventLogAsAnEventThatLeavesTheStateAsItIs() throws Exception {
        node = TestNode.open(Map.of());
        ServiceManager m = node.runtime().services();
        List<ServiceEvent> heard = new CopyOnWriteArrayList<>();
        m.start("admin");
        m.addListener(heard::add);

        m.note("admin", "something the operator should know");

        assertThat(heard).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(ServiceState.RUNNING);
            assertThat(e.to()).isEqualTo(ServiceState.RUNNING);
            assertThat(e.detail()).isEqualTo("something the operator should know");
        });
        assertThat(node.runtime().events().recent(1)).extracting(ServiceEvent::detail)
                .containsExactly("something the operator should know");
        assertThat(m.status("admin").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void startsDependenciesFirstAndStopsDependentsFirst() throws Exception {
        node = TestNode.open(Map.of());
        List<String> calls = new CopyOnWriteArrayList<>();
        var store = new RecordingService("store", List.of(), calls);
        var tracker = new RecordingService("tracker", List.of("store"), calls);
        var api = new RecordingService("api", List.of("tracker", "store"), calls);
        ServiceManager m = new ServiceManager(node.runtime().services().context(), List.of(api, tracker, store));

        m.startAll();
        assertThat(calls).containsExactly("start store", "start tracker", "start api");
        assertThat(m.names()).containsExactly("store", "tracker", "api");

        calls.clear();
        m.stop("store");
        assertThat(calls).containsExactly("stop api", "stop tracker", "stop store");
        assertThat(m.statuses()).allMatch(s -> s.state() == ServiceState.STOPPED);
    }

    @Test
    void dependentOfFailedServiceFailsNamingTheDependency() throws Exception {
        node = TestNode.open(Map.of());
        List<String> calls = new ArrayList<>();
        var broken = new RecordingService("store", List.of(), calls) {
            @Override
            public void start(ServiceContext context) {
                throw new IllegalStateException("disk is read-only");
            }
        };
        var api = new RecordingService("api", List.of("store"), calls);
        ServiceManager m = new ServiceManager(node.runtime().services().context(), List.of(broken, api));

        m.startAll();
        assertThat(m.status("store").lastError()).isEqualTo("disk is read-only");
        assertThat(m.status("api").state()).isEqualTo(ServiceState.FAILED);
        assertThat(m.status("api").lastError()).contains("needs store").contains("disk is read-only");
        assertThat(calls).doesNotContain("start api");
    }

    @Test
    void disabledServiceStaysStoppedOnStartAllButOperatorCanStartIt() throws Exception {
        node = TestNode.open(Map.of("admin.enabled", "false"));
        ServiceManager m = node.runtime().services();
        m.startAll();
        assertThat(m.status("admin").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(m.status("admin").enabled()).isFalse();
        assertThat(m.start("admin").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void everyTransitionReachesListenersAndThePersistentEventLog() throws Exception {
        node = TestNode.open(Map.of());
        ServiceManager m = node.runtime().services();
        List<ServiceEvent> seen = new CopyOnWriteArrayList<>();
        m.addListener(seen::add);
        m.start("admin");
        m.restart("admin");

        assertThat(seen).extracting(ServiceEvent::to).containsExactly(
                ServiceState.STARTING, ServiceState.RUNNING, ServiceState.STOPPING, ServiceState.STOPPED,
                ServiceState.STARTING, ServiceState.RUNNING);
        assertThat(node.runtime().events().recent(10)).hasSize(6)
                .first().satisfies(e -> assertThat(e.to()).isEqualTo(ServiceState.RUNNING));
    }


    /** A service that only records the order it is driven in. */
    private static class RecordingService implements Service {
        private final String name;
        private final List<String> deps;
        private final List<String> calls;

        RecordingService(String name, List<String> deps, List<String> calls) {
            this.name = name;
            this.deps = deps;
            this.calls = calls;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> dependencies() {
            return deps;
        }

        @Override
        public void start(ServiceContext context) {
            calls.add("start " + name);
        }

        @Override
        public void stop() {
            calls.add("stop " + name);
        }

        @Override
        public List<InetSocketAddress> boundAddresses() {
            return List.of();
        }
    }
}
