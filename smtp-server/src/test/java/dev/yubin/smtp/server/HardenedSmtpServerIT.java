package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.smtp.MessageData;
import dev.yubin.core.smtp.MessageDataReader;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/** Submission-style listeners (STARTTLS required, implicit TLS, AUTH) over real sockets. */
class HardenedSmtpServerIT {

    private static final SmtpReply TRY_LATER = new SmtpReply(454, "4.7.0", "Temporary authentication failure");

    private final AtomicReference<SSLContext> tls = new AtomicReference<>(
            SelfSignedCertificate.create("msa.yubin.test").sslContext());
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> identities = new CopyOnWriteArrayList<>();
    private HardenedSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void beforeStartTlsNeitherAuthNorMailButStartTlsIsOffered() throws IOException {
        start(TlsMode.STARTTLS_REQUIRED);
        try (SmtpConversation smtp = connect()) {
            smtp.expect("220 msa.yubin.test ESMTP Yubin").send("EHLO client.example.org").expect("250 STARTTLS");
            assertThat(smtp.lastReply()).noneMatch(line -> line.contains("AUTH"));
            smtp.send("AUTH PLAIN " + plain("alice@example.test", "secret")).expect("538 5.7.11")
                    .send("MAIL FROM:<alice@example.test>").expect("530 5.7.0 Must issue a STARTTLS command first")
                    .send("HELO client.example.org").expect("530 5.7.0")
                    .send("NOOP").expect("250 2.0.0");
        }
        assertThat(identities).isEmpty();
    }

