package dev.yubin.policy.check.greylist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triplets and the clients that passed, in PostgreSQL so that every MTA replica sees the same
 * state: a client deferred by one replica passes on another. Each attempt is one transaction that
 * locks its triplet's row, so that two replicas never both take a retry for the first one.
 */
@Component
class GreylistStore {

    private static final Logger log = LoggerFactory.getLogger(GreylistStore.class);

    /** @param passes whether the attempt may go on; {@code reason} says why, for the decision log */
    record Attempt(boolean passes, String reason) {}

    private record Row(Instant firstSeen, Instant lastSeen, Instant passedAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final GreylistProperties properties;
    private final Clock clock;

    GreylistStore(JdbcClient jdbc, PlatformTransactionManager transactionManager, GreylistProperties properties,
                  Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    Attempt attempt(Triplet triplet) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.execute(status -> decide(triplet, now));
    }

    private Attempt decide(Triplet triplet, Instant now) {
        Optional<Integer> clientPasses = clientPasses(triplet.clientNetwork(), now);
        if (properties.autoAllowAfter() > 0 && clientPasses.orElse(0) >= properties.autoAllowAfter()) {
            return new Attempt(true, "client network " + triplet.clientNetwork() + " passed " + clientPasses.get()
                    + " times: no longer greylisted");
        }
        int inserted = jdbc.sql("""
                insert into greylist_triplet (client_net, sender, recipient, first_seen, last_seen)
                values (:net, :sender, :recipient, :now, :now) on conflict do nothing
                """).params(params(triplet)).param("now", timestamp(now)).update();
        if (inserted == 1) {
            return new Attempt(false, "first attempt of " + describe(triplet) + ": deferred for " + properties.delay());
        }
        Row row = jdbc.sql("""
                select first_seen, last_seen, passed_at from greylist_triplet
                where client_net = :net and sender = :sender and recipient = :recipient for update
                """).params(params(triplet))
                .query((rs, n) -> new Row(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(3, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .single();
        if (row.lastSeen().isBefore(now.minus(properties.maxAge()))) {
            restart(triplet, now);
            return new Attempt(false, describe(triplet) + " was last seen " + row.lastSeen() + ", over max-age "
                    + properties.maxAge() + " ago: deferred anew");
        }
        if (row.passedAt() != null) {
            touch(triplet, now, false);
            return new Attempt(true, describe(triplet) + " passed greylisting at " + row.passedAt());
        }
        Duration waited = Duration.between(row.firstSeen(), now);
        if (waited.compareTo(properties.delay()) < 0) {
            touch(triplet, now, false);
            return new Attempt(false, "retry of " + describe(triplet) + " after " + waited.toSeconds()
                    + " s, before the delay of " + properties.delay().toSeconds() + " s");
        }
        if (waited.compareTo(properties.delay().plus(properties.retryWindow())) > 0) {
            restart(triplet, now);
            return new Attempt(false, "retry of " + describe(triplet) + " after " + waited + ", past the retry window "
                    + properties.retryWindow() + ": deferred anew");
        }
        touch(triplet, now, true);
        jdbc.sql("""
                insert into greylist_client (client_net, passes, last_pass) values (:net, 1, :now)
                on conflict (client_net) do update set passes = case
                    when greylist_client.last_pass < :oldest then 1 else greylist_client.passes + 1 end,
                    last_pass = :now
                """).param("net", triplet.clientNetwork()).param("now", timestamp(now))
                .param("oldest", timestamp(now.minus(properties.maxAge()))).update();
        return new Attempt(true, "retry of " + describe(triplet) + " after " + waited.toSeconds() + " s: passed");
    }

    /** Rows unseen for max-age are forgotten. */
    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
    void purge() {
        OffsetDateTime cutoff = timestamp(clock.instant().minus(properties.maxAge()));
        try {
            int triplets = jdbc.sql("delete from greylist_triplet where last_seen < :cutoff").param("cutoff", cutoff)
                    .update();
            int clients = jdbc.sql("delete from greylist_client where last_pass < :cutoff").param("cutoff", cutoff)
                    .update();
            log.debug("purged {} greylist triplets and {} clients", triplets, clients);
        } catch (RuntimeException e) {
            // The next run tries again; old rows only take space.
            log.warn("purge of old greylist rows failed", e);
        }
    }

    private Optional<Integer> clientPasses(String network, Instant now) {
        return jdbc.sql("select passes from greylist_client where client_net = :net and last_pass >= :oldest")
                .param("net", network)
                .param("oldest", timestamp(now.minus(properties.maxAge())))
                .query(Integer.class)
                .optional();
    }

    private void restart(Triplet triplet, Instant now) {
        jdbc.sql("""
                update greylist_triplet set first_seen = :now, last_seen = :now, passed_at = null
                where client_net = :net and sender = :sender and recipient = :recipient
                """).params(params(triplet)).param("now", timestamp(now)).update();
    }

    private void touch(Triplet triplet, Instant now, boolean passed) {
        jdbc.sql("update greylist_triplet set last_seen = :now"
                        + (passed ? ", passed_at = :now" : "")
                        + " where client_net = :net and sender = :sender and recipient = :recipient")
                .params(params(triplet)).param("now", timestamp(now)).update();
    }

    private static Map<String, Object> params(Triplet triplet) {
        return Map.of("net", triplet.clientNetwork(), "sender", triplet.sender(),
                "recipient", triplet.recipient());
    }

    private static String describe(Triplet triplet) {
        return "(" + triplet.clientNetwork() + ", <" + triplet.sender() + ">, " + triplet.recipient() + ")";
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
