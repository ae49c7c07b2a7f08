package dev.yubin.smtp.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;

/**
 * Accepts connections as {@link GuardedSocket}s, SubEthaSMTP's way in for our stream wrappers;
 * with implicit TLS, as {@link GuardedSslSocket}s whose handshake the session's thread does on
 * its first write (the greeting), so a slow client never holds up the accepting thread.
 *
 * <p>{@link #stopAccepting()} closes the listening socket (new connections are refused by the
 * kernel) while SubEthaSMTP's accepting thread waits, quietly, for SubEthaSMTP's own
 * {@link #close()}: it would otherwise log an error and try again every second.
 */
final class GuardedServerSocket extends ServerSocket {

    private final Supplier<ConnectionGuard> guards;
    private final StartTlsSockets implicitTls;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean stoppedAccepting;

    /** @param implicitTls the TLS layer of every connection, or null for plain connections */
    GuardedServerSocket(Supplier<ConnectionGuard> guards, StartTlsSockets implicitTls) throws IOException {
        this.guards = guards;
        this.implicitTls = implicitTls;
    }

    /** Refuses new connections from now on; the server's stop closes us for good. */
    void stopAccepting() throws IOException {
        stoppedAccepting = true;
        super.close();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        super.close();
    }

    @Override
    public Socket accept() throws IOException {
        try {
            return acceptGuarded();
        } catch (IOException e) {
            if (stoppedAccepting) {
                awaitClose();
            }
            throw e;
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            // SubEthaSMTP interrupts its thread right after closing us
            Thread.currentThread().interrupt();
        }
    }

    private Socket acceptGuarded() throws IOException {
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
