package dev.yubin.mta.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * Layers TLS over a connection at STARTTLS. SubEthaSMTP's own factory enables every protocol
 * the JDK has: we allow TLS 1.2 and 1.3 only, and keep the connection's guard on the TLS streams.
 */
final class StartTlsSockets implements SSLSocketCreator {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLSocketFactory factory;

    StartTlsSockets(SSLContext context) {
        this.factory = context.getSocketFactory();
    }

    @Override
    public SSLSocket createSSLSocket(Socket socket) throws IOException {
        GuardedSocket plain = socket instanceof GuardedSocket guarded ? guarded : null;
        if (plain != null) {
            plain.startTls();
        }
        // The server-mode variant: no host name, so no reverse lookup of the client.
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, null, true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(Arrays.stream(tls.getSupportedProtocols()).filter(PROTOCOLS::contains)
                .toArray(String[]::new));
        return plain == null ? tls : new GuardedSslSocket(tls, plain.guard());
    }
}
