package dev.yubin.policy.check.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Messages submitted per account, in PostgreSQL ({@code submission_count}, one row per account
 * and clock hour) so that all replicas share one count. The limit holds over a sliding hour,
 * estimated as in common rate limiters: this hour's count plus the previous hour's, weighted by
 * how much of the previous hour the sliding hour still covers. A fixed clock hour alone would
 * let twice the limit through around each full hour.
 */
@Component
class MessageCounter {

    private static final Logger log = LoggerFactory.getLogger(MessageCounter.class);
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    /**
     * @param counted whether the message was counted (it is within the limit)
     * @param current this clock hour's messages, the new one included when counted
     * @param carried the previous hour's share of the sliding hour
     */
    record Result(boolean counted, int current, int carried, int limit) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    MessageCounter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts one message of {@code account}, unless that would go over {@code limit} in the sliding hour. */
    Result count(String account, int limit) {
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        int carried = carried(messages(account, hour.minus(Duration.ofHours(1))),
                Duration.between(hour, now).toMillis());
        int budget = limit - carried;
        if (budget <= 0) {
            return new Result(false, messages(account, hour), carried, limit);
        }
        // One statement counts and checks: two replicas cannot both take the last message of the budget.
        Optional<Integer> counted = jdbc.sql("""
                insert into submission_count (account, hour_start, messages) values (:account, :hour, 1)
                on conflict (account, hour_start) do update set messages = submission_count.messages + 1
                    where submission_count.messages < :budget
                returning messages
                """)
                .param("account", account)
                .param("hour", timestamp(hour))
                .param("budget", budget)
                .query(Integer.class)
                .optional();
        return counted.map(current -> new Result(true, current, carried, limit))
                .orElseGet(() -> new Result(false, messages(account, hour), carried, limit));
    }

    /**
     * The previous hour's share of the sliding hour that ends {@code millisIntoHour} into this one,
     * rounded up, so that the estimate never lets a burst through early.
     */
    static int carried(int previousHour, long millisIntoHour) {
        long remaining = Math.max(0, HOUR_MILLIS - Math.min(millisIntoHour, HOUR_MILLIS));
        return (int) ((previousHour * remaining + HOUR_MILLIS - 1) / HOUR_MILLIS);
    }

    /** Rows older than the previous hour no longer weigh in. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void purge() {
        Instant cutoff = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        try {
            int deleted = jdbc.sql("delete from submission_count where hour_start < :cutoff")
                    .param("cutoff", timestamp(cutoff))
                    .update();
            log.debug("purged {} old message counts", deleted);
        } catch (RuntimeException e) {
            // The next run tries again; old rows only take space.
            log.warn("purge of old message counts failed", e);
        }
    }

    private int messages(String account, Instant hour) {
        return jdbc.sql("select messages from submission_count where account = :account and hour_start = :hour")
                .param("account", account)
                .param("hour", timestamp(hour))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
