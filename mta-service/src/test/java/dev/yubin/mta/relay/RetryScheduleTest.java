package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void defaultScheduleDoublesFromFiveMinutesUpToAnHour() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(1));

        assertThat(schedule.topics()).containsExactly("yubin.mail.outbound.retry.5m", "yubin.mail.outbound.retry.10m",
                "yubin.mail.outbound.retry.20m", "yubin.mail.outbound.retry.40m", "yubin.mail.outbound.retry.1h");
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMinutes(20));
        assertThat(schedule.delayAfter(5)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(40)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.topicAfter(0)).isEqualTo("yubin.mail.outbound.retry.5m");
        assertThat(schedule.topicAfter(2)).isEqualTo("yubin.mail.outbound.retry.10m");
    }

    @Test
    void labelsUseTheLargestUnitThatDividesTheDelay() {
        assertThat(RetrySchedule.label(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(RetrySchedule.label(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(RetrySchedule.label(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(RetrySchedule.label(Duration.ofHours(2))).isEqualTo("2h");
    }

    @Test
    void firstEqualToMaxIsOneTopic() {
        assertThat(new RetrySchedule(Duration.ofMinutes(30), Duration.ofMinutes(30)).topics())
                .containsExactly("yubin.mail.outbound.retry.30m");
    }

    @Test
    void maxBelowFirstIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofHours(1), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
