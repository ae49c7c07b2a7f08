package dev.yubin.mta.relay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The relay's log: one line per recipient and delivery attempt, Postfix-like in the text
 * ({@code QUEUEID: to=<rcpt>, relay=mx[addr], delay=1.3, attempt=1, dsn=2.0.0, status=sent (reply)})
 * and with the same fields as key-value pairs, which become JSON fields with
 * {@code yubin.log.json=true}. The queue id is the MDC's {@code queueId}: set here when the
 * caller has not, so that every line about a message carries it, as a JSON field too.
 */
final class DeliveryLog {

    static final String QUEUE_ID = "queueId";
    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    private DeliveryLog() {}

    /** The remote accepted the recipient. */
    static void sent(Job job, RecipientResult result, Instant now) {
        write(attempt(job, result, now, "sent"), job, "");
    }

    /** A 4xx or no connection: the recipient waits on {@code topic} until {@code next}. */
    static void deferred(Job job, RecipientResult result, Instant now, Instant next, String topic) {
        write(attempt(job, result, now, "deferred").addKeyValue("next", next.toString()).addKeyValue("topic", topic),
                job, ", next=" + next + ", topic=" + topic);
    }

    /** A 5xx, or given up: the sender gets a DSN ({@code dsnQueueId}, null for a message from {@code <>}). */
    static void bounced(Job job, RecipientResult result, Instant now, String dsnQueueId) {
        LoggingEventBuilder event = attempt(job, result, now, "bounced");
        String extra = "";
        if (dsnQueueId != null) {
            event.addKeyValue("dsnQueueId", dsnQueueId);
            extra = ", dsnQueueId=" + dsnQueueId;
        }
        write(event, job, extra);
    }

    /** Shutdown: a job never tried goes back on {@code topic} for the next relay; one line per recipient. */
    static void requeued(Job job, String topic) {
        for (var recipient : job.envelope().recipients()) {
            LoggingEventBuilder event = log.atInfo()
                    .setMessage("{}: to=<{}>, relay=none, attempt={}, status=requeued (relay stopping: put back on {} unattempted)")
                    .addArgument(job.queueId())
                    .addArgument(recipient.address())
                    .addArgument(job.attempt())
                    .addArgument(topic)
                    .addKeyValue("to", recipient.address().toString())
                    .addKeyValue("relay", "none")
                    .addKeyValue("attempt", job.attempt())
                    .addKeyValue("status", "requeued")
                    .addKeyValue("topic", topic);
            withQueueId(job.queueId(), event);
        }
    }

    private static LoggingEventBuilder attempt(Job job, RecipientResult result, Instant now, String status) {
        String relay = result.remoteHost().isEmpty() ? "none" : result.remoteHost();
        BigDecimal delay = seconds(Duration.between(job.envelope().receivedAt(), now));
        return log.atInfo()
                .addArgument(job.queueId())
                .addArgument(result.recipient().address())
                .addArgument(relay)
                .addArgument(delay)
                .addArgument(job.attempt())
                .addArgument(result.reply().status())
                .addArgument(status)
                .addArgument(result.reply())
                .addKeyValue("to", result.recipient().address().toString())
                .addKeyValue("relay", relay)
                .addKeyValue("delay", delay)
                .addKeyValue("attempt", job.attempt())
                .addKeyValue("dsn", result.reply().status())
                .addKeyValue("status", status)
                .addKeyValue("reply", result.reply().toString());
    }

    private static void write(LoggingEventBuilder event, Job job, String extra) {
        // Postfix's order: the status and the reply come last; extra holds no braces (instants, topics, queue ids)
        event.setMessage("{}: to=<{}>, relay={}, delay={}, attempt={}" + extra + ", dsn={}, status={} ({})");
        withQueueId(job.queueId(), event);
    }

    private static void withQueueId(String queueId, LoggingEventBuilder event) {
        if (queueId.equals(MDC.get(QUEUE_ID))) {
            event.log();
            return;
        }
        String outer = MDC.get(QUEUE_ID);
        MDC.put(QUEUE_ID, queueId);
        try {
            event.log();
        } finally {
            if (outer == null) {
                MDC.remove(QUEUE_ID);
            } else {
                MDC.put(QUEUE_ID, outer);
            }
        }
    }

    /** Seconds with one decimal, as Postfix writes {@code delay=}; negative clock skew shows as 0. */
    private static BigDecimal seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return BigDecimal.valueOf(millis).movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
    }
}
