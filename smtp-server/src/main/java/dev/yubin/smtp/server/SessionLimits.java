package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Refuses a session at connect, before the greeting, when its client already has too many or
 * the listener is stopping, when the {@link SessionGate} refuses it, or when the client talks
 * during the {@link GreetDelay}; tells {@link GracefulStop} of each session it lets in.
 * SubEthaSMTP calls {@link #onSessionEnd} exactly once for each session it let in, on the
 * session's thread, as it calls {@link #accept} (so the gate may take its time).
 */
final class SessionLimits implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionLimits.class);

    private final ConnectionLimits limits;
    private final GracefulStop stop;
    private final SessionGate gate;
    private final GreetDelay greetDelay;

    SessionLimits(ConnectionLimits limits, GracefulStop stop) {
        this(limits, stop, SessionGate.OPEN, new GreetDelay(Duration.ZERO));
    }

    SessionLimits(ConnectionLimits limits, GracefulStop stop, SessionGate gate, GreetDelay greetDelay) {
        this.limits = limits;
        this.stop = stop;
        this.gate = gate;
        this.greetDelay = greetDelay;
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
        Optional<SmtpReply> refused;
        try {
            refused = admit(session, client);
        } catch (RuntimeException e) {
            // SubEthaSMTP would say 421 and close, but never give the connection slot back
            log.warn("The connect check of [{}] failed: {}", client.getHostAddress(), e.toString());
            refused = Optional.of(Replies.UNAVAILABLE_CLOSING);
        }
        if (refused.isPresent()) {
            // SubEthaSMTP answers, closes, and does not call onSessionEnd for a refused session
            limits.close(client);
            SmtpReply reply = refused.get();
            return SessionAcceptance.failure(reply.code(), reply.enhanced() + " " + reply.text());
        }
        stop.opened(session);
        return SessionAcceptance.success();
    }

    /** The gate, then what is left of the greet delay: empty when the session may begin. */
    private Optional<SmtpReply> admit(Session session, InetAddress address) {
        long started = System.nanoTime();
        SmtpClient client = new SmtpClient(hostAddress(address), "", Optional.empty(), Optional.empty(),
                session.getSessionId());
        Optional<SessionGate.Refusal> refusal = gate.connect(client);
        if (refusal.isPresent()) {
            return Optional.of(refusal.get().reply());
        }
        GreetDelay.Outcome outcome = greetDelay.await(session, started);
        if (outcome != GreetDelay.Outcome.QUIET) {
            if (outcome == GreetDelay.Outcome.TALKED) {
                gate.earlyTalker(client, Replies.EARLY_TALKER);
            } else {
                log.debug("[{}] hung up before the greeting", client.address());
            }
            // the gate let it in at connect: it hears that the session is over (onSessionEnd will not run)
            gate.disconnected(client);
            return Optional.of(Replies.EARLY_TALKER);
        }
        return Optional.empty();
    }

    @Override
    public void onSessionEnd(Session session) {
        limits.close(session.getRemoteAddress().getAddress());
        stop.ended(session);
        // not SmtpClient.of: over implicit TLS that would start a handshake with a client leaving
        gate.disconnected(new SmtpClient(hostAddress(session.getRemoteAddress().getAddress()),
                session.getHelo().orElse(""), Optional.empty(), Optional.empty(), session.getSessionId()));
    }

    /** The address as SmtpClient writes it: without an IPv6 scope. */
    private static String hostAddress(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
