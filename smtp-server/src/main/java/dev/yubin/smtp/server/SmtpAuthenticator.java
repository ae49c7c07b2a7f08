package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;

/**
 * Checks the credentials of SMTP AUTH (PLAIN or LOGIN, decoded by the listener). Called on the
 * session's thread; it may block for as long as the client is allowed to wait.
 */
@FunctionalInterface
public interface SmtpAuthenticator {

    /**
     * @param username      the authentication identity the client gave
     * @param password      its password
     * @param clientAddress the client's IP address
     */
    Result authenticate(String username, String password, String clientAddress);

    /** The outcome: an identity, or the reply to refuse with (535 5.7.8, 454 4.7.0...). */
    sealed interface Result permits Authenticated, Refused {}

    /** @param identity the account the session acts as from now on */
    record Authenticated(String identity) implements Result {
        public Authenticated {
            if (identity == null || identity.isBlank()) {
                throw new IllegalArgumentException("an authenticated session needs an identity");
            }
        }
    }

    record Refused(SmtpReply reply) implements Result {
        public Refused {
            if (reply == null || reply.isPositive()) {
                throw new IllegalArgumentException("a refusal needs an error reply");
            }
        }
    }
}
