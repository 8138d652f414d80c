package org.webp2p.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();

    @AfterEach
    void restore() {
        System.clearProperty("io.netty.leakDetection.level");
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void aProductionNodeRunsWithoutTheDetector() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);

        LeakDetection.offUnlessAsked();

        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void anOperatorWhoAsksForTheDetectorKeepsIt() {
        System.setProperty("io.netty.leakDetection.level", "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);

        LeakDetection.offUnlessAsked();

        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
