package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class LoadRedirectTest {
    private static final InetSocketAddress INITIATOR = new InetSocketAddress("10.0.0.9", 5000);
    private static final List<InetSocketAddress> SIBLINGS = List.of(new InetSocketAddress("10.0.0.2", 1935),
            new InetSocketAddress("10.0.0.3", 1935));

    @Test
    void answersHereBelowTheLimitAndRedirectsFromIt() {
        AtomicInteger sessions = new AtomicInteger(1);
        LongAdder redirects = new LongAdder();
        LoadRedirect policy = new LoadRedirect(SIBLINGS, 2, sessions::get, redirects);

        assertThat(policy.redirectFor(INITIATOR)).isEmpty();
        sessions.set(2);
        assertThat(policy.redirectFor(INITIATOR)).isEqualTo(SIBLINGS);
        assertThat(redirects.sum()).isEqualTo(1);
    }

    @Test
    void redirectsEveryoneWhileDraining() {
        LoadRedirect policy = new LoadRedirect(SIBLINGS, 100, () -> 0, new LongAdder());

        policy.drain();

        assertThat(policy.redirectFor(INITIATOR)).isEqualTo(SIBLINGS);
    }

    @Test
    void withoutSiblingsAnswersEvenWhenFull() {
        LongAdder redirects = new LongAdder();
        LoadRedirect policy = new LoadRedirect(List.of(), 1, () -> 5, redirects);
        policy.drain();

        assertThat(policy.redirectFor(INITIATOR)).isEmpty();
        assertThat(redirects.sum()).isZero();
    }
}
