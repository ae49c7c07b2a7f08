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
 * Connections per client, in PostgreSQL ({@code connection_count}, one row per client and clock
 * minute) so that every MTA replica counts into the same window. As {@link MessageCounter} does
 * by the hour: this minute's count plus the previous minute's share of the sliding minute.
 */
@Component
class ConnectionCounter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCounter.class);
    private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

    /** @param counted whether the connection was counted (it is within the limit) */
    record Result(boolean counted, int current, int carried) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    ConnectionCounter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts one connection of {@code client}, unless that would go over {@code limit} in the sliding minute. */
    Result count(String client, int limit) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int carried = carried(connections(client, minute.minus(Duration.ofMinutes(1))),
                Duration.between(minute, now).toMillis());
        int budget = limit - carried;
        if (budget <= 0) {
            return new Result(false, connections(client, minute), carried);
        }
        // One statement counts and checks: two replicas cannot both take the last place of the budget.
        Optional<Integer> counted = jdbc.sql("""
                insert into connection_count (client, minute_start, connections) values (:client, :minute, 1)
                on conflict (client, minute_start) do update set connections = connection_count.connections + 1
                    where connection_count.connections < :budget
                returning connections
                """)
                .param("client", client)
                .param("minute", timestamp(minute))
                .param("budget", budget)
                .query(Integer.class)
                .optional();
        return counted.map(current -> new Result(true, current, carried))
                .orElseGet(() -> new Result(false, connections(client, minute), carried));
    }

    /** The previous minute's share of the sliding minute, rounded up. */
    static int carried(int previousMinute, long millisIntoMinute) {
        long remaining = Math.max(0, MINUTE_MILLIS - Math.min(millisIntoMinute, MINUTE_MILLIS));
        return (int) ((previousMinute * remaining + MINUTE_MILLIS - 1) / MINUTE_MILLIS);
    }

    /** Rows older than the previous minute no longer weigh in. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
    void purge() {
        Instant cutoff = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        try {
            int deleted = jdbc.sql("delete from connection_count where minute_start < :cutoff")
                    .param("cutoff", timestamp(cutoff))
                    .update();
            log.debug("purged {} old connection counts", deleted);
        } catch (RuntimeException e) {
            // The next run tries again; old rows only take space.
            log.warn("purge of old connection counts failed", e);
        }
    }

    private int connections(String client, Instant minute) {
        return jdbc.sql("select connections from connection_count where client = :client and minute_start = :minute")
                .param("client", client)
                .param("minute", timestamp(minute))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
