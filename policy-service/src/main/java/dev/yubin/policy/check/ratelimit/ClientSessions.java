package dev.yubin.policy.check.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The open SMTP sessions of every MTA replica, in PostgreSQL ({@code client_session}): a session
 * counts from its CONNECT until the MTA reports it ended, or until it has not been seen (CONNECT,
 * MAIL) for {@code yubin.policy.ratelimit.session-lifetime}.
 */
@Component
class ClientSessions {

    private static final Logger log = LoggerFactory.getLogger(ClientSessions.class);

    /** @param registered whether the session was counted (it is within the limit) */
    record Result(boolean registered, int open) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConnectionRateProperties properties;

    ClientSessions(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ConnectionRateProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Counts session {@code sessionId} of {@code client}, unless the client already has
     * {@code limit} other live sessions. {@code open} is the client's live sessions, this one
     * included when it was registered.
     */
    Result register(String client, String sessionId, int limit) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            // Two replicas counting the same client at once would both see room for the last
            // session; the lock (held to the end of this transaction) makes them take turns.
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:client))").param("client", client).query(rs -> {});
            int open = jdbc.sql("""
                    select count(*) from client_session
                    where client = :client and last_seen > :since and session_id <> :id
                    """)
                    .param("client", client)
                    .param("since", timestamp(now.minus(properties.sessionLifetime())))
                    .param("id", sessionId)
                    .query(Integer.class)
                    .single();
            if (open >= limit) {
                return new Result(false, open);
            }
            jdbc.sql("""
                    insert into client_session (session_id, client, last_seen) values (:id, :client, :now)
                    on conflict (session_id) do update set client = excluded.client, last_seen = excluded.last_seen
                    """)
                    .param("id", sessionId)
                    .param("client", client)
                    .param("now", timestamp(now))
                    .update();
            return new Result(true, open + 1);
        });
    }

    /** The session is still there (a MAIL): it counts for another lifetime. False when it is not counted. */
    boolean refresh(String sessionId) {
        return jdbc.sql("update client_session set last_seen = :now where session_id = :id")
                .param("now", timestamp(clock.instant()))
                .param("id", sessionId)
                .update() > 0;
    }

    /** The MTA closed these sessions; ids never registered are ignored. */
    int ended(List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from client_session where session_id in (:ids)")
                .param("ids", sessionIds)
                .update();
    }

    /** Sessions past their lifetime: their MTA went away without reporting them ended. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void purge() {
        try {
            int deleted = jdbc.sql("delete from client_session where last_seen <= :cutoff")
                    .param("cutoff", timestamp(clock.instant().minus(properties.sessionLifetime())))
                    .update();
            if (deleted > 0) {
                log.info("purged {} client sessions past their lifetime (never reported ended)", deleted);
            }
        } catch (RuntimeException e) {
            // The next run tries again; expired rows no longer count, they only take space.
            log.warn("purge of expired client sessions failed", e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
