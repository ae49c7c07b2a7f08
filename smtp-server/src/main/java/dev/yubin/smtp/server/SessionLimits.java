package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Refuses a session at connect, before the greeting, when its client already has too many.
 * SubEthaSMTP calls {@link #onSessionEnd} exactly once for each session it let in.
 */
final class SessionLimits implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionLimits.class);

    private final ConnectionLimits limits;

    SessionLimits(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        Optional<SmtpReply> refusal = limits.tryOpen(client);
        if (refusal.isPresent()) {
            log.info("Refused a connection from [{}]: {} sessions open, {} from that address",
                    client.getHostAddress(), limits.open(), limits.open(client));
            SmtpReply reply = refusal.get();
            return SessionAcceptance.failure(reply.code(), reply.enhanced() + " " + reply.text());
        }
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        limits.close(session.getRemoteAddress().getAddress());
    }
}
