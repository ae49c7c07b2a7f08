package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands between SubEthaSMTP and the client for every reply line: puts an enhanced status code
 * where SubEthaSMTP wrote none ({@link EnhancedCodes}), reports each final reply, and when the
 * reply observer says the client has had enough errors, adds {@code 421 4.7.0} and hangs up.
 * SubEthaSMTP offers no hook for either: all its replies go through {@code Session.sendResponse}.
 */
final class ReplyStream extends OutputStream {

    private static final Pattern REPLY = Pattern.compile("(\\d{3})([ -]?)(.*)\r\n", Pattern.DOTALL);

    private final OutputStream out;
    private final PendingCommands commands;
    private final Consumer<PendingCommands.Command> onAnswered;
    private final IntPredicate closeAfter;
    private final Closeable connection;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private final byte[] one = new byte[1];
    private boolean multiline;
    private boolean passThrough;

    /**
     * @param closeAfter told the code of each final reply; true: say 421 and close the connection
     */
    ReplyStream(OutputStream out, PendingCommands commands, Consumer<PendingCommands.Command> onAnswered,
                IntPredicate closeAfter, Closeable connection) {
        this.out = out;
        this.commands = commands;
        this.onAnswered = onAnswered;
        this.closeAfter = closeAfter;
        this.connection = connection;
    }

    /** From now on the bytes are TLS records: not ours to read. */
    void passThrough() {
        passThrough = true;
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    /** Hands on each complete line; a short loop, since every reply byte passes here. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end && !passThrough; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                start = i + 1;
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                reply(text);
            }
        }
        if (passThrough) {
            out.write(b, start, end - start);
        } else {
            line.write(b, start, end - start);
        }
    }

    @Override
    public void flush() throws IOException {
        if (line.size() > 0) {
            // Not a whole line: SubEthaSMTP always ends its replies, so this is never expected.
            line.writeTo(out);
            line.reset();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void reply(String text) throws IOException {
        Matcher reply = REPLY.matcher(text);
        if (!reply.matches()) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        int code = Integer.parseInt(reply.group(1));
        if (reply.group(2).equals("-")) {
            multiline = true;
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        boolean lastOfMany = multiline;
        multiline = false;
        if (code == 334) {
            // an AUTH challenge: the client's next line is its answer, not a command
            PendingCommands.Command answer = commands.challenged();
            if (answer != null) {
                onAnswered.accept(answer);
            }
        }
        boolean intermediate = code / 100 == 3;
        PendingCommands.Command command = intermediate ? null : commands.answered();
        String body = lastOfMany ? reply.group(3)
                : EnhancedCodes.ensure(code, reply.group(3), command == null ? null : command.verb());
        // Counted before it is sent: whoever reads the reply sees it counted.
        boolean oneErrorTooMany = closeAfter.test(code);
        out.write((code + " " + body + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (command != null) {
            onAnswered.accept(command);
        }
        if (oneErrorTooMany) {
            out.write((SmtpReply.TOO_MANY_ERRORS + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            connection.close();
        }
    }
}
