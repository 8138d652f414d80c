package org.webp2p.ui.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void putsTheLayoutOriginAtTheCanvasCentreUntilPanned() {
        Viewport v = new Viewport();
        v.resize(800, 600);
        assertThat(v.toScreenX(0)).isEqualTo(400);
        assertThat(v.toScreenY(0)).isEqualTo(300);

        v.pan(10, -20);
        assertThat(v.toScreenX(0)).isEqualTo(410);
        assertThat(v.toLayoutY(280)).isEqualTo(0);
    }

    @Test
    void zoomKeepsThePointUnderTheCursorStill() {
        Viewport v = new Viewport();
        v.resize(800, 600);
        double lx = v.toLayoutX(100);
        double ly = v.toLayoutY(50);

        v.zoomAt(100, 50, 2.5);

        assertThat(v.zoom()).isEqualTo(2.5);
        assertThat(v.toScreenX(lx)).isCloseTo(100, within(1e-9));
        assertThat(v.toScreenY(ly)).isCloseTo(50, within(1e-9));
    }

    @Test
    void zoomStaysWithinItsBounds() {
        Viewport v = new Viewport();
        v.zoomAt(0, 0, 1000);
        assertThat(v.zoom()).isEqualTo(Viewport.MAX_ZOOM);
        v.zoomAt(0, 0, 1e-6);
        assertThat(v.zoom()).isEqualTo(Viewport.MIN_ZOOM);
    }
}
