package dev.yubin.msa.smtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** Replies by code class ({@code yubin.msa.smtp.replies{class=5xx}}) and open sessions of both listeners. */
final class SmtpMetrics {

    private final Counter[] repliesByClass = new Counter[6];

    SmtpMetrics(MeterRegistry registry, IntSupplier openSessions) {
        for (int replyClass = 2; replyClass <= 5; replyClass++) {
            repliesByClass[replyClass] = Counter.builder("yubin.msa.smtp.replies")
                    .description("SMTP replies sent on the submission ports, by code class")
                    .tag("class", replyClass + "xx")
                    .register(registry);
        }
        Gauge.builder("yubin.msa.smtp.sessions", openSessions, IntSupplier::getAsInt)
                .strongReference(true)   // a gauge holds its object weakly: the lambda would be collected
                .description("Open SMTP sessions on the submission ports (587 and 465)")
                .register(registry);
    }

    void reply(int code) {
        int replyClass = code / 100;
        if (replyClass >= 2 && replyClass <= 5) {
            repliesByClass[replyClass].increment();
        }
    }
}
