package dev.yubin.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringTokenizer;

/**
 * Stands between the client and SubEthaSMTP's command reader, which answers a line of 998
 * characters with {@code 501} and hangs up. RFC 5321 wants {@code 500} and the session to go on,
 * so a command line longer than {@link #MAX_COMMAND_LINE} is swallowed up to its LF and replaced
 * by {@link LineTooLongCommand#VERB}, whose command answers {@code 500 5.5.2}.
 *
 * <p>Message data passes untouched, from {@code DATA} to CRLF.CRLF and for the length of each
 * {@code BDAT} chunk, recognized the way SubEthaSMTP recognizes them: long lines there are
 * MessageDataReader's to refuse, after the whole body. Only complete command lines are handed
 * on, so a command is never cut in two.
 *
 * <p>A line that answers an AUTH challenge is handed on as it is and is no command
 * ({@link PendingCommands#takeContinuation}). After STARTTLS the TLS layer reads the raw bytes:
 * {@link #passThrough()}.
 */
final class CommandLineFilter extends InputStream {

    /** Octets with CRLF. SubEthaSMTP's reader fails at 998 characters before the CRLF. */
    static final int MAX_COMMAND_LINE = 999;

    private static final byte[] LINE_TOO_LONG = (LineTooLongCommand.VERB + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private enum Mode { COMMAND, LONG_LINE, DATA, BDAT }

    private final InputStream in;
    private final PendingCommands commands;
    private final byte[] chunk = new byte[8192];
    private final byte[] one = new byte[1];
    private final byte[] line = new byte[MAX_COMMAND_LINE];
    private int lineLength;
    private byte[] ready = new byte[chunk.length + LINE_TOO_LONG.length];
    private int readyStart;
    private int readyEnd;
    private Mode mode = Mode.COMMAND;
    /** The DATA or BDAT command whose data is passing now. */
    private long dataCommand = -1;
    /** How many octets of CRLF.CRLF we have seen, starting as if after a CRLF. */
    private int endOfData;
    private long chunkLeft;
    private boolean passThrough;

    CommandLineFilter(InputStream in, PendingCommands commands) {
        this.in = in;
        this.commands = commands;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (readyStart == readyEnd) {
            if (passThrough) {
                return in.read(b, off, len);
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                return -1;
            }
            readyStart = 0;
            readyEnd = 0;
            filter(chunk, n);
        }
        int count = Math.min(len, readyEnd - readyStart);
        System.arraycopy(ready, readyStart, b, off, count);
        readyStart += count;
        return count;
    }

    @Override
    public int available() {
        return readyEnd - readyStart;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * From now on the bytes are TLS records. What the client sent after STARTTLS and before the
     * handshake is dropped, as RFC 3207 requires (no command injection into the TLS session).
     */
    void passThrough() {
        passThrough = true;
        readyStart = readyEnd;
        lineLength = 0;
    }

    /**
     * The final reply to a command has been written. A DATA or BDAT refused before its data
     * (503: no recipients) leaves SubEthaSMTP reading commands again, and so must we.
     */
    void answered(PendingCommands.Command command) {
        if (command.id() == dataCommand && (mode == Mode.DATA || mode == Mode.BDAT)) {
            mode = Mode.COMMAND;
        }
    }

    /**
     * Each mode takes the run of bytes it owns in a loop of its own, and hands the rest on when
     * it ends: one small loop per mode keeps the JIT's work on this hot path small (one loop over
     * every byte with the whole dispatch inside took C2 seconds to compile, again and again).
     */
    private void filter(byte[] bytes, int length) {
        int next = 0;
        while (next < length) {
            next = switch (mode) {
                case COMMAND -> command(bytes, next, length);
                case LONG_LINE -> longLine(bytes, next, length);
                case DATA -> data(bytes, next, length);
                case BDAT -> bdat(bytes, next, length);
            };
        }
    }

    /** Collects a command line up to its LF; past the limit, the rest of it is a {@link Mode#LONG_LINE}. */
    private int command(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit(line, 0, lineLength);
                emit(b);
                commandLine();
                lineLength = 0;
                return i + 1;
            }
            if (lineLength >= MAX_COMMAND_LINE - 1) {
                mode = Mode.LONG_LINE;
                lineLength = 0;
                return i + 1;
            }
            line[lineLength++] = b;
        }
        return to;
    }

    private int longLine(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                emit(LINE_TOO_LONG, 0, LINE_TOO_LONG.length);
                if (!commands.takeContinuation()) {
                    commands.sent(LineTooLongCommand.VERB.substring(0, 4));
                }
                mode = Mode.COMMAND;
                return i + 1;
            }
        }
        return to;
    }

    /** Passes message data on up to and with its CRLF.CRLF. */
    private int data(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == END_OF_DATA[endOfData]) {
                endOfData++;
            } else {
                endOfData = b == '\r' ? 1 : 0;
            }
            if (endOfData == END_OF_DATA.length) {
                emit(bytes, from, i + 1 - from);
                mode = Mode.COMMAND;
                return i + 1;
            }
        }
        emit(bytes, from, to - from);
        return to;
    }

    private int bdat(byte[] bytes, int from, int to) {
        int take = (int) Math.min(chunkLeft, to - from);
        emit(bytes, from, take);
        chunkLeft -= take;
        if (chunkLeft == 0) {
            mode = Mode.COMMAND;
        }
        return from + take;
    }

    /** Dispatches like SubEthaSMTP: by the first four characters, else by the first word. */
    private void commandLine() {
        if (commands.takeContinuation()) {
            return;   // a SASL response: no verb, and never DATA or BDAT
        }
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1).strip();
        StringTokenizer words = new StringTokenizer(text);
        String first = words.hasMoreTokens() ? words.nextToken().toUpperCase(Locale.ROOT) : "";
        String verb = first.length() > 4 ? first.substring(0, 4) : first;
        PendingCommands.Command command = commands.sent(verb);
        if (verb.equals("DATA")) {
            mode = Mode.DATA;
            endOfData = 2;
            dataCommand = command.id();
        } else if (verb.equals("BDAT") && words.hasMoreTokens()) {
            try {
                chunkLeft = Long.parseLong(words.nextToken());
            } catch (NumberFormatException e) {
                chunkLeft = 0;
            }
            if (chunkLeft > 0) {
                mode = Mode.BDAT;
                dataCommand = command.id();
            }
        }
    }

    private void emit(byte b) {
        ensureRoom(1);
        ready[readyEnd++] = b;
    }

    private void emit(byte[] bytes, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(bytes, offset, ready, readyEnd, length);
        readyEnd += length;
    }

    private void ensureRoom(int length) {
        if (readyEnd + length > ready.length) {
            byte[] larger = new byte[Math.max(ready.length * 2, readyEnd + length)];
            System.arraycopy(ready, 0, larger, 0, readyEnd);
            ready = larger;
        }
    }
}
