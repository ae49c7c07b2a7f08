package dev.yubin.smtp.server;

import java.io.IOException;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * Replaces SubEthaSMTP's HELO so that HELO, like our EHLO, asks the {@link SessionGate} before it
 * takes the name. Replacing it drops SubEthaSMTP's STARTTLS guard around it, so that is here too.
 */
final class HeloCommand extends BaseCommand {

    private final SessionGate gate;
    private final boolean requireTls;

    HeloCommand(SessionGate gate, boolean requireTls) {
        super("HELO", "Introduce yourself.", "<hostname>");
        this.gate = gate;
        this.requireTls = requireTls;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (requireTls && !session.isTLSStarted()) {
            session.sendResponse(Replies.STARTTLS_FIRST.toString());
            return;
        }
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse(Replies.HELO_SYNTAX.toString());
            return;
        }
        if (refused(gate, session, args[1])) {
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        session.sendResponse("250 " + session.getServer().getHostName());
    }

    /**
     * Asks the gate about a HELO or EHLO name and answers a refusal.
     *
     * @return true when the name was refused (and the refusal sent)
     * @throws DropConnectionException when the refusal closes the connection: SubEthaSMTP sends
     *         its reply and closes
     */
    static boolean refused(SessionGate gate, Session session, String helo) throws IOException, DropConnectionException {
        Optional<SessionGate.Refusal> refusal = gate.helo(SmtpClient.of(session), helo);
        if (refusal.isEmpty()) {
            return false;
        }
        if (refusal.get().close()) {
            throw SmtpReplies.drop(refusal.get().reply());
        }
        session.sendResponse(refusal.get().reply().toString());
        return true;
    }
}
