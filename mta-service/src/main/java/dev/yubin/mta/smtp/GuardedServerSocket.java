package dev.yubin.mta.smtp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;

/** Accepts connections as {@link GuardedSocket}s: SubEthaSMTP's way in for our stream wrappers. */
final class GuardedServerSocket extends ServerSocket {

    private final Supplier<ConnectionGuard> guards;

    GuardedServerSocket(Supplier<ConnectionGuard> guards) throws IOException {
        this.guards = guards;
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        GuardedSocket socket = new GuardedSocket(guards.get());
        implAccept(socket);
        return socket;
    }
}
