package dev.yubin.msa.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ports 587 and 465 over real TLS sockets, for what needs no answer from the policy service
 * (pointed at a closed port, like Kafka). The flows with accounts, ownership, delivery and DKIM
 * are tested end to end with the whole platform running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "yubin.msa.submission-port=0",
        "yubin.msa.submissions-port=0",
        "yubin.msa.bind-address=127.0.0.1",
        "yubin.msa.hostname=msa.yubin.test",
        "spring.ssl.bundle.watch.file.quiet-period=100ms",
        "logging.level.org.apache.kafka=WARN"})
class SubmissionListenersIT {

    private static final Path TLS = tlsDirectory();
    private static final int CLOSED_PORT = closedPort();
    private static final String ALICE_PLAIN = base64("\0alice@example.test\0secret");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.pem.smtp.keystore.certificate", () -> "file:" + TLS.resolve("tls.crt"));
        registry.add("spring.ssl.bundle.pem.smtp.keystore.private-key", () -> "file:" + TLS.resolve("tls.key"));
        registry.add("yubin.policy.url", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + CLOSED_PORT);
    }

    @Autowired
    SubmissionListeners listeners;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void previousSessionsHaveEnded() {
        await().atMost(Duration.ofSeconds(10)).until(() -> openSessions() == 0);
    }

    @Test
    void on587AuthIsNeitherOfferedNorAcceptedBeforeStartTlsAndMailWaitsForAuth() throws IOException {
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionPort())) {
            smtp.expect("220 msa.yubin.test ESMTP Yubin").send("EHLO laptop.example.org").expect("250 STARTTLS");
            assertThat(smtp.lastReply()).noneMatch(line -> line.contains("AUTH"));
            smtp.send("AUTH PLAIN " + ALICE_PLAIN).expect("538 5.7.11")
                    .send("MAIL FROM:<alice@example.test>").expect("530 5.7.0")
                    .send("STARTTLS").expect("220")
                    .startTls("TLSv1.3")
                    .send("EHLO laptop.example.org").expect("250 AUTH PLAIN LOGIN");
            assertThat(smtp.lastReply()).noneMatch(line -> line.contains("STARTTLS"));
            smtp.send("MAIL FROM:<alice@example.test>").expect("530 5.7.0 Authentication required")
                    .send("RCPT TO:<bob@example.test>").expect("530 5.7.0")
                    .send("QUIT").expect("221");
        }
    }

    @Test
    void on465TlsComesFirstThenAuthIsOfferedAndMailWaitsForIt() throws IOException {
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionsPort()).startTls()) {
            smtp.expect("220 msa.yubin.test ESMTP Yubin").send("EHLO laptop.example.org").expect("250 AUTH PLAIN LOGIN");
            assertThat(smtp.lastReply()).contains("250-ENHANCEDSTATUSCODES", "250-PIPELINING")
                    .noneMatch(line -> line.contains("STARTTLS"));
            smtp.send("MAIL FROM:<alice@example.test>").expect("530 5.7.0 Authentication required");
        }
    }

    @Test
    void authWhileThePolicyServiceIsUnreachableIs454AndNeverAccepted() throws IOException {
        double before = auth("unavailable");
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionsPort()).startTls()) {
            smtp.expect("220").send("EHLO laptop.example.org").expect("250 ")
                    .send("AUTH PLAIN " + ALICE_PLAIN).expect("454 4.7.0 Temporary authentication failure")
                    .send("AUTH LOGIN").expect("334 VXNlcm5hbWU6")
                    .send(base64("alice@example.test")).expect("334 UGFzc3dvcmQ6")
                    .send(base64("secret")).expect("454 4.7.0")
                    .send("MAIL FROM:<alice@example.test>").expect("530 5.7.0");
        }
        assertThat(auth("unavailable")).isEqualTo(before + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void tls12And13AreSpokenOnBothPorts(String protocol) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionPort())) {
            smtp.expect("220").send("EHLO laptop.example.org").expect("250 ").send("STARTTLS").expect("220")
                    .startTls(protocol).send("NOOP").expect("250 2.0.0");
        }
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionsPort()).startTls(protocol)) {
            smtp.expect("220").send("NOOP").expect("250 2.0.0");
        }
    }

    @Test
    void tls11IsRefusedOnBothPorts() throws IOException {
        // The Failsafe JVM allows TLS 1.1 (tls11-allowed.security): the refusal is the listener's.
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).doesNotContain("TLSv1.1");
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionPort())) {
            smtp.expect("220").send("EHLO laptop.example.org").expect("250 ").send("STARTTLS").expect("220");
            assertThatThrownBy(() -> smtp.startTls("TLSv1.1")).isInstanceOf(IOException.class);
        }
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", listeners.submissionsPort())) {
            assertThatThrownBy(() -> smtp.startTls("TLSv1.1")).isInstanceOf(IOException.class);
        }
    }

    /**
     * A client that connects for every message (Thunderbird) resumes its TLS session instead of
     * paying a full handshake each time; Python's ssl module is the client, as an independent one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1_2", "TLSv1_3"})
    void aSecondConnectionResumesTheTlsSessionOnBothPorts(String version) throws Exception {
        assertThat(resumption(listeners.submissionPort(), "starttls", version)).isEqualTo("resumed");
        assertThat(resumption(listeners.submissionsPort(), "implicit", version)).isEqualTo("resumed");
    }

    @Test
    void aRenewedCertificateServesTheNextConnectionWithoutARestart() throws Exception {
        assertThat(certificate().getSubjectX500Principal().getName()).isEqualTo("CN=msa.yubin.test");

        write(SelfSignedCertificate.create("renewed.yubin.test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(certificate().getSubjectX500Principal().getName()).isEqualTo("CN=renewed.yubin.test"));
    }

    @Test
    void openSessionsOfBothPortsAreCounted() throws IOException {
        try (SmtpConversation submission = SmtpConversation.connect("127.0.0.1", listeners.submissionPort());
             SmtpConversation submissions = SmtpConversation.connect("127.0.0.1", listeners.submissionsPort()).startTls()) {
            submission.expect("220");
            submissions.expect("220");

            assertThat(openSessions()).isEqualTo(2);
        }
    }

    private X509Certificate certificate() throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listeners.submissionsPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private double openSessions() {
        return meters.get("yubin.msa.smtp.sessions").gauge().value();
    }

    private double auth(String result) {
        return meters.get("yubin.msa.auth").tag("result", result).counter().count();
    }

    private static Path tlsDirectory() {
        try {
            Path directory = Files.createTempDirectory("msa-tls");
            directory.toFile().deleteOnExit();
            write(directory, SelfSignedCertificate.create("msa.yubin.test"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(SelfSignedCertificate certificate) throws IOException {
        write(TLS, certificate);
    }

    /** Key first, then certificate, each replaced whole: the watcher never sees half a file. */
    private static void write(Path directory, SelfSignedCertificate certificate) throws IOException {
        replace(directory.resolve("tls.key"), certificate.privateKeyPem());
        replace(directory.resolve("tls.crt"), certificate.certificatePem());
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".", ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        file.toFile().deleteOnExit();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    /** Debian's python3 (the apt packages of .ci/run install into it); any python3 would do. */
    private static String resumption(int port, String mode, String version) throws Exception {
        Path script = Path.of(SubmissionListenersIT.class.getResource("/tls_resumption.py").toURI());
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), "127.0.0.1", String.valueOf(port),
                mode, version).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("tls_resumption.py: %s", output).isZero();
        return output;
    }

}
