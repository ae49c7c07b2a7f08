package dev.yubin.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.kafka.Topics;
import org.junit.jupiter.api.Test;

class PlatformTopicsTest {

    @Test
    void theDevstackCreatesTheTopicsTheServicesUseUnderTheirDefaults() {
        assertThat(PlatformTopics.NAMES).containsExactly(
                "yubin.mail.inbound",
                "yubin.mail.outbound",
                "yubin.mail.events",
                Topics.INBOUND_DLT,
                // the relay's RetrySchedule with first=5m, max=1h: one topic per distinct delay
                "yubin.mail.outbound.retry.5m",
                "yubin.mail.outbound.retry.10m",
                "yubin.mail.outbound.retry.20m",
                "yubin.mail.outbound.retry.40m",
                "yubin.mail.outbound.retry.1h");
    }
}
