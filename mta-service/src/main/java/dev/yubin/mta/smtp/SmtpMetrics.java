package dev.yubin.mta.smtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** Replies by code class ({@code yubin.mta.smtp.replies{class=5xx}}) and open sessions. */
final class SmtpMetrics {

    private final Counter[] repliesByClass = new Counter[6];

    SmtpMetrics(MeterRegistry registry, IntSupplier openSessions) {
        for (int replyClass = 2; replyClass <= 5; replyClass++) {
            repliesByClass[replyClass] = Counter.builder("yubin.mta.smtp.replies")
                    .description("SMTP replies sent on port 25, by code class")
                    .tag("class", replyClass + "xx")
                    .register(registry);
        }
        Gauge.builder("yubin.mta.smtp.sessions", openSessions, IntSupplier::getAsInt)
                .strongReference(true)   // a gauge holds its object weakly: the lambda would be collected
                .description("Open SMTP sessions on port 25")
                .register(registry);
    }

    void reply(int code) {
        int replyClass = code / 100;
        if (replyClass >= 2 && replyClass <= 5) {
            repliesByClass[replyClass].increment();
        }
    }
}
