package dev.yubin.policy.check.ratelimit;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CONNECT, right after the rate: a client (IPv4 address or IPv6 /64, as the rate counts) that
 * already holds {@code yubin.policy.ratelimit.max-sessions-per-client} sessions over all MTA
 * replicas gets 421 4.7.0 (the MTA closes); otherwise its session is counted
 * ({@link ClientSessions}) until the MTA reports it ended. Only requests with a
 * {@code sessionId} can be counted: without one the check lets the client pass and counts nothing.
 */
@Component
@Order(21)
class ConnectionConcurrencyCheck implements Check {

    private final ConnectionRateProperties properties;
    private final ClientSessions sessions;

    ConnectionConcurrencyCheck(ConnectionRateProperties properties, ClientSessions sessions) {
        this.properties = properties;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "connection-concurrency";
    }

    @Override
    public Stage stage() {
        return Stage.CONNECT;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return properties.maxSessionsPerClient() > 0;
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        if (request.sessionId() == null || request.sessionId().isBlank()) {
            return Verdict.dunno("no session id: not counted");
        }
        Optional<String> client = ConnectionRateCheck.clientKey(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("no client address");
        }
        int limit = properties.maxSessionsPerClient();
        ClientSessions.Result result = sessions.register(client.get(), request.sessionId(), limit);
        String state = client.get() + ": " + result.open() + " open sessions, limit " + limit;
        return result.registered()
                ? Verdict.dunno(state)
                : Verdict.tempfail(SmtpReply.TOO_MANY_CONNECTIONS, "over the limit: " + state);
    }
}
