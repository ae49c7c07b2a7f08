package dev.yubin.smtp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * What every SMTP listener of ours counts, under its service's names: replies by code class
 * (e.g. {@code yubin.mta.smtp.replies{class=5xx}}) and open sessions (e.g.
 * {@code yubin.mta.smtp.sessions}, the autoscalers' metric). The names are spelled out where a
 * service creates its metrics, so that the deploy checks find every exported name in its code.
 */
public final class ListenerMetrics {

    private final Counter[] repliesByClass = new Counter[6];

    /**
     * @param repliesName  the counter of replies, tagged {@code class}
     * @param sessionsName the gauge of open sessions
     * @param listeners    the listeners in words, for the descriptions ("port 25")
     * @param openSessions the sessions open now
     */
    public ListenerMetrics(MeterRegistry registry, String repliesName, String sessionsName, String listeners,
                           IntSupplier openSessions) {
        for (int replyClass = 2; replyClass <= 5; replyClass++) {
            repliesByClass[replyClass] = Counter.builder(repliesName)
                    .description("SMTP replies sent on " + listeners + ", by code class")
                    .tag("class", replyClass + "xx")
                    .register(registry);
        }
        Gauge.builder(sessionsName, openSessions, IntSupplier::getAsInt)
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
