package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;

/**
 * The sessions of one listener, and how they end when it stops: a session between transactions
 * gets {@link #SHUTTING_DOWN} and is closed at once; one in a transaction when draining begins
 * may finish it (its handler answers DATA, 250 only once the message is stored) and is closed
 * as soon as it is between transactions; whatever is left when the grace is over is closed
 * too, in DATA or not. No new transaction starts while draining ({@link MailFromCommand}).
 * Closing a session never makes a 250: a client that got none retries, so nothing is lost.
 */
final class GracefulStop {

    static final SmtpReply SHUTTING_DOWN = new SmtpReply(421, "4.3.2", "Service shutting down");

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    /** Nothing tells us when a transaction ends (DATA, RSET...): we look again this often. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sessionEnded = lock.newCondition();
    private volatile boolean draining;

    void opened(Session session) {
        sessions.add(session);
    }

    void ended(Session session) {
        sessions.remove(session);
        lock.lock();
        try {
            sessionEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #drain} has begun: no new session, no new transaction. */
    /**
     * The session's own thread, about to tell its client 421 because the listener is stopping,
     * takes that over from {@link #drain}: true when it is the first of the two, so that the
     * client hears 421 once and then the connection closes (a second 421 would be read as a
     * reply to nothing). False when the stopping thread has said it already and is closing.
     */
    boolean claimForShutdown(Session session) {
        return sessions.remove(session);
    }

    boolean draining() {
        return draining;
    }

    /**
     * Closes the idle sessions now and the others when their transaction is over or the grace
     * is, whichever comes first. Returns when every session has been told, at the latest after
     * the grace.
     */
    void drain(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        int busy = 0;
        lock.lock();
        try {
            while (true) {
                // Session.isMailTransactionInProgress reads a plain field of the session's
                // thread: a stale value at worst closes a session one poll late or early, and
                // closing never answers 250.
                busy = 0;
                for (Session session : sessions) {
                    if (session.isMailTransactionInProgress()) {
                        busy++;
                    } else {
                        shutDown(session);
                    }
                }
                long left = deadline - System.nanoTime();
                if (busy == 0 || left <= 0) {
                    break;
                }
                sessionEnded.awaitNanos(Math.min(left, POLL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (!sessions.isEmpty()) {
            log.warn("Closing {} SMTP session(s) still in a transaction after the shutdown grace of {}",
                    sessions.size(), grace);
            sessions.forEach(this::shutDown);
        }
    }

    /** Says 421 4.3.2 and closes, from the stopping thread: SubEthaSMTP's own stop does the same. */
    private void shutDown(Session session) {
        if (!sessions.remove(session)) {
            return;
        }
        try {
            // the session's PrintWriter serialises this line with the session thread's replies
            session.sendResponse(SHUTTING_DOWN.toString());
        } catch (IOException | RuntimeException e) {
            log.debug("Could not say 421 to session {}: {}", session.getSessionId(), e.toString());
        }
        session.quit();
        try {
            // quit() only marks the session: its thread would notice on the client's next line,
            // so an idle client would sit on a half-dead connection. Closing wakes the thread.
            session.closeSocket();
        } catch (IOException e) {
            log.debug("Could not close session {}: {}", session.getSessionId(), e.toString());
        }
    }
}
