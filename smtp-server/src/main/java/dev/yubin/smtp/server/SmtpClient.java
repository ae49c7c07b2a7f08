package dev.yubin.smtp.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;

/**
 * The SMTP client as its session saw it.
 *
 * @param address           its IP address, without an IPv6 scope
 * @param helo              the name it gave in HELO/EHLO, or empty
 * @param tls               the TLS protocol and cipher, when the session is encrypted
 * @param authenticatedUser the identity SMTP AUTH established, if any
 * @param sessionId         the session's id, unique over every listener and replica (a random UUID,
 *                          see {@link HardenedSmtpServer}); empty when unknown
 */
public record SmtpClient(String address, String helo, Optional<Tls> tls, Optional<String> authenticatedUser,
                         String sessionId) {

    public SmtpClient {
        address = address == null ? "" : address;
        helo = helo == null ? "" : helo;
        tls = tls == null ? Optional.empty() : tls;
        authenticatedUser = authenticatedUser == null ? Optional.empty() : authenticatedUser;
        sessionId = sessionId == null ? "" : sessionId;
    }

    public SmtpClient(String address, String helo, Optional<Tls> tls, Optional<String> authenticatedUser) {
        this(address, helo, tls, authenticatedUser, "");
    }

    public SmtpClient(String address, String helo, Optional<Tls> tls) {
        this(address, helo, tls, Optional.empty());
    }

    public record Tls(String protocol, String cipherSuite) {}

    /** The client of a SubEthaSMTP session, as its message handler factory is given it. */
    public static SmtpClient of(MessageContext context) {
        String address = "";
        if (context.getRemoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            address = remote.getAddress().getHostAddress();
            int scope = address.indexOf('%');
            address = scope < 0 ? address : address.substring(0, scope);
        }
        Optional<Tls> tls = Optional.empty();
        String sessionId = "";
        if (context instanceof Session session) {
            sessionId = session.getSessionId();
            if (session.getSocket() instanceof SSLSocket socket) {
                SSLSession ssl = socket.getSession();
                tls = Optional.of(new Tls(ssl.getProtocol(), ssl.getCipherSuite()));
            }
        }
        Optional<String> user = context.getAuthenticationHandler()
                .map(AuthenticationHandler::getIdentity)
                .map(Object::toString);
        return new SmtpClient(address, context.getHelo().orElse(""), tls, user, sessionId);
    }
}
