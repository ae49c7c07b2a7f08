package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * What {@link CommandLineFilter} puts in place of a command line too long to read: answers
 * {@code 500 5.5.2} and the session goes on (RFC 5321 §4.5.3.1.4). A client that sends this verb
 * itself gets the same answer.
 */
final class LineTooLongCommand extends BaseCommand {

    static final String VERB = "X-YUBIN-LINE-TOO-LONG";

    LineTooLongCommand() {
        super(VERB, "Stands for a command line over the length limit.");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        session.sendResponse(SmtpReply.LINE_TOO_LONG.toString());
    }
}
