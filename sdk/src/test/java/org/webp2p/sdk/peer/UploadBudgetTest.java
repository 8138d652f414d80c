package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadBudgetTest {

    @Test
    void allowsHalfASecondOfBurstThenTheConfiguredRate() {
        UploadBudget budget = new UploadBudget(800); // 100 bytes per ms
        assertThat(budget.available(0)).isEqualTo(50_000);

        budget.spend(60_000, 0);
        assertThat(budget.available(0)).as("in debt by one chunk").isNegative();
        assertThat(budget.available(100)).isZero();
        assertThat(budget.available(200)).isEqualTo(10_000);
        assertThat(budget.available(10_000)).as("never more than the burst").isEqualTo(50_000);
    }

    @Test
    void zeroMeansUnlimited() {
        UploadBudget budget = new UploadBudget(0);
        budget.spend(1L << 40, 0);
        assertThat(budget.available(0)).isEqualTo(Long.MAX_VALUE);
    }
}
