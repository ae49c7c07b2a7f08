package dev.yubin.smtp.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * Replaces SubEthaSMTP's EHLO, whose list of extensions is fixed: it lacks ENHANCEDSTATUSCODES
 * and PIPELINING (which it supports). STARTTLS is offered only before TLS; AUTH only when the
 * listener authenticates, and then only over TLS, so no client is invited to send a password in
 * the clear.
 */
final class EhloCommand extends BaseCommand {

    private final long maxMessageSize;
    private final boolean authentication;
    private final SessionGate gate;

    EhloCommand(long maxMessageSize, boolean authentication, SessionGate gate) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.maxMessageSize = maxMessageSize;
        this.authentication = authentication;
        this.gate = gate;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse(Replies.EHLO_SYNTAX.toString());
            return;
        }
        if (HeloCommand.refused(gate, session, args[1])) {
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        List<String> lines = new ArrayList<>();
        lines.add(session.getServer().getHostName());
        lines.add("PIPELINING");
        lines.add("SIZE " + maxMessageSize);
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        if (session.getServer().getEnableTLS() && !session.isTLSStarted()) {
            lines.add("STARTTLS");
        }
        if (authentication && session.isTLSStarted()) {
            lines.add("AUTH " + String.join(" ", SaslAuthentication.MECHANISMS));
        }
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(i == lines.size() - 1 ? "250 " : "250-").append(lines.get(i));
            if (i < lines.size() - 1) {
                reply.append("\r\n");
            }
        }
        session.sendResponse(reply.toString());
    }
}
