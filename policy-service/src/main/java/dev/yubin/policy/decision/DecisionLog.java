package dev.yubin.policy.decision;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.smtp.SmtpReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision log: every policy decision and every failed authentication, with the full
 * reasons, each also counted in {@code yubin.policy.decisions{stage,action}}, and every check's
 * verdict in {@code yubin.policy.checks{check,result}}. Writing never
 * fails or delays the caller: decisions are counted at once and handed to the
 * {@link DecisionWriter}, which stores them in the background; a decision stands even when it
 * cannot be logged.
 */
@Service
public class DecisionLog implements DecisionRecorder {

    /** The pseudo-stage of authentication failures. */
    public static final String AUTH_STAGE = "AUTH";

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final int MAX_FIELD = 1000;
    private static final int MAX_DETAIL = 8000;

    private final DecisionRepository decisions;
    private final DecisionWriter writer;
    private final Clock clock;
    private final MeterRegistry meters;

    DecisionLog(DecisionRepository decisions, DecisionWriter writer, Clock clock, MeterRegistry meters) {
        this.decisions = decisions;
        this.writer = writer;
        this.clock = clock;
        this.meters = meters;
    }

    /** Filters of {@link #search}; null means no filter. Addresses compare case-insensitively. */
    record Query(String clientAddress, String sender, String recipient, Instant since, int limit) {}

    @Override
    public void record(PolicyRequest request, PolicyDecision decision) {
        var question = new DecisionRecord.Question(cut(request.queueId()), cut(request.clientAddress()),
                cut(request.clientName()), cut(request.helo()), cut(request.sender()), cut(request.recipient()),
                cut(request.saslUsername()));
        writer.enqueue(new PendingDecision(now(), request.stage().name(), question, decision.action().name(),
                decision.smtpCode(), decision.enhancedCode(), decision.message(), entries(decision.checks())));
        count(request.stage().name(), decision.action().name());
        for (PolicyCheck check : decision.checks()) {
            Counter.builder("yubin.policy.checks")
                    .description("Verdicts of the policy checks, by check and result")
                    .tag("check", check.name())
                    .tag("result", check.result())
                    .register(meters)
                    .increment();
        }
    }

    /** Logs (and counts) a refused login; {@code reason} says why, which the client is not told. */
    public void recordAuthFailure(String username, String clientAddress, String reason) {
        recordAuth(username, clientAddress, Action.REJECT, SmtpReply.BAD_CREDENTIALS,
                List.of(new PolicyCheck("auth", Action.REJECT.name(), reason)));
    }

    /**
     * Logs (and counts) a login that was refused or held back (a throttled attempt is a
     * TEMPFAIL), with the checks that decided and their full reasons.
     */
    public void recordAuth(String username, String clientAddress, Action action, SmtpReply reply,
                           List<PolicyCheck> checks) {
        var question = new DecisionRecord.Question(null, cut(clientAddress), null, null, null, null, cut(username));
        writer.enqueue(new PendingDecision(now(), AUTH_STAGE, question, action.name(), reply.code(), reply.enhanced(),
                reply.text(), entries(checks)));
        count(AUTH_STAGE, action.name());
    }

    /**
     * Waits (a few seconds at most) until the decisions this replica made before the call are
     * written, so that a {@link #search} after it sees them. Another replica's decisions show
     * once its own writer has stored them, within its flush interval.
     */
    void awaitWritten() {
        writer.awaitWritten();
    }

    /** Newest first, at most {@link #MAX_LIMIT}; see {@link #awaitWritten}. */
    @Transactional(readOnly = true)
    List<DecisionView> search(Query query) {
        int limit = Math.min(Math.max(query.limit(), 1), MAX_LIMIT);
        Specification<DecisionRecord> filter = (root, cq, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (query.clientAddress() != null && !query.clientAddress().isBlank()) {
                where.add(cb.equal(root.get("clientAddress"), query.clientAddress().strip()));
            }
            if (query.sender() != null && !query.sender().isBlank()) {
                where.add(cb.equal(cb.lower(root.get("sender")), query.sender().strip().toLowerCase(Locale.ROOT)));
            }
            if (query.recipient() != null && !query.recipient().isBlank()) {
                where.add(cb.equal(cb.lower(root.get("recipient")),
                        query.recipient().strip().toLowerCase(Locale.ROOT)));
            }
            if (query.since() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("decidedAt"), query.since()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        Sort newestFirst = Sort.by(Sort.Order.desc("decidedAt"), Sort.Order.desc("id"));
        return decisions.findBy(filter, q -> q.sortBy(newestFirst).limit(limit).all())
                .stream().map(DecisionRecord::toView).toList();
    }

    /**
     * Deletes decisions older than {@code cutoff} in batches, each its own transaction, so a
     * large backlog never holds one long lock; returns how many went.
     */
    int purgeOlderThan(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = decisions.deleteOlderThan(cutoff, 5000);
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private void count(String stage, String action) {
        Counter.builder("yubin.policy.decisions")
                .description("Policy decisions and failed authentications, by stage and action")
                .tag("stage", stage)
                .tag("action", action)
                .register(meters)
                .increment();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<CheckEntry> entries(List<PolicyCheck> checks) {
        return checks.stream()
                .map(c -> new CheckEntry(c.name(), c.result(), cut(c.detail(), MAX_DETAIL)))
                .toList();
    }

    private static String cut(String value) {
        return cut(value, MAX_FIELD);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
