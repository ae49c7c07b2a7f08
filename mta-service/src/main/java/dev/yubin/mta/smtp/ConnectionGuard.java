package dev.yubin.mta.smtp;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

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
    private final SmtpMetrics metrics;

    ConnectionGuard(int maxErrors, SmtpMetrics metrics) {
        this.errors = new ErrorCounter(maxErrors);
        this.metrics = metrics;
    }

    Streams wrap(InputStream in, OutputStream out, Closeable connection) {
        PendingCommands commands = new PendingCommands();
        CommandLineFilter input = new CommandLineFilter(in, commands);
        ReplyStream output = new ReplyStream(out, commands, input::answered, this::replied, connection);
        return new Streams(input, output);
    }

    /** @return true when the client has had one error too many */
    private boolean replied(int code) {
        metrics.reply(code);
        return errors.count(code);
    }
}
