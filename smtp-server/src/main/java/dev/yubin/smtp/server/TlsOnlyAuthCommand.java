package dev.yubin.smtp.server;

import java.io.IOException;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's AUTH, refused on a connection that is not encrypted: a password must never
 * cross the network in the clear, so AUTH is neither offered ({@link EhloCommand}) nor accepted
 * before TLS (RFC 4954 §4, RFC 8314).
 */
final class TlsOnlyAuthCommand extends BaseCommand {

    private final AuthCommand auth = new AuthCommand();

    TlsOnlyAuthCommand() {
        super("AUTH", "Authentication service, after TLS.", "AUTH <mechanism> [initial-response]");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        if (!session.isTLSStarted()) {
            session.sendResponse(Replies.ENCRYPTION_REQUIRED.toString());
            return;
        }
        auth.execute(commandString, session);
    }
}
