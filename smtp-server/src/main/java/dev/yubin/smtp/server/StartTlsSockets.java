package dev.yubin.smtp.server;

import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * Layers TLS over a connection, at STARTTLS or (implicit TLS) at accept. SubEthaSMTP's own
 * factory enables every protocol the JDK has: we allow TLS 1.2 and 1.3 only, and keep the
 * connection's guard on the TLS streams. The context is asked for per connection, so a renewed
 * certificate serves the next handshake without a restart.
 */
final class StartTlsSockets implements SSLSocketCreator {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Supplier<SSLContext> contexts;

    StartTlsSockets(Supplier<SSLContext> contexts) {
        this.contexts = contexts;
    }

    @Override
    public SSLSocket createSSLSocket(Socket socket) throws IOException {
        GuardedSocket plain = socket instanceof GuardedSocket guarded ? guarded : null;
        if (plain != null) {
            plain.startTls();
        }
        SSLSocket tls = serverSocketOver(socket);
        return plain == null ? tls : new GuardedSslSocket(tls, plain.guard());
    }

    /** A server-mode TLS socket over a connected one; the handshake happens on first use. */
    SSLSocket serverSocketOver(Socket socket) throws IOException {
        // The server-mode variant: no host name, so no reverse lookup of the client.
        SSLSocket tls = (SSLSocket) contexts.get().getSocketFactory().createSocket(socket, null, true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(Arrays.stream(tls.getSupportedProtocols()).filter(PROTOCOLS::contains)
                .toArray(String[]::new));
        return tls;
    }
}
