package dev.yubin.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A plain SMTP connection whose streams go through its {@link ConnectionGuard}. */
final class GuardedSocket extends Socket {

    private final ConnectionGuard guard;
    private ConnectionGuard.Streams streams;

    GuardedSocket(ConnectionGuard guard) {
        this.guard = guard;
    }

    ConnectionGuard guard() {
        return guard;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        return streams().input();
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        return streams().output();
    }

    /** STARTTLS: the TLS socket layered over this one reads and writes raw bytes from now on. */
    synchronized void startTls() throws IOException {
        streams().passThrough();
    }

    private ConnectionGuard.Streams streams() throws IOException {
        if (streams == null) {
            Socket self = this;
            streams = guard.wrap(super.getInputStream(), super.getOutputStream(), self::close);
        }
        return streams;
    }
}
