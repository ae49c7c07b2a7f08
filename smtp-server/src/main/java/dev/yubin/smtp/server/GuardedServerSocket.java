package dev.yubin.smtp.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;

/**
 * Accepts connections as {@link GuardedSocket}s, SubEthaSMTP's way in for our stream wrappers;
 * with implicit TLS, as {@link GuardedSslSocket}s whose handshake the session's thread does on
 * its first write (the greeting), so a slow client never holds up the accepting thread.
 */
final class GuardedServerSocket extends ServerSocket {

    private final Supplier<ConnectionGuard> guards;
    private final StartTlsSockets implicitTls;

    /** @param implicitTls the TLS layer of every connection, or null for plain connections */
    GuardedServerSocket(Supplier<ConnectionGuard> guards, StartTlsSockets implicitTls) throws IOException {
        this.guards = guards;
        this.implicitTls = implicitTls;
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (implicitTls == null) {
            GuardedSocket socket = new GuardedSocket(guards.get());
            implAccept(socket);
            withoutNagle(socket);
            return socket;
        }
        Socket plain = new Socket();
        implAccept(plain);
        try {
            withoutNagle(plain);
            SSLSocket tls = implicitTls.serverSocketOver(plain);
            return new GuardedSslSocket(tls, guards.get());
        } catch (IOException | RuntimeException e) {
            // SubEthaSMTP's accept loop survives an IOException only
            plain.close();
            throw e instanceof IOException io ? io : new IOException("cannot set up TLS for a connection", e);
        }
    }

    /**
     * Replies are written line by line; with Nagle's algorithm the second line of a multi-line
     * reply waits for the ACK of the first, which the client delays by up to 40 ms.
     */
    private static void withoutNagle(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
    }
}
