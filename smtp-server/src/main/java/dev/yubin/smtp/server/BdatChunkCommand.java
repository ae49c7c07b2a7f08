package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.BdatCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's BDAT, except that a chunk refused for want of MAIL or RCPT is still read, as
 * RFC 3030 §4 requires: SubEthaSMTP leaves it unread, so a pipelined message body (the client
 * does not wait after BDAT) would run as SMTP commands. And a refused last chunk ends the
 * transaction, as an accepted one does.
 */
final class BdatChunkCommand extends BaseCommand {

    private final BdatCommand bdat = new BdatCommand();
    private final long maxMessageSize;

    BdatChunkCommand(long maxMessageSize) {
        super("BDAT", "A sequence of BDAT packets is collected as the data of the message.");
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        BdatCommand.Bdat chunk = BdatCommand.parse(commandString);
        if (session.isMailTransactionInProgress() && session.getRecipientCount() > 0) {
            bdat.execute(commandString, session);
            if (chunk.errorMessage == null && chunk.isLast && session.isMailTransactionInProgress()) {
                // the last chunk was refused: the transaction is over all the same (RFC 3030 §2)
                session.resetMailTransaction();
            }
            return;
        }
        if (chunk.errorMessage == null && chunk.size > maxMessageSize) {
            // Reading it would only waste our time: say why and hang up instead.
            SmtpReply tooBig = SmtpReply.MESSAGE_TOO_BIG;
            throw new DropConnectionException(tooBig.code(), tooBig.enhanced() + " " + tooBig.text());
        }
        if (chunk.errorMessage == null) {
            session.getRawInput().skipNBytes(chunk.size);
        }
        SmtpReply refusal = session.isMailTransactionInProgress() ? Replies.NEED_RCPT : Replies.NEED_MAIL;
        session.sendResponse(refusal.toString());
    }
}
