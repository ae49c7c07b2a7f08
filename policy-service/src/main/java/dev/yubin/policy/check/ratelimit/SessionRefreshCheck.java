package dev.yubin.policy.check.ratelimit;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * MAIL, first: the session is alive, so {@link ConnectionConcurrencyCheck} keeps counting it for
 * another {@code session-lifetime} (a long session that sends many messages outlives the
 * lifetime otherwise). Never decides; once per transaction, one indexed update.
 */
@Component
@Order(1)
class SessionRefreshCheck implements Check {

    private final ConnectionRateProperties properties;
    private final ClientSessions sessions;

    SessionRefreshCheck(ConnectionRateProperties properties, ClientSessions sessions) {
        this.properties = properties;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "session-refresh";
    }

    @Override
    public Stage stage() {
        return Stage.MAIL;
    }

    /** Trusted clients are not counted at CONNECT, so there is nothing to refresh. */
    @Override
    public boolean judgesReputation() {
        return true;
    }

    /** Only where CONNECT can have counted the session: the MTA's, with a session id. */
    @Override
    public boolean appliesTo(PolicyRequest request) {
        return properties.maxSessionsPerClient() > 0 && request.sessionId() != null && !request.sessionId().isBlank();
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        return Verdict.dunno(sessions.refresh(request.sessionId())
                ? "session " + request.sessionId() + " counted for another lifetime"
                : "session " + request.sessionId() + " not counted");
    }
}
