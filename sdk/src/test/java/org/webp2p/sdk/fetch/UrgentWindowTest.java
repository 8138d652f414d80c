package org.webp2p.sdk.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrgentWindowTest {

    @Test
    void isTheConfiguredWindowUntilAFetchIsMeasured() {
        assertThat(new UrgentWindow(4000).ms()).isEqualTo(4000);
    }

    @Test
    void shrinksToTheFloorOnAFastSteadyOrigin() {
        UrgentWindow window = new UrgentWindow(4000);
        for (int i = 0; i < 20; i++) {
            window.fetched(200);
        }
        assertThat(window.ms()).isEqualTo(UrgentWindow.FLOOR_MS);
    }

    @Test
    void coversASteadySlowOriginWithItsMargin() {
        UrgentWindow window = new UrgentWindow(4000);
        for (int i = 0; i < 40; i++) {
            window.fetched(1500);
        }
        assertThat(window.ms()).isBetween(1500 + UrgentWindow.MARGIN_MS, 1600 + UrgentWindow.MARGIN_MS);
    }

    @Test
    void widensAtOnceWhenFetchTimesTurnErraticButNeverPastTheConfiguredWindow() {
        UrgentWindow window = new UrgentWindow(4000);
        for (int i = 0; i < 20; i++) {
            window.fetched(200);
        }
        window.fetched(2500);
        assertThat(window.ms()).as("one slow fetch").isGreaterThan(2000);
        for (int i = 0; i < 10; i++) {
            window.fetched(i % 2 == 0 ? 3500 : 200);
        }
        assertThat(window.ms()).isEqualTo(4000);
    }
}
