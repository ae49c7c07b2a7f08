package dev.yubin.smtp.server;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * What one SMTP connection keeps across STARTTLS: its error count. Wraps the streams of the plain
 * socket first, then those of the TLS socket, with a {@link CommandLineFilter} and a
 * {@link ReplyStream} that know of each other through their {@link PendingCommands}.
 */
final class ConnectionGuard {

    /** The wrapped streams of one socket. */
    record Streams(CommandLineFilter input, ReplyStream output) {

        void passThrough() {
            input.passThrough();
            output.passThrough();
        }
    }

    private final ErrorCounter errors;
    private final IntConsumer replies;

    /** @param replies told the code of every final reply (metrics) */
    ConnectionGuard(int maxErrors, IntConsumer replies) {
        this.errors = new ErrorCounter(maxErrors);
        this.replies = replies;
    }

    Streams wrap(InputStream in, OutputStream out, Closeable connection) {
        PendingCommands commands = new PendingCommands();
        CommandLineFilter input = new CommandLineFilter(in, commands);
        ReplyStream output = new ReplyStream(out, commands, input::answered, this::replied, connection);
        return new Streams(input, output);
    }

    /** @return true when the client has had one error too many */
    private boolean replied(int code) {
        replies.accept(code);
        return errors.count(code);
    }
}
