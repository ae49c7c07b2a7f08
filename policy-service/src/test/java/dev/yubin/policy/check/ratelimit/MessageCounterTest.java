package dev.yubin.policy.check.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The previous hour's share of the sliding hour. */
class MessageCounterTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    @Test
    void atTheTopOfTheHourThePreviousHourCountsWhole() {
        assertThat(MessageCounter.carried(200, 0)).isEqualTo(200);
    }

    @Test
    void thePreviousHourFadesAsTheHourGoesOn() {
        assertThat(MessageCounter.carried(200, 15 * MINUTE)).isEqualTo(150);
        assertThat(MessageCounter.carried(200, 30 * MINUTE)).isEqualTo(100);
        assertThat(MessageCounter.carried(200, 45 * MINUTE)).isEqualTo(50);
        assertThat(MessageCounter.carried(200, 60 * MINUTE)).isZero();
    }

    @Test
    void partsAreRoundedUpSoThatNoBurstSlipsThroughEarly() {
        assertThat(MessageCounter.carried(3, 1)).isEqualTo(3);
        assertThat(MessageCounter.carried(3, 59 * MINUTE)).isEqualTo(1);
        assertThat(MessageCounter.carried(0, 10 * MINUTE)).isZero();
    }
}
