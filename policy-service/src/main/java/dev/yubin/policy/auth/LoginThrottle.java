package dev.yubin.policy.auth;

import dev.yubin.policy.net.IpLiterals;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The login throttle's state: failures per client address and per account name, in PostgreSQL
 * ({@code auth_failure}), so that every replica counts the same failures and a restart forgets
 * nothing. The rules are {@link ThrottleRule}'s; this class stores them, one row per subject,
 * updated under a row lock so that concurrent failures all count.
 */
@Component
class LoginThrottle {

    enum Scope { CLIENT, ACCOUNT }

    /** What failures are counted for: a client address (or IPv6 /64) or an account name. */
    record Subject(Scope scope, String name) {

        /** The client's subject; empty for a missing address. An IPv6 client counts as its /64. */
        static Optional<Subject> client(String clientAddress) {
            if (clientAddress == null || clientAddress.isBlank()) {
                return Optional.empty();
            }
            // One IPv6 host usually holds a whole /64: counting single addresses would let it
            // rotate through 2^64 of them.
            String raw = clientAddress.strip();
            String name = IpLiterals.parse(raw).map(Subject::network)
                    .orElse(raw.length() > 100 ? raw.substring(0, 100) : raw);
            return Optional.of(new Subject(Scope.CLIENT, name));
        }

        static Subject account(String key) {
            return new Subject(Scope.ACCOUNT, key);
        }

        private static String network(InetAddress address) {
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an address", e);
            }
        }

        @Override
        public String toString() {
            return (scope == Scope.CLIENT ? "client " : "account ") + name;
        }
    }

    /** A subject's state, as found or as left by a failure, with the threshold it is held to. */
    record Standing(Subject subject, ThrottleRule.State state, int maxFailures) {

        boolean lockedAt(Instant now) {
            return state.lockedAt(now);
        }

        /** Whole seconds until the lock ends, at least 1 while locked; 0 when not locked. */
        long retryAfterSeconds(Instant now) {
            if (!lockedAt(now)) {
                return 0;
            }
            long millis = Duration.between(now, state.lockedUntil()).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }

        String describe(Instant now) {
            String count = subject + ": " + state.failures() + " failures since " + state.windowStart()
                    + " (threshold " + maxFailures + ")";
            return lockedAt(now) ? count + ", locked for " + retryAfterSeconds(now) + "s until " + state.lockedUntil()
                    : count;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final JdbcClient jdbc;
    private final AuthThrottleProperties properties;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, AuthThrottleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The standing of each of {@code subjects} that has failures on record (locked or not), in one
     * query and outside a transaction: every login asks, and most find nothing.
     */
    List<Standing> standings(List<Subject> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < subjects.size(); i++) {
            where.append(i == 0 ? "" : " or ").append("(scope = :scope").append(i).append(" and subject = :subject")
                    .append(i).append(')');
            params.put("scope" + i, subjects.get(i).scope().name());
            params.put("subject" + i, subjects.get(i).name());
        }
        Map<Subject, ThrottleRule.State> found = new HashMap<>();
        jdbc.sql("select scope, subject, window_start, failures, locked_until from auth_failure where " + where)
                .params(params)
                .query((rs, row) -> {
                    found.put(new Subject(Scope.valueOf(rs.getString("scope")), rs.getString("subject")),
                            state(rs.getObject("window_start", OffsetDateTime.class), rs.getInt("failures"),
                                    rs.getObject("locked_until", OffsetDateTime.class)));
                    return row;
                })
                .list();
        // in the order given: the order rows are locked in when a failure is counted
        return subjects.stream().filter(found::containsKey)
                .map(subject -> new Standing(subject, found.get(subject), rule(subject).maxFailures()))
                .toList();
    }

    /**
     * Counts one failure at {@code now} for each subject and returns their new standing. Rows are
     * locked in the order given; callers give the client before the account, so two concurrent
     * calls cannot deadlock.
     */
    @Transactional
    List<Standing> recordFailure(List<Subject> subjects, Instant now) {
        List<Standing> standings = new ArrayList<>();
        for (Subject subject : subjects) {
            // The placeholder row (0 failures counts as none) gives FOR UPDATE a row to lock
            // even for a subject's very first failure.
            jdbc.sql("""
                    insert into auth_failure (scope, subject, window_start, failures) values (:scope, :subject, :now, 0)
                    on conflict (scope, subject) do nothing
                    """)
                    .param("scope", subject.scope().name())
                    .param("subject", subject.name())
                    .param("now", timestamp(now))
                    .update();
            ThrottleRule.State previous = jdbc.sql("""
                    select window_start, failures, locked_until from auth_failure
                    where scope = :scope and subject = :subject for update
                    """)
                    .param("scope", subject.scope().name())
                    .param("subject", subject.name())
                    .query((rs, row) -> state(rs.getObject("window_start", OffsetDateTime.class),
                            rs.getInt("failures"), rs.getObject("locked_until", OffsetDateTime.class)))
                    .single();
            ThrottleRule rule = rule(subject);
            ThrottleRule.State next = rule.afterFailure(previous, now);
            jdbc.sql("""
                    update auth_failure
                    set window_start = :windowStart, failures = :failures, locked_until = :lockedUntil
                    where scope = :scope and subject = :subject
                    """)
                    .param("windowStart", timestamp(next.windowStart()))
                    .param("failures", next.failures())
                    .param("lockedUntil", next.lockedUntil() == null ? null : timestamp(next.lockedUntil()),
                            Types.TIMESTAMP_WITH_TIMEZONE)
                    .param("scope", subject.scope().name())
                    .param("subject", subject.name())
                    .update();
            standings.add(new Standing(subject, next, rule.maxFailures()));
        }
        return standings;
    }

    /** Forgets a subject's failures: a successful login clears its account's count. */
    void forget(Subject subject) {
        jdbc.sql("delete from auth_failure where scope = :scope and subject = :subject")
                .param("scope", subject.scope().name())
                .param("subject", subject.name())
                .update();
    }

    /** Deletes the rows that no longer hold anything back: window passed and no lock in force. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void purge() {
        Instant now = now();
        try {
            int deleted = jdbc.sql("""
                    delete from auth_failure
                    where window_start < :windowCutoff and (locked_until is null or locked_until <= :now)
                    """)
                    .param("windowCutoff", timestamp(now.minus(properties.window())))
                    .param("now", timestamp(now))
                    .update();
            log.debug("purged {} expired login failure rows", deleted);
        } catch (RuntimeException e) {
            // The next run tries again; stale rows only take space, they hold nobody back.
            log.warn("purge of expired login failures failed", e);
        }
    }

    private ThrottleRule rule(Subject subject) {
        return subject.scope() == Scope.CLIENT ? properties.clientRule() : properties.accountRule();
    }

    private static ThrottleRule.State state(OffsetDateTime windowStart, int failures, OffsetDateTime lockedUntil) {
        return new ThrottleRule.State(windowStart.toInstant(), failures,
                lockedUntil == null ? null : lockedUntil.toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
