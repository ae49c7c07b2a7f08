package dev.yubin.mta.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The port 25 listener ({@code yubin.mta.*}).
 *
 * @param smtpPort           the SMTP port; 0 picks a free one (tests)
 * @param bindAddress        the address to listen on
 * @param hostname           the name we announce in the greeting, EHLO and Received; empty: the local host name
 * @param maxConnections     concurrent SMTP sessions in total
 * @param maxConnectionsPerIp concurrent SMTP sessions from one client address
 * @param maxErrors          error replies a client may collect before we say 421 and hang up
 * @param idleTimeout        how long we wait for the client to send something
 * @param publishTimeout     how long DATA waits for Kafka's acknowledgements at most
 * @param tls                the certificate for STARTTLS
 * @param greetDelay         how long a client must wait for our greeting without talking; one that
 *                           talks is dropped (an early talker); 0: greet at once
 */
@ConfigurationProperties("yubin.mta")
public record MtaProperties(
        @DefaultValue("25") int smtpPort,
        @DefaultValue("0.0.0.0") String bindAddress,
        String hostname,
        @DefaultValue("1000") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerIp,
        @DefaultValue("10") int maxErrors,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("20s") Duration publishTimeout,
        @DefaultValue Tls tls,
        @DefaultValue("0s") Duration greetDelay) {

    /** @param bundle the Spring SSL bundle ({@code spring.ssl.bundle.pem.NAME}); no such bundle: no STARTTLS */
    public record Tls(@DefaultValue("smtp") String bundle) {}
}
