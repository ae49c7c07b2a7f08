package dev.yubin.smtp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * What every SMTP listener of ours counts, under its service's prefix: replies by code class
 * ({@code PREFIX.smtp.replies{class=5xx}}) and open sessions ({@code PREFIX.smtp.sessions}, the
 * autoscalers' metric).
 */
public final class ListenerMetrics {

    private final Counter[] repliesByClass = new Counter[6];

    /**
     * @param prefix       {@code yubin.mta} or {@code yubin.msa}
     * @param listeners    the listeners in words, for the descriptions ("port 25")
     * @param openSessions the sessions open now
     */
    public ListenerMetrics(MeterRegistry registry, String prefix, String listeners, IntSupplier openSessions) {
        for (int replyClass = 2; replyClass <= 5; replyClass++) {
            repliesByClass[replyClass] = Counter.builder(prefix + ".smtp.replies")
                    .description("SMTP replies sent on " + listeners + ", by code class")
                    .tag("class", replyClass + "xx")
                    .register(registry);
        }
        Gauge.builder(prefix + ".smtp.sessions", openSessions, IntSupplier::getAsInt)
                .strongReference(true)   // a gauge holds its object weakly: the lambda would be collected
                .description("Open SMTP sessions on " + listeners)
                .register(registry);
    }

    /** Counts one final reply; the code the listener's reply stream saw. */
    public void reply(int code) {
        int replyClass = code / 100;
        if (replyClass >= 2 && replyClass <= 5) {
            repliesByClass[replyClass].increment();
        }
    }
}
