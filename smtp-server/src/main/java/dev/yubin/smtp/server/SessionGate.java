package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.util.Objects;
import java.util.Optional;

/**
 * Asked whether a client may go on: once when it connects, before the greeting, and at each
 * HELO or EHLO. A listener without a gate lets everyone in ({@link #OPEN}).
 *
 * <p>Called on the session's own thread, so it may block (a policy lookup), but only for a
 * bounded time: the client waits for its greeting or its 250 meanwhile. Call order per session:
 * {@link #connect}, then {@link #helo} any number of times, then {@link #disconnected} once,
 * for every session the gate and the connection limits let in.
 */
public interface SessionGate {

    /** Lets every client in. */
    SessionGate OPEN = new SessionGate() {
        @Override
        public Optional<Refusal> connect(SmtpClient client) {
            return Optional.empty();
        }

        @Override
        public Optional<Refusal> helo(SmtpClient client, String helo) {
            return Optional.empty();
        }
    };

    /**
     * Before the greeting. A refusal is answered instead of the greeting and the connection is
     * closed, whatever its {@link Refusal#close()}.
     *
     * @param client its address; no HELO, no TLS yet
     */
    Optional<Refusal> connect(SmtpClient client);

    /**
     * At HELO or EHLO, before the name is taken. A refusal is answered instead of 250 and the
     * session keeps the name it had before (none, or an earlier accepted one): the client may
     * try again, unless the refusal closes the connection.
     *
     * @param client the session as it is now (its earlier HELO name, TLS...)
     * @param helo   the name the client gives now
     */
    Optional<Refusal> helo(SmtpClient client, String helo);

    /**
     * The client sent something before the greeting, during the greet delay
     * ({@link HardenedSmtpServer.Builder#greetDelay}), and is dropped with {@code reply}.
     * {@link #disconnected} follows. Must not block.
     */
    default void earlyTalker(SmtpClient client, SmtpReply reply) {}

    /** The session is over (any reason); called once for each session that {@link #connect} let in. */
    default void disconnected(SmtpClient client) {}

    /**
     * @param reply an error reply (4xx or 5xx) with the text the client may see
     * @param close close the connection after the reply
     */
    record Refusal(SmtpReply reply, boolean close) {

        public Refusal {
            Objects.requireNonNull(reply, "reply");
            if (reply.isPositive()) {
                throw new IllegalArgumentException("a refusal needs an error reply, not " + reply);
            }
        }
    }
}
