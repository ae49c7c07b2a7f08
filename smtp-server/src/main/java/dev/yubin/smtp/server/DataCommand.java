package dev.yubin.smtp.server;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.Session;

/**
 * DATA, in place of SubEthaSMTP's, for two reasons:
 * <ul>
 *   <li>the mail transaction is over after the data whatever the reply (RFC 5321 §4.1.1.4):
 *       SubEthaSMTP resets it only after a 250, so a client whose message was refused got 503 to
 *       its next MAIL, and a second DATA would have reused the refused transaction;</li>
 *   <li>the data is read a chunk at a time ({@link DotTerminatedData}), not a byte at a time.</li>
 * </ul>
 * The message handler sees the unstuffed data without a Received header (we write our own).
 */
final class DataCommand extends BaseCommand {

    DataCommand() {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse(Replies.NEED_MAIL.toString());
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse(Replies.NEED_RCPT.toString());
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        DotTerminatedData data = new DotTerminatedData(session.getRawInput());
        try {
            String text = session.getMessageHandler().data(data);
            data.drain();
            session.sendResponse(text == null ? "250 Ok" : SMTPResponseHelper.buildResponse("250", text));
        } catch (RejectException e) {
            // the rest of the data must never run as commands, whenever the handler gave up
            data.drain();
            session.sendResponse(e.getErrorResponse());
        } finally {
            session.resetMailTransaction();
        }
    }
}
