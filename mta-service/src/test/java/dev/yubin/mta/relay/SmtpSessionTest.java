package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted server over a real socket: what it writes, in which writes, and
 * how it reads each reply. The script plays a server that offers PIPELINING, SIZE and 8BITMIME.
 */
class SmtpSessionTest {

    private static final SmtpSession.Settings SETTINGS = new SmtpSession.Settings("relay.example.org",
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
            TlsPolicy.opportunistic());

    @Test
    void pipelinesMailRcptAndDataAndGivesEachRecipientItsOwnOutcome() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> transcript = CompletableFuture.supplyAsync(() -> script(server));
            byte[] message = "Subject: x\r\n\r\n.starts with a dot\nbare LF\rbare CR\r\n8-bit: \u00e9\r\nno final CRLF"
                    .getBytes(StandardCharsets.UTF_8);
            SmtpSession session = SmtpSession.open("example.net", "mx.example.net", InetAddress.getLoopbackAddress(),
                    server.getLocalPort(), SETTINGS, true);

            List<RecipientResult> results = session.send(envelope("a@example.org", "ok@example.net",
                    "unknown@example.net", "later@example.net"), message);
            session.quit();

            assertThat(results).extracting(r -> r.recipient().address().localPart() + "=" + r.status())
                    .containsExactlyInAnyOrder("ok=DELIVERED", "unknown=FAILED", "later=DEFERRED");
            assertThat(results).allSatisfy(r -> assertThat(r.remoteHost()).isEqualTo("mx.example.net[127.0.0.1]"));
            String wire = transcript.get(10, TimeUnit.SECONDS);
            assertThat(wire).contains("EHLO relay.example.org\r\n")
                    // one write for the whole group (RFC 2920), read here as one chunk
                    .contains("MAIL FROM:<a@example.org> SIZE=" + message.length + " BODY=8BITMIME\r\n"
                            + "RCPT TO:<ok@example.net>\r\nRCPT TO:<unknown@example.net>\r\nRCPT TO:<later@example.net>\r\nDATA\r\n")
                    .contains("\r\n..starts with a dot\r\nbare LF\r\nbare CR\r\n8-bit: \u00e9\r\nno final CRLF\r\n.\r\n")
                    .endsWith("QUIT\r\n");
        }
    }

    @Test
    void messageOverTheAnnouncedSizeFailsWithoutBeingSent() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> transcript = CompletableFuture.supplyAsync(() -> script(server));
            SmtpSession session = SmtpSession.open("example.net", "mx.example.net", InetAddress.getLoopbackAddress(),
                    server.getLocalPort(), SETTINGS, true);

            List<RecipientResult> results = session.send(envelope("a@example.org", "ok@example.net"), new byte[2000]);
            session.quit();

            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RecipientResult.Status.FAILED);
                assertThat(r.reply().status()).isEqualTo("5.3.4");
            });
            assertThat(transcript.get(10, TimeUnit.SECONDS)).doesNotContain("MAIL FROM");
        }
    }

    /** Plays the server for one session and returns everything the client wrote. */
    private static String script(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            BufferedReader lines = new BufferedReader(new InputStreamReader(new TeeStream(in, wire), StandardCharsets.UTF_8));
            write(out, "220 mx.example.net ESMTP\r\n");
            lines.readLine(); // EHLO
            write(out, "250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 8BITMIME\r\n");
            String line = lines.readLine();
            if (line.startsWith("QUIT")) {
                write(out, "221 bye\r\n");
                return wire.toString(StandardCharsets.UTF_8);
            }
            // MAIL FROM, three RCPT TO and DATA arrive before any reply is sent
            for (int i = 0; i < 4; i++) {
                lines.readLine();
            }
            write(out, "250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 unknown\r\n451 4.7.1 later\r\n354 go ahead\r\n");
            while (!".".equals(line)) {
                line = lines.readLine();
            }
            write(out, "250 2.0.0 queued\r\n");
            lines.readLine(); // QUIT
            write(out, "221 2.0.0 bye\r\n");
            return wire.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, String text) throws java.io.IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Envelope envelope(String sender, String... recipients) {
        return new Envelope(new QueueIdGenerator().next(), ReversePath.parse(sender),
                java.util.Arrays.stream(recipients).map(r -> Recipient.of(MailAddress.parse(r))).toList(),
                "192.0.2.1", "", "client", Optional.empty(), Instant.now(), List.of());
    }

    /** Copies what is read into a buffer, so the test sees the exact bytes the client sent. */
    private static final class TeeStream extends java.io.FilterInputStream {
        private final ByteArrayOutputStream copy;

        TeeStream(InputStream in, ByteArrayOutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }
    }
}
