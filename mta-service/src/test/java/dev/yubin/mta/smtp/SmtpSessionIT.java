package dev.yubin.mta.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Port 25 over a real socket, for the protocol: the policy service is a {@link ScriptedPolicy}
 * that lets every client in and refuses every recipient (unless a test says otherwise), and
 * Kafka is a closed port. The policy stages: {@link PolicyStagesIT}; flows with recipients are
 * tested end to end by the devstack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "yubin.mta.smtp-port=0",
        "yubin.mta.bind-address=127.0.0.1",
        "yubin.mta.hostname=mx.yubin.test",
        "yubin.mta.max-connections-per-ip=3",
        // the tests that make the policy fail must not open the breaker for the others
        "yubin.policy.circuit-breaker.failure-threshold=1000",
        "logging.level.org.apache.kafka=WARN"})
class SmtpSessionIT {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.create("mx.yubin.test");
    private static final int CLOSED_PORT = closedPort();
    private static final ScriptedPolicy POLICY = ScriptedPolicy.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.pem.smtp.keystore.certificate", CERTIFICATE::certificatePem);
        registry.add("spring.ssl.bundle.pem.smtp.keystore.private-key", CERTIFICATE::privateKeyPem);
        registry.add("yubin.policy.url", POLICY::url);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + CLOSED_PORT);
    }

    @Autowired
    SmtpListener listener;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void previousSessionsHaveEnded() {
        POLICY.reset();
        // Each test counts connections from 127.0.0.1: wait until the server saw the last ones close.
        await().atMost(Duration.ofSeconds(10)).until(() -> openSessions() == 0);
    }

    @Test
    void greetingAndEhloListOurExtensionsWithStartTlsAndWithoutAuth() throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220 mx.yubin.test ESMTP Yubin")
                    .send("EHLO client.example.org").expect("250 ");
            assertThat(smtp.lastReply()).containsExactly("250-mx.yubin.test", "250-PIPELINING", "250-SIZE 26214400",
                    "250-8BITMIME", "250-SMTPUTF8", "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250 STARTTLS");
            smtp.send("HELO client.example.org").expect("250 mx.yubin.test")
                    .send("NOOP").expect("250 2.0.0")
                    .send("QUIT").expect("221 2.0.0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void startTlsHandshakesWithTls12And13AndThenOffersNeitherStartTlsNorAuth(String protocol) throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("STARTTLS").expect("220");

            SSLSocket tls = smtp.startTls(protocol);

            assertThat(tls.getSession().getProtocol()).isEqualTo(protocol);
            smtp.send("EHLO client.example.org").expect("250 ");
            assertThat(smtp.lastReply()).contains("250-ENHANCEDSTATUSCODES")
                    .noneMatch(line -> line.contains("STARTTLS") || line.contains("AUTH"));
            smtp.send("STARTTLS").expect("454 4.7.0")
                    .send("MAIL FROM:<@relay.example:someone@remote.example>").expect("553 5.1.7")
                    .send("NOOP " + "x".repeat(1500)).expect("500 5.5.2")
                    .send("NOOP").expect("250 2.0.0");
        }
    }

    @Test
    void tls11IsRefusedByTheListener() throws Exception {
        // The Failsafe JVM allows TLS 1.1 (tls11-allowed.security): the refusal is the listener's.
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).doesNotContain("TLSv1.1");
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("STARTTLS").expect("220");

            assertThatThrownBy(() -> smtp.startTls("TLSv1.1")).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void commandsPipelinedBehindStartTlsAreDiscarded() throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .sendRaw("STARTTLS\r\nMAIL FROM:<injected@attacker.example>\r\n").expect("220");

            smtp.startTls("TLSv1.3");

            // Had the injected MAIL FROM run, this RCPT would be in a transaction.
            smtp.send("EHLO client.example.org").expect("250 ")
                    .send("RCPT TO:<alice@example.test>").expect("503 5.5.1");
        }
    }

    @Test
    void anOverlongCommandLineIs500AndTheSessionGoesOn() throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("MAIL FROM:<" + "a".repeat(1200) + "@remote.example>").expect("500 5.5.2 Line too long")
                    .send("NOOP " + "x".repeat(100_000)).expect("500 5.5.2")
                    .send("NOOP").expect("250 2.0.0")
                    .send("MAIL FROM:<>").expect("250 2.1.0");
        }
    }

    @Test
    void garbageGetsErrorRepliesThen421AfterTheErrorLimit() throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220");
            for (int error = 1; error <= 10; error++) {
                smtp.send("XYZZY " + error).expect("500 5.5.2");
            }
            smtp.send("NOOP").expect("250 2.0.0")
                    .send("GET / HTTP/1.1").expect("500 5.5.2")
                    .expect("421 4.7.0");

            assertThat(smtp.closedByServer()).isTrue();
        }
    }

    @Test
    void mailFromWithASourceRouteOrBadSyntaxIs553AndTheNullPathIsAccepted() throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("MAIL FROM:<@relay.example:someone@remote.example>").expect("553 5.1.7")
                    .send("MAIL FROM:<no at sign>").expect("553 5.1.7")
                    .send("MAIL FROM:<>").expect("250 2.1.0")
                    .send("RSET").expect("250 2.0.0")
                    .send("MAIL FROM:<someone@remote.example> SIZE=1000").expect("250 2.1.0")
                    .send("RSET").expect("250 2.0.0")
                    .send("MAIL FROM:<someone@remote.example> SIZE=999999999").expect("552 5.3.4");
        }
    }

    @Test
    void connectionsFromOneAddressOverTheLimitAreRefusedWith421() throws IOException {
        List<SmtpTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(new SmtpTestClient(listener.port()).expect("220"));
            }
            try (SmtpTestClient fourth = new SmtpTestClient(listener.port())) {
                fourth.expect("421 4.7.0");
                assertThat(fourth.closedByServer()).isTrue();
            }

            open.remove(0).send("QUIT").expect("221").close();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (SmtpTestClient again = new SmtpTestClient(listener.port())) {
                    again.expect("220");
                }
            });
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void rcptWhileThePolicyServiceFailsIs451AndNeverAccepted() throws IOException {
        POLICY.script(request -> request.path("stage").asString().equals("RCPT")
                ? new ScriptedPolicy.Reply(503, null) : ScriptedPolicy.DEFAULT.apply(request));
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .send("MAIL FROM:<someone@remote.example>").expect("250 2.1.0")
                    .send("RCPT TO:<alice@example.test>").expect("451 4.3.0")
                    .send("RCPT TO:<not an address>").expect("553 5.1.3")
                    .send("DATA").expect("503 5.5.1")
                    .send("QUIT").expect("221 2.0.0");
        }
    }

    @Test
    void aBdatChunkRefusedForWantOfRecipientsIsReadNotRunAsCommands() throws IOException {
        String chunk = "XXXX\r\nYYYY\r\nRSET\r\n";
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("EHLO client.example.org").expect("250 ")
                    .sendRaw("BDAT " + chunk.length() + " LAST\r\n" + chunk).expect("503 5.5.1")
                    .send("MAIL FROM:<someone@remote.example>").expect("250 2.1.0")
                    .send("RCPT TO:<alice@example.test>").expect("550 5.1.1")
                    .sendRaw("BDAT " + chunk.length() + " LAST\r\n" + chunk).expect("503 5.5.1")
                    .send("NOOP").expect("250 2.0.0");
        }
    }

    @Test
    void repliesAreCountedByClassAndOpenSessionsByAGauge() throws IOException {
        double errorsBefore = replies("5xx");
        try (SmtpTestClient smtp = new SmtpTestClient(listener.port())) {
            smtp.expect("220").send("XYZZY").expect("500");

            assertThat(openSessions()).isEqualTo(1);
            assertThat(replies("5xx")).isEqualTo(errorsBefore + 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openSessions() == 0);
    }

    private double openSessions() {
        return meters.get("yubin.mta.smtp.sessions").gauge().value();
    }

    private double replies(String replyClass) {
        return meters.get("yubin.mta.smtp.replies").tag("class", replyClass).counter().count();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
