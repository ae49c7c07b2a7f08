package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger open = new AtomicInteger();
    private final ListenerMetrics metrics = new ListenerMetrics(registry, "yubin.mta.smtp.replies", "yubin.mta.smtp.sessions", "port 25", open::get);

    @Test
    void repliesAreCountedByClassUnderTheServicePrefix() {
        metrics.reply(250);
        metrics.reply(550);
        metrics.reply(554);
        metrics.reply(999);   // no such class: not counted, no failure

        assertThat(registry.get("yubin.mta.smtp.replies").tag("class", "2xx").counter().count()).isEqualTo(1);
        assertThat(registry.get("yubin.mta.smtp.replies").tag("class", "5xx").counter().count()).isEqualTo(2);
        assertThat(registry.get("yubin.mta.smtp.replies").tag("class", "4xx").counter().count()).isZero();
    }

    @Test
    void theSessionGaugeReadsTheListenerNow() {
        open.set(7);

        assertThat(registry.get("yubin.mta.smtp.sessions").gauge().value()).isEqualTo(7);
        assertThat(registry.get("yubin.mta.smtp.sessions").gauge().getId().getDescription())
                .isEqualTo("Open SMTP sessions on port 25");
    }
}
