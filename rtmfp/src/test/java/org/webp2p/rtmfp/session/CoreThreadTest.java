package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.LocalIdentity;

/** The core's state is its thread's alone: a datagram or a tick from elsewhere is refused, not raced. */
class CoreThreadTest {
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();

    private final RtmfpCore core = new FakeNetwork(1).add("10.0.0.1", 1935,
            LocalIdentity.ephemeral(PARAMS.dhGroups(), true, 256, new SecureRandom()), PARAMS);

    @Test
    void entryPointsRunOnTheCoresThread() {
        core.onTick();
        core.onDatagram(new InetSocketAddress("10.0.0.2", 5000), new byte[] {1, 2, 3});

        assertThat(core.drops().total()).as("the bad datagram was counted, on the right thread").isEqualTo(1);
    }

    @Test
    void entryPointsRefuseAnotherThread() {
        assertThatThrownBy(() -> CompletableFuture.runAsync(core::onTick).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("onTick must run on the RTMFP core's thread");
        assertThatThrownBy(() -> CompletableFuture.runAsync(() -> core.onDatagram(
                new InetSocketAddress("10.0.0.2", 5000), new byte[] {1, 2, 3})).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("onDatagram");
        assertThat(core.drops().total()).as("nothing was half done").isZero();
    }
}