    @Test
    void afterStartTlsAuthIsOfferedAndMailWaitsForIt() throws IOException {
        start(TlsMode.STARTTLS_REQUIRED);
        try (SmtpConversation smtp = connect()) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ").send("STARTTLS").expect("220")
                    .startTls("TLSv1.3")
                    .send("EHLO client.example.org").expect("250 AUTH PLAIN LOGIN");
            assertThat(smtp.lastReply()).noneMatch(line -> line.contains("STARTTLS"));
            smtp.send("MAIL FROM:<alice@example.test>").expect("530 5.7.0 Authentication required")
                    .send("AUTH PLAIN " + plain("alice@example.test", "wrong")).expect("535 5.7.8")
                    .send("AUTH PLAIN " + plain("slow@example.test", "secret")).expect("454 4.7.0")
                    .send("AUTH PLAIN " + plain("alice@example.test", "secret")).expect("235 2.7.0")
                    .send("AUTH PLAIN " + plain("alice@example.test", "secret")).expect("503 5.5.1")
                    .send("MAIL FROM:<alice@example.test>").expect("250 2.1.0")
                    .send("RCPT TO:<bob@example.org>").expect("250 2.1.5")
                    .send("DATA").expect("354")
                    .sendRaw("Subject: hi\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0 queued")
                    .send("QUIT").expect("221 2.0.0");
        }
        assertThat(identities).containsExactly("alice@example.test");
        assertThat(received).containsExactly("Subject: hi\r\n\r\nhello\r\n");
    }

    @Test
    void authLoginChallengesAreAnsweredLineByLineOrPipelinedAndNoLineRunsAsACommand() throws IOException {
        start(TlsMode.IMPLICIT);
        String user = base64("alice@example.test");
        try (SmtpConversation smtp = connectImplicit()) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("AUTH LOGIN").expect("334 VXNlcm5hbWU6")
                    .send(user).expect("334 UGFzc3dvcmQ6")
                    .send(base64("wrong")).expect("535 5.7.8")
                    .send("NOOP").expect("250 2.0.0")
                    // "DATA" is valid base64: as a pipelined answer it must not open message data
                    .sendRaw("AUTH LOGIN\r\n" + user + "\r\nDATA\r\n").expect("334").expect("334").expect("535 5.7.8")
                    .send("NOOP " + "x".repeat(1200)).expect("500 5.5.2")
                    .send("AUTH LOGIN " + user).expect("334 UGFzc3dvcmQ6")
                    .send("*").expect("501 5.5.4")
                    .sendRaw("AUTH LOGIN\r\n" + user + "\r\n" + base64("secret") + "\r\n").expect("334").expect("334")
                    .expect("235 2.7.0")
                    .send("MAIL FROM:<alice@example.test>").expect("250 2.1.0");
        }
    }

    @Test
    void aRefusedMessageEndsItsTransactionLikeAnAcceptedOne() throws IOException {
        start(TlsMode.IMPLICIT);
        String chunk = "Subject: refuse me\r\n\r\nx\r\n";
        try (SmtpConversation smtp = connectImplicit()) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("AUTH PLAIN " + plain("alice@example.test", "secret")).expect("235")
                    .send("MAIL FROM:<alice@example.test>").expect("250").send("RCPT TO:<bob@example.org>").expect("250")
                    .send("DATA").expect("354").sendRaw(chunk + ".\r\n").expect("550 5.7.1")
                    .send("DATA").expect("503 5.5.1")
                    .send("MAIL FROM:<alice@example.test>").expect("250").send("RCPT TO:<bob@example.org>").expect("250")
                    .sendRaw("BDAT " + chunk.length() + " LAST\r\n" + chunk).expect("550 5.7.1")
                    .send("MAIL FROM:<alice@example.test>").expect("250 2.1.0");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void implicitTlsGreetsOnlyAfterTheHandshakeOffersAuthAndRefusesTls11() throws Exception {
        start(TlsMode.IMPLICIT);
        try (SmtpConversation smtp = connectImplicit()) {
            smtp.expect("220 msa.yubin.test").send("EHLO client.example.org").expect("250 AUTH PLAIN LOGIN");
            assertThat(smtp.lastReply()).noneMatch(line -> line.contains("STARTTLS"));
            smtp.send("STARTTLS").expect("454 4.7.0").send("MAIL FROM:<a@example.test>").expect("530 5.7.0");
        }
        assertThatThrownBy(() -> SmtpConversation.connect("127.0.0.1", server.port()).startTls("TLSv1.1"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void everyHandshakeUsesTheCurrentContextSoARenewedCertificateNeedsNoRestart() throws Exception {
        start(TlsMode.IMPLICIT);
        X509Certificate before = serverCertificate();

        tls.set(SelfSignedCertificate.create("renewed.yubin.test").sslContext());

        assertThat(before.getSubjectX500Principal().getName()).isEqualTo("CN=msa.yubin.test");
        assertThat(serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=renewed.yubin.test");
    }

    @Test
    void aListenerWithAuthButWithoutTlsIsNotBuilt() {
        assertThatThrownBy(() -> builder(TlsMode.NONE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AUTH");
    }

    private void start(TlsMode mode) {
        server = builder(mode).build();
        server.start();
    }

    private HardenedSmtpServer.Builder builder(TlsMode mode) {
        return HardenedSmtpServer.builder()
                .port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("msa.yubin.test")
                .limits(new SmtpLimits(1024 * 1024, 10, 5, 10, Duration.ofSeconds(30)))
                .tls(mode, tls::get)
                .authentication((username, password, client) -> {
                    assertThat(client).isEqualTo("127.0.0.1");
                    if (username.equals("slow@example.test")) {
                        return new SmtpAuthenticator.Refused(TRY_LATER);
                    }
                    return password.equals("secret")
                            ? new SmtpAuthenticator.Authenticated(username)
                            : new SmtpAuthenticator.Refused(SmtpReply.BAD_CREDENTIALS);
                })
                .messageHandlers(this::handler);
    }

    /** Keeps what it is given: the listener, not the handler, is under test. */
    private MessageHandler handler(MessageContext context) {
        identities.add(SmtpClient.of(context).authenticatedUser().orElseThrow());
        return new MessageHandler() {
            @Override
            public void from(String from) {}

            @Override
            public void recipient(String recipient) {}

            @Override
            public String data(InputStream data) throws RejectException, IOException {
                MessageData message = new MessageDataReader(1024 * 1024).read(data);
                String text = new String(message.bytes(), StandardCharsets.US_ASCII);
                if (text.contains("refuse me")) {
                    throw new RejectException(550, "5.7.1 Refused");
                }
                received.add(text);
                return "2.0.0 queued";
            }

            @Override
            public void done() {}
        };
    }

    private SmtpConversation connect() throws IOException {
        return SmtpConversation.connect("127.0.0.1", server.port());
    }

    /** Implicit TLS from the client's side: the handshake right after connecting. */
    private SmtpConversation connectImplicit() throws IOException {
        return connect().startTls();
    }

    private X509Certificate serverCertificate() throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class TrustAll implements X509TrustManager {
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
