package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.MailCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's MAIL, after a check of {@code SIZE=} it lacks: a size beyond an {@code int}
 * throws out of its parser and kills the session with 421. RFC 1870: too big is 552 5.3.4.
 * Replacing MAIL drops SubEthaSMTP's STARTTLS and AUTH guards around it, so they are here too:
 * a submission listener says 530 5.7.0 before TLS and before AUTH.
 */
final class MailFromCommand extends BaseCommand {

    private static final Pattern SIZE = Pattern.compile("\\sSIZE=(\\d+)");

    /** Our handler parses the path (553 5.1.7); SubEthaSMTP's own check has no enhanced code. */
    private final MailCommand mail = new MailCommand(path -> true);
    private final BigInteger maxMessageSize;
    private final boolean requireTls;
    private final boolean requireAuth;
    private final GracefulStop stop;

    MailFromCommand(long maxMessageSize, boolean requireTls, boolean requireAuth, GracefulStop stop) {
        super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
        // SubEthaSMTP parses SIZE as an int: anything larger must be answered here
        this.maxMessageSize = BigInteger.valueOf(Math.min(maxMessageSize, Integer.MAX_VALUE));
        this.requireTls = requireTls;
        this.requireAuth = requireAuth;
        this.stop = stop;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (stop.draining()) {
            // the listener is stopping: no new transaction, the client tries again later (elsewhere)
            if (!stop.claimForShutdown(session)) {
                session.quit();   // the stopping thread has said 421 and closes the socket
                return;
            }
            SmtpReply reply = GracefulStop.SHUTTING_DOWN;
            throw new DropConnectionException(reply.code(), reply.enhanced() + " " + reply.text());
        }
        if (requireTls && !session.isTLSStarted()) {
            session.sendResponse(Replies.STARTTLS_FIRST.toString());
            return;
        }
        if (requireAuth && !session.isAuthenticated()) {
            session.sendResponse(SmtpReply.AUTH_REQUIRED.toString());
            return;
        }
        Matcher size = SIZE.matcher(commandString.toUpperCase(Locale.ROOT));
        if (!session.isMailTransactionInProgress() && size.find()
                && new BigInteger(size.group(1)).compareTo(maxMessageSize) > 0) {
            session.sendResponse(SmtpReply.MESSAGE_TOO_BIG.toString());
            return;
        }
        mail.execute(commandString, session);
    }
}
