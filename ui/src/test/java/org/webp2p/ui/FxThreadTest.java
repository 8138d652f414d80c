package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FxThreadTest {
    @Test
    void requireNamesWhatRanOffTheFxThreadAndWhere() {
        assertThatThrownBy(() -> FxThread.require("the peers view model's update"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the peers view model's update must run on the FX thread, not "
                        + Thread.currentThread().getName());
    }
}
