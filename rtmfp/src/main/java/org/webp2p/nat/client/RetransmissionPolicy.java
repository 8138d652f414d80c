package org.webp2p.nat.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When a STUN client over UDP resends a request and when it gives up (RFC 8489 §6.2.1): send, wait
 * RTO, resend and double the wait, {@code requestCount} sends in all, then wait {@code finalWaitFactor}
 * x RTO for the last answer.
 *
 * @param initialRto the first wait (RFC 8489: at least 500 ms on the open Internet)
 * @param requestCount Rc, how many times the request is sent
 * @param finalWaitFactor Rm, the last wait in units of the initial RTO
 */
public record RetransmissionPolicy(Duration initialRto, int requestCount, int finalWaitFactor) {
    /** The defaults of RFC 8489 §6.2.1: RTO 500 ms, Rc 7, Rm 16, giving up after 39.5 s. */
    public static final RetransmissionPolicy RFC_8489 = new RetransmissionPolicy(Duration.ofMillis(500), 7, 16);

    public RetransmissionPolicy {
        Objects.requireNonNull(initialRto, "initialRto");
        if (initialRto.isNegative() || initialRto.isZero() || requestCount < 1 || finalWaitFactor < 1) {
            throw new IllegalArgumentException("RTO, request count and final wait must be positive");
        }
    }

    /** How long to wait after each send; one entry per send. */
    public List<Duration> waits() {
        List<Duration> waits = new ArrayList<>(requestCount);
        Duration rto = initialRto;
        for (int i = 0; i < requestCount - 1; i++) {
            waits.add(rto);
            rto = rto.multipliedBy(2);
        }
        waits.add(initialRto.multipliedBy(finalWaitFactor));
        return waits;
    }

    /** The time from the first send until the transaction fails. */
    public Duration timeout() {
        return waits().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
