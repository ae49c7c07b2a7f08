package dev.yubin.smtp.server;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.Session;

/**
 * The pause before the greeting, in which a client must say nothing (RFC 5321 §4.3.1: the client
 * waits for the 220). Spam software that talks at once is caught by it, as Postfix's postscreen
 * does. The time the connect check took counts towards the pause.
 */
final class GreetDelay {

    /** What the client did during the pause. */
    enum Outcome { QUIET, TALKED, HUNG_UP }

    private final Duration delay;

    /** @param delay zero: no pause, no test */
    GreetDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("the greet delay must be zero or positive");
        }
        this.delay = delay;
    }

    boolean enabled() {
        return !delay.isZero();
    }

    /**
     * Waits for what is left of the pause since {@code startedNanos}, and returns as soon as the
     * client sends something. A byte read here is lost, which does not matter: a client that
     * talked is dropped. With implicit TLS nothing is tested (the client speaks first, in TLS).
     */
    Outcome await(Session session, long startedNanos) {
        Socket socket = session.getSocket();
        if (!enabled() || socket instanceof SSLSocket) {
            return Outcome.QUIET;
        }
        long left = delay.toMillis() - Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        // at least a moment: what arrived while the connect check ran is in the socket already
        int wait = (int) Math.max(1, Math.min(left, Integer.MAX_VALUE));
        try {
            int previous = socket.getSoTimeout();
            socket.setSoTimeout(wait);
            try {
                return session.getRawInput().read() < 0 ? Outcome.HUNG_UP : Outcome.TALKED;
            } finally {
                socket.setSoTimeout(previous);
            }
        } catch (SocketTimeoutException e) {
            return Outcome.QUIET;
        } catch (IOException e) {
            return Outcome.HUNG_UP;
        }
    }
}
