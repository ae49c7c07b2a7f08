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
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

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
     * Turns the connection into TLS. Opportunistic (RFC 3207 without verification, as RFC 7435
     * describes): the certificate is not checked, since an MX's name is not authenticated by DNS
     * either, and refusing would only make us send in clear text instead.
     */
    void startTls(String host) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, host, socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            tls.startHandshake();
            attach(tls);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS unavailable: " + e.getMessage(), e);
        }
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

    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
