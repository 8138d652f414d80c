package org.webp2p.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.admin.AdminService;
import org.webp2p.server.admin.AdminToken;
import sun.misc.Signal;

/**
 * Runs every service without JavaFX until SIGTERM or Ctrl-C, printing one line per service state
 * a script can read: {@code service NAME STATE ADDRESS [reason]}, then {@code ready data-dir DIR} and,
 * with admin running, {@code admin-token WHERE}: the file holding its token, or {@code config:admin.token}.
 * When every enabled service failed to start it prints {@code failed ...} instead of {@code ready}, stops
 * and returns {@link ExitCodes#FAILURE}; with only some failed it runs on.
 */
final class HeadlessNode {
    private static final Logger log = LoggerFactory.getLogger(HeadlessNode.class);

    private final ServerRuntime runtime;
    private final PrintWriter out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    HeadlessNode(ServerRuntime runtime, PrintWriter out) {
        this.runtime = runtime;
        this.out = out;
    }

    int run() {
        // Handling the signals ourselves lets the process stop in order and exit 0, which service
        // managers read as a clean stop; the hook covers every other way the JVM may end.
        Signal.handle(new Signal("TERM"), s -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), s -> stopRequested.countDown());
        Thread hook = new Thread(this::close, "webp2p-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        runtime.services().startAll();
        List<ServiceStatus> statuses = runtime.services().statuses();
        statuses.forEach(this::print);
        List<ServiceStatus> enabled = statuses.stream().filter(ServiceStatus::enabled).toList();
        if (!enabled.isEmpty() && enabled.stream().allMatch(st -> st.state() == ServiceState.FAILED)) {
            // Running on with nothing served would look healthy to a service manager; exiting 1 lets
            // systemd's Restart=on-failure act and puts the reasons above at the end of the journal.
            out.println("failed every enabled service failed to start (" + enabled.size() + "); see the reasons above");
            out.flush();
            close();
            Runtime.getRuntime().removeShutdownHook(hook);
            return ExitCodes.FAILURE;
        }
        out.println("ready data-dir " + runtime.dataDir());
        if (runtime.services().status(AdminService.NAME).state() == ServiceState.RUNNING) {
            // After "ready", so scripts reading service lines up to it see only those.
            out.println("admin-token " + AdminToken.location(runtime.config(), runtime.dataDir()));
        }
        out.flush();
        runtime.services().addListener(this::onChange);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return ExitCodes.OK;
    }

    private void onChange(ServiceEvent e) {
        if (e.to() == ServiceState.RUNNING || e.to() == ServiceState.FAILED || e.to() == ServiceState.STOPPED) {
            print(runtime.services().status(e.service()));
        }
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            log.info("stopping services");
            runtime.close();
            out.println("stopped");
            out.flush();
        }
    }

    private void print(ServiceStatus s) {
        synchronized (out) {
            out.println(ServiceLine.of(s));
            out.flush();
        }
    }
}
