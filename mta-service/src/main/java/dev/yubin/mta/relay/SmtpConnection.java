package dev.yubin.mta.relay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The bytes of an SMTP client connection: reply lines in, command lines and message data out,
 * CRLF only. Knows nothing of the protocol's order; {@link SmtpSession} does.
 */
final class SmtpConnection implements Closeable {

    /** RFC 5321 §4.5.3.1.5 allows 512; be lenient with servers that send more, not unbounded. */
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;
    private static final byte[] CRLF = {'\r', '\n'};

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpConnection(Socket socket) throws IOException {
        attach(socket);
    }

    static SmtpConnection open(InetSocketAddress address, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) connectTimeout.toMillis());
            return new SmtpConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 8192);
        this.out = new BufferedOutputStream(s.getOutputStream(), 65536);
    }

    void timeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Queues a command line; {@link #flush()} sends it (so that pipelined commands go in one write). */
    void command(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Sends the message and the final dot: lines dot-stuffed (RFC 5321 §4.5.2), and every line
     * ending written as CRLF, so that no bare CR or LF ever leaves us.
     */
    void data(byte[] message) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                out.write(CRLF);
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write(CRLF);
        }
        out.write('.');
        out.write(CRLF);
        out.flush();
    }

    /** Reads one reply, all its lines. */
    Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("malformed reply line: " + abbreviate(line));
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            int code = Integer.parseInt(line.substring(0, 3));
            if (line.length() == 3 || line.charAt(3) == ' ') {
                if (code < 200 || code > 599) {
                    throw new IOException("reply code out of range: " + code);
                }
                return new Reply(code, lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new IOException("reply of more than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("reply line longer than " + MAX_REPLY_LINE + " octets");
            }
            line.write(b);
        }
        throw new EOFException("connection closed by the server");
    }

    /**
     * Turns the connection into TLS (TLS 1.2/1.3) with sockets from {@code factory}, which decides
     * whether the chain is checked ({@link TlsPolicy}). With {@code checkHostName}, the
     * certificate must also name {@code host} (RFC 6125, as for HTTPS): a certificate valid for
     * another name would let anyone with any trusted certificate stand in for the MX.
     *
     * @throws javax.net.ssl.SSLException when the handshake or the verification fails
     */
    void startTls(SSLSocketFactory factory, String host, boolean checkHostName) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, socket.getPort(), true);
        tls.setUseClientMode(true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (checkHostName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        attach(tls);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to tell anyone
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** A reply: its code and the text of each line. */
    record Reply(int code, List<String> lines) {

        RemoteReply toRemoteReply() {
            return new RemoteReply(code, String.join(" ", lines));
        }

        boolean isPositive() {
            return code >= 200 && code < 400;
        }
    }
}
