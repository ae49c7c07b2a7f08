package dev.yubin.smtp.server;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's DATA, after which the mail transaction is over whatever the reply (RFC 5321
 * §4.1.1.4): SubEthaSMTP resets it only after a 250, so a client whose message was refused got
 * 503 to its next MAIL, and a second DATA would have reused the refused transaction.
 */
final class DataCommand extends BaseCommand {

    private final org.subethamail.smtp.internal.command.DataCommand data =
            new org.subethamail.smtp.internal.command.DataCommand();

    DataCommand() {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        boolean dataFollows = session.isMailTransactionInProgress() && session.getRecipientCount() > 0;
        data.execute(commandString, session);
        if (dataFollows && session.isMailTransactionInProgress()) {
            session.resetMailTransaction();
        }
    }
}
