package dev.yubin.policy.check.ratelimit;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.net.IpLiterals;
import dev.yubin.policy.net.Networks;
import java.net.InetAddress;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CONNECT, after the lists: a client over {@code yubin.policy.ratelimit.connections-per-minute}
 * gets 421 4.7.0 (the MTA closes). A refused connection is not counted, so a client that waits
 * gets in again. IPv6 clients are counted by /64: one site can take a whole /64.
 */
@Component
@Order(20)
class ConnectionRateCheck implements Check {

    private final ConnectionRateProperties properties;
    private final ConnectionCounter counter;

    ConnectionRateCheck(ConnectionRateProperties properties, ConnectionCounter counter) {
        this.properties = properties;
        this.counter = counter;
    }

    @Override
    public String name() {
        return "connection-rate";
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
        return properties.connectionsPerMinute() > 0;
    }

    /** What one client is, for the connection limits: its IPv4 address, or its IPv6 /64. */
    static Optional<String> clientKey(String clientAddress) {
        Optional<InetAddress> client = IpLiterals.parse(clientAddress);
        return client.map(address -> Networks.networkOf(address, 32, 64));
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        Optional<String> client = clientKey(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("no client address");
        }
        String key = client.get();
        int limit = properties.connectionsPerMinute();
        ConnectionCounter.Result result = counter.count(key, limit);
        String state = key + ": " + result.current() + " connections this minute and " + result.carried()
                + " carried from the last one, limit " + limit + " per minute";
        return result.counted()
                ? Verdict.dunno(state)
                : Verdict.tempfail(SmtpReply.TOO_MANY_CONNECTIONS, "over the limit: " + state);
    }
}
