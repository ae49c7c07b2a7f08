package dev.yubin.mta.relay;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbound relay ({@code yubin.relay.*}; CONTRACT §3 and §5).
 *
 * @param heloName               the name we give in EHLO: the one behind our sending address's PTR; empty: {@code yubin.mta.hostname}
 * @param smtpPort               the port of remote MX hosts
 * @param smarthost              {@code host:port} that takes all outbound mail instead of the MX; empty: none
 * @param destinationConcurrency sessions to one destination domain at most, per replica
 * @param retry                  when to try again after a 4xx or a connection failure, and when to give up
 * @param delayWarning           age of a message at which its sender hears once that it is still being retried
 * @param connectTimeout         TCP connect to one address
 * @param greetingTimeout        wait for the 220 greeting (RFC 5321 §4.5.3.2: 5 minutes)
 * @param commandTimeout         wait for the reply to a command
 * @param dataTimeout            wait for the reply after the final dot (RFC 5321: 10 minutes)
 * @param maxMessagesPerSession  messages sent over one session before it is closed and a new one opened
 * @param maxInFlight            records taken from Kafka and not yet done, per replica; above it the consumer pauses
 * @param destinationQueueLimit  records waiting for one destination; more go straight to the retry topic
 * @param commitInterval         how often the consumer commits the offsets that are done
 * @param tlsPolicy              per destination domain ({@code yubin.relay.tls-policy.example.com=verify}):
 *                               none, may (the default for every domain: opportunistic), encrypt or verify; see {@link TlsPolicy}
 * @param tlsTrustBundle         the Spring SSL bundle whose trust store checks certificates for {@code verify};
 *                               empty: the JDK's trust store
 * @param shutdownGrace          at shutdown, how long deliveries in progress may finish before their sessions are closed
 */
@ConfigurationProperties("yubin.relay")
public record RelayProperties(
        @DefaultValue("") String heloName,
        @DefaultValue("25") int smtpPort,
        @DefaultValue("") String smarthost,
        @DefaultValue("20") int destinationConcurrency,
        @DefaultValue Retry retry,
        @DefaultValue("4h") Duration delayWarning,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue("5m") Duration greetingTimeout,
        @DefaultValue("5m") Duration commandTimeout,
        @DefaultValue("10m") Duration dataTimeout,
        @DefaultValue("100") int maxMessagesPerSession,
        @DefaultValue("2000") int maxInFlight,
        @DefaultValue("500") int destinationQueueLimit,
        @DefaultValue("1s") Duration commitInterval,
        Map<String, TlsPolicy.Mode> tlsPolicy,
        @DefaultValue("") String tlsTrustBundle,
        @DefaultValue("20s") Duration shutdownGrace) {

    /**
     * @param first      delay after the first failed attempt; each next delay doubles
     * @param max        the longest delay between two attempts
     * @param lifetime   age at which a message is given up and bounced
     * @param partitions partitions of each retry topic the relay creates
     */
    public record Retry(
            @DefaultValue("5m") Duration first,
            @DefaultValue("1h") Duration max,
            @DefaultValue("5d") Duration lifetime,
            @DefaultValue("3") int partitions) {}
}
