package dev.yubin.policy.auth;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.auth.LoginThrottle.Standing;
import dev.yubin.policy.auth.LoginThrottle.Subject;
import dev.yubin.policy.decision.DecisionLog;
import dev.yubin.policy.directory.Directory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Checks a mailbox owner's credentials, behind the {@link LoginThrottle}. Every refusal and every
 * throttled attempt goes to the decision log with its reason.
 */
@Service
class AuthService {

    /** What a listener answers to a throttled login (RFC 4954); logged as the throttled attempt's reply. */
    static final SmtpReply THROTTLED = new SmtpReply(454, "4.7.0", "Temporary authentication failure");

    /** The answer to one login attempt. */
    sealed interface Outcome {
        /** @param address the account's address in its lookup form */
        record Accepted(String address) implements Outcome {}

        record Refused() implements Outcome {}

        record Throttled(long retryAfterSeconds) implements Outcome {}
    }

    private final Directory directory;
    private final DecisionLog decisionLog;
    private final LoginThrottle throttle;

    AuthService(Directory directory, DecisionLog decisionLog, LoginThrottle throttle) {
        this.directory = directory;
        this.decisionLog = decisionLog;
        this.throttle = throttle;
    }

    Outcome authenticate(String username, String password, String clientAddress) {
        Optional<Subject> client = Subject.client(clientAddress);
        MailAddress user = null;
        String notAnAddress = null;
        try {
            user = MailAddress.parse(username == null ? "" : username.strip());
        } catch (AddressException e) {
            notAnAddress = "username is not an address: " + e.getMessage();
        }
        // Client first, then account: the order LoginThrottle locks rows in.
        List<Subject> subjects = new ArrayList<>();
        client.ifPresent(subjects::add);
        if (user != null) {
            subjects.add(Subject.account(user.key()));
        }

        Instant now = throttle.now();
        List<Standing> standings = throttle.standings(subjects);
        List<Standing> locks = standings.stream().filter(standing -> standing.lockedAt(now)).toList();
        if (!locks.isEmpty()) {
            return throttled(username, clientAddress, locks, now);
        }
        if (user == null) {
            return refuse(username, clientAddress, notAnAddress, throttle.recordFailure(subjects, now), now);
        }
        return switch (directory.checkPassword(user, password)) {
            case ACCEPTED -> {
                // Only the account's count: one user's success must not clear a client that guesses others.
                Subject account = Subject.account(user.key());
                if (standings.stream().anyMatch(standing -> standing.subject().equals(account))) {
                    throttle.forget(account);
                }
                yield new Outcome.Accepted(user.key());
            }
            case UNKNOWN_ACCOUNT -> refuse(username, clientAddress, "no account " + user.key(),
                    throttle.recordFailure(subjects, now), now);
            case WRONG_PASSWORD -> refuse(username, clientAddress, "wrong password for " + user.key(),
                    throttle.recordFailure(subjects, now), now);
        };
    }

    /**
     * A locked client or account is held back without a look at the password: otherwise the
     * guessing would go on, only slower to be told. The attempt counts as a further failure of
     * what is locked, which doubles its lock.
     */
    private Outcome throttled(String username, String clientAddress, List<Standing> locks, Instant now) {
        List<Standing> extended = throttle.recordFailure(locks.stream().map(Standing::subject).toList(), now);
        long retryAfter = extended.stream().mapToLong(s -> s.retryAfterSeconds(now)).max().orElse(1);
        String reason = extended.stream().map(s -> s.describe(now)).collect(Collectors.joining("; "))
                + "; password not checked";
        decisionLog.recordAuth(username, clientAddress, Action.TEMPFAIL, THROTTLED,
                List.of(new PolicyCheck("auth-throttle", Action.TEMPFAIL.name(), reason)));
        return new Outcome.Throttled(Math.max(1, retryAfter));
    }

    private Outcome refuse(String username, String clientAddress, String reason, List<Standing> standings,
                           Instant now) {
        String nowLocked = standings.stream().filter(s -> s.lockedAt(now)).map(s -> s.describe(now))
                .collect(Collectors.joining("; "));
        decisionLog.recordAuthFailure(username, clientAddress,
                nowLocked.isEmpty() ? reason : reason + "; " + nowLocked);
        return new Outcome.Refused();
    }
}
