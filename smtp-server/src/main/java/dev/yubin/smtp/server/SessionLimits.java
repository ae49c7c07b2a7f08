package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Refuses a session at connect, before the greeting, when its client already has too many or
 * the listener is stopping; tells {@link GracefulStop} of each session it lets in.
 * SubEthaSMTP calls {@link #onSessionEnd} exactly once for each session it let in.
 */
final class SessionLimits implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionLimits.class);

    private final ConnectionLimits limits;
    private final GracefulStop stop;

    SessionLimits(ConnectionLimits limits, GracefulStop stop) {
        this.limits = limits;
        this.stop = stop;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        if (stop.draining()) {
            // accepted just as the listening socket closed
            SmtpReply reply = GracefulStop.SHUTTING_DOWN;
            return SessionAcceptance.failure(reply.code(), reply.enhanced() + " " + reply.text());
        }
        Optional<SmtpReply> refusal = limits.tryOpen(client);
        if (refusal.isPresent()) {
            log.info("Refused a connection from [{}]: {} sessions open, {} from that address",
                    client.getHostAddress(), limits.open(), limits.open(client));
            SmtpReply reply = refusal.get();
            return SessionAcceptance.failure(reply.code(), reply.enhanced() + " " + reply.text());
        }
        stop.opened(session);
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        limits.close(session.getRemoteAddress().getAddress());
        stop.ended(session);
    }
}
