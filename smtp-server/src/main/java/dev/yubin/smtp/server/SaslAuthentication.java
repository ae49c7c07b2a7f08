package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;

/**
 * SASL PLAIN (RFC 4616) and LOGIN for SubEthaSMTP's AUTH command, which hands us the command
 * line first and then each line the client sends after one of our 334 challenges. The decoded
 * credentials go to the {@link SmtpAuthenticator}; its refusal becomes the reply (SubEthaSMTP's
 * own PLAIN and LOGIN know only one refusal, and no temporary one).
 */
final class SaslAuthentication implements AuthenticationHandlerFactory {

    static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");

    private static final Logger log = LoggerFactory.getLogger(SaslAuthentication.class);
    private static final String USERNAME_CHALLENGE = "334 " + base64("Username:");
    private static final String PASSWORD_CHALLENGE = "334 " + base64("Password:");

    private final SmtpAuthenticator authenticator;

    SaslAuthentication(SmtpAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public List<String> getAuthenticationMechanisms() {
        return MECHANISMS;
    }

    @Override
    public AuthenticationHandler create() {
        return new Exchange();
    }

    /** One AUTH exchange: confined to the session's thread. */
    private final class Exchange implements AuthenticationHandler {

        private String mechanism;
        private String username;
        private String identity;

        @Override
        public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
            if (mechanism == null) {
                return start(clientInput.strip().split("\\s+"), context);
            }
            // SubEthaSMTP's AUTH answers a "*" (the client cancels) itself
            String response = clientInput.strip();
            if (mechanism.equals("PLAIN")) {
                return plain(response, context);
            }
            if (username == null) {
                username = decode(response);
                return Optional.of(PASSWORD_CHALLENGE);
            }
            return check(username, decode(response), context);
        }

        @Override
        public Object getIdentity() {
            return identity;
        }

        /** {@code AUTH mechanism [initial-response]}: SubEthaSMTP checked the mechanism is ours. */
        private Optional<String> start(String[] words, MessageContext context) throws RejectException {
            mechanism = words[1].toUpperCase(Locale.ROOT);
            Optional<String> initial = words.length > 2 ? Optional.of(words[2]) : Optional.empty();
            if (mechanism.equals("PLAIN")) {
                return initial.isPresent() ? plain(initial.get(), context) : Optional.of("334 ");
            }
            if (initial.isEmpty()) {
                return Optional.of(USERNAME_CHALLENGE);
            }
            username = decode(initial.get());
            return Optional.of(PASSWORD_CHALLENGE);
        }

        /** authzid NUL authcid NUL passwd; an authzid other than the authcid is not ours to grant. */
        private Optional<String> plain(String response, MessageContext context) throws RejectException {
            String[] parts = decode(response).split("\u0000", -1);
            if (parts.length != 3 || parts[1].isEmpty()) {
                throw SmtpReplies.reject(Replies.AUTH_UNREADABLE);
            }
            if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
                log.info("AUTH PLAIN for {} asked to act as {}: refused", parts[1], parts[0]);
                throw SmtpReplies.reject(SmtpReply.BAD_CREDENTIALS);
            }
            return check(parts[1], parts[2], context);
        }

        private Optional<String> check(String user, String password, MessageContext context) throws RejectException {
            SmtpAuthenticator.Result result = authenticator.authenticate(user, password, SmtpClient.of(context).address());
            if (result instanceof SmtpAuthenticator.Authenticated authenticated) {
                identity = authenticated.identity();
                return Optional.empty();
            }
            throw SmtpReplies.reject(((SmtpAuthenticator.Refused) result).reply());
        }
    }

    /** "=" is the empty response (RFC 4954 §4). */
    private static String decode(String response) throws RejectException {
        if (response.equals("=")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SmtpReplies.reject(Replies.AUTH_UNREADABLE);
        }
    }


    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
