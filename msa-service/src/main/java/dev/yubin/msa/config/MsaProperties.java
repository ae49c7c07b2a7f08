package dev.yubin.msa.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The submission listeners ({@code yubin.msa.*}).
 *
 * @param submissionPort      submission with STARTTLS (RFC 6409); 0 picks a free port (tests)
 * @param submissionsPort     submission over implicit TLS (RFC 8314); 0 picks a free port (tests)
 * @param bindAddress         the address to listen on
 * @param hostname            the name we announce and write in Received and Message-ID; empty: the local host name
 * @param maxConnections      concurrent sessions per listener
 * @param maxConnectionsPerIp concurrent sessions from one client address, per listener
 * @param maxErrors           error replies (bad passwords included) before 421 and a hang-up
 * @param idleTimeout         how long we wait for the client to send something
 * @param publishTimeout      how long DATA waits for Kafka's acknowledgements at most
 * @param tls                 the certificate: without it the service does not start
 * @param received            what our Received header tells
 * @param dkim                DKIM signing
 */
@ConfigurationProperties("yubin.msa")
public record MsaProperties(
        @DefaultValue("587") int submissionPort,
        @DefaultValue("465") int submissionsPort,
        @DefaultValue("0.0.0.0") String bindAddress,
        String hostname,
        @DefaultValue("1000") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerIp,
        @DefaultValue("10") int maxErrors,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("20s") Duration publishTimeout,
        @DefaultValue Tls tls,
        @DefaultValue Received received,
        @DefaultValue Dkim dkim) {

    /** @param bundle the Spring SSL bundle ({@code spring.ssl.bundle.pem.NAME}) */
    public record Tls(@DefaultValue("smtp") String bundle) {}

    /** @param includeClientAddress write the client's IP address (off: users on the road stay private) */
    public record Received(@DefaultValue("false") boolean includeClientAddress) {}

    /** @param selectorCacheTtl how long a domain's selector (or its lack of a key) is remembered */
    public record Dkim(@DefaultValue("60s") Duration selectorCacheTtl) {}
}
