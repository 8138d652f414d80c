package org.webp2p.server.pingback;

import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import org.h2.api.Trigger;

/**
 * An H2 trigger that holds the first row inserted until released, so a test can act while a real
 * write is in progress. Like a database waiting on its disk, it does not give up when interrupted;
 * the interrupt stays set for whatever the writing thread does next.
 */
public final class HoldingTrigger implements Trigger {
    private static volatile CountDownLatch entered = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);

    static void arm() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    static boolean holding() {
        return entered.getCount() == 0 && release.getCount() > 0;
    }

    static void release() {
        release.countDown();
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        entered.countDown();
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
