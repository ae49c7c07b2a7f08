package dev.yubin.smtp.server;

import java.time.Duration;

/**
 * What one listener lets a client do.
 *
 * @param maxMessageSize           octets of message data, counted (not just the declared SIZE=)
 * @param maxConnections           concurrent sessions in total
 * @param maxConnectionsPerAddress concurrent sessions from one client address
 * @param maxErrors                error replies a session may collect before 421 and a hang-up
 * @param idleTimeout              how long we wait for the client to send something
 */
public record SmtpLimits(long maxMessageSize, int maxConnections, int maxConnectionsPerAddress, int maxErrors,
                         Duration idleTimeout) {

    public SmtpLimits {
        if (maxMessageSize <= 0 || maxConnections < 1 || maxConnectionsPerAddress < 1 || maxErrors < 0) {
            throw new IllegalArgumentException("SMTP limits must be positive");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
    }
}
