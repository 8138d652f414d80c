package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UnclaimedUploadsTest {
    private final InetAddress encoder = InetAddress.getLoopbackAddress();
    private final InetAddress stranger = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});

    UnclaimedUploadsTest() throws Exception {
    }

    @Test
    void handsAnUploadOnlyToTheAddressThatMadeIt() {
        UnclaimedUploads u = new UnclaimedUploads(1000);
        u.hold("cam", "index0.ts", encoder, new byte[10]);

        assertThat(u.claim("cam", "index0.ts", stranger)).isEmpty();
        assertThat(u.claim("other", "index0.ts", encoder)).isEmpty();
        assertThat(u.claim("cam", "index0.ts", encoder)).hasValueSatisfying(b -> assertThat(b).hasSize(10));
        assertThat(u.claim("cam", "index0.ts", encoder)).isEmpty();
        assertThat(u.heldBytes()).isZero();
    }

    @Test
    void dropsTheOldestUploadsBeyondItsCap() {
        UnclaimedUploads u = new UnclaimedUploads(250);
        u.hold("cam", "index0.ts", encoder, new byte[100]);
        u.hold("cam", "index1.ts", encoder, new byte[100]);
        u.hold("cam", "index2.ts", encoder, new byte[100]);

        assertThat(u.heldBytes()).isEqualTo(200);
        assertThat(u.claim("cam", "index0.ts", encoder)).isEmpty();
        assertThat(u.claim("cam", "index2.ts", encoder)).isPresent();
    }

    @Test
    void replacesAnUploadOfTheSameName() {
        UnclaimedUploads u = new UnclaimedUploads(1000);
        u.hold("cam", "index0.ts", encoder, new byte[100]);
        u.hold("cam", "index0.ts", encoder, new byte[30]);
        u.drop("cam", "missing.ts", encoder);

        assertThat(u.heldBytes()).isEqualTo(30);
        u.drop("cam", "index0.ts", encoder);
        assertThat(u.heldBytes()).isZero();
    }
}
