package dev.yubin.mta.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Port 25 asks the policy service at CONNECT, HELO, MAIL and RCPT and acts on each answer, over
 * real sockets from several 127.0.0.x; with a greet delay and a circuit breaker that opens after
 * two failures for one second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "yubin.mta.smtp-port=0",
        "yubin.mta.bind-address=127.0.0.1",
        "yubin.mta.hostname=mx.yubin.test",
        "yubin.mta.greet-delay=300ms",
        "yubin.policy.circuit-breaker.failure-threshold=2",
        "yubin.policy.circuit-breaker.open-for=1s",
        "logging.level.org.apache.kafka=WARN"})
class PolicyStagesIT {

    private static final ScriptedPolicy POLICY = ScriptedPolicy.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        int closed = closedPort();
        registry.add("yubin.policy.url", POLICY::url);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closed);
    }

    @Autowired
    SmtpListener listener;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        POLICY.reset();
    }

    @Test
    void connectAsksWithTheClientAddressAndARefusalIsAnsweredInsteadOfTheGreeting() throws IOException {
        POLICY.script(request -> request.path("clientAddress").asString().equals("127.0.0.2")
                ? ScriptedPolicy.decision("REJECT", 554, "5.7.1", "Access denied")
                : ScriptedPolicy.DEFAULT.apply(request));

        try (SmtpConversation smtp = connectFrom("127.0.0.2")) {
            smtp.expect("554 5.7.1 Access denied");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        try (SmtpConversation smtp = connectFrom("127.0.0.3")) {
            smtp.expect("220 mx.yubin.test");
        }
        assertThat(POLICY.asked("CONNECT")).extracting(r -> r.path("clientAddress").asString())
                .containsExactly("127.0.0.2", "127.0.0.3");
    }

    @Test
    void aTempfailAtConnectIs421AndADropCloses() throws IOException {
        POLICY.script(request -> switch (request.path("clientAddress").asString()) {
            case "127.0.0.4" -> ScriptedPolicy.decision("TEMPFAIL", 450, "4.7.25", "Client host rejected: cannot find your hostname");
            case "127.0.0.5" -> ScriptedPolicy.decision("DROP", 554, "5.7.1", "Access denied");
            default -> ScriptedPolicy.DEFAULT.apply(request);
        });

        try (SmtpConversation smtp = connectFrom("127.0.0.4")) {
            smtp.expect("421 4.7.25 Client host rejected");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        try (SmtpConversation smtp = connectFrom("127.0.0.5")) {
            smtp.expect("554 5.7.1 Access denied");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aRefusedHeloIsAnsweredWithThePolicysReplyAndMailNeedsAnAcceptedOne() throws IOException {
        POLICY.script(request -> request.path("stage").asString().equals("HELO")
                && request.path("helo").asString().equals("localhost")
                ? ScriptedPolicy.decision("REJECT", 550, "5.7.1", "Helo command rejected")
                : ScriptedPolicy.DEFAULT.apply(request));

        try (SmtpConversation smtp = connectFrom("127.0.0.6")) {
            smtp.expect("220").send("EHLO localhost").expect("550 5.7.1 Helo command rejected")
                    .send("MAIL FROM:<someone@remote.example>").expect("503 5.5.1 Error: send HELO/EHLO first")
                    .send("HELO localhost").expect("550 5.7.1")
                    .send("EHLO client.remote.example").expect("250 ")
                    .send("MAIL FROM:<someone@remote.example>").expect("250 2.1.0");
        }
        assertThat(POLICY.asked("HELO")).extracting(r -> r.path("helo").asString())
                .containsExactly("localhost", "localhost", "client.remote.example");
        JsonNode mail = POLICY.asked("MAIL").get(0);
        assertThat(mail.path("clientAddress").asString()).isEqualTo("127.0.0.6");
        assertThat(mail.path("helo").asString()).isEqualTo("client.remote.example");
        assertThat(mail.path("sender").asString()).isEqualTo("someone@remote.example");
        assertThat(mail.path("queueId").asString()).hasSize(20);
        // one random id for the whole session, for the policy service's concurrency count
        assertThat(POLICY.requests).extracting(r -> r.path("sessionId").asString()).hasSize(5)
                .allMatch(id -> id.equals(POLICY.requests.get(0).path("sessionId").asString()))
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    @Test
    void aHeloDropClosesTheConnection() throws IOException {
        POLICY.script(request -> request.path("stage").asString().equals("HELO")
                ? ScriptedPolicy.decision("DROP", 554, "5.7.1", "Access denied")
                : ScriptedPolicy.DEFAULT.apply(request));

        try (SmtpConversation smtp = connectFrom("127.0.0.7")) {
            smtp.expect("220").send("HELO client.remote.example").expect("554 5.7.1 Access denied");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void anSpfFailAtMailIsRefusedAndTheClientMayTryAnotherSender() throws IOException {
        POLICY.script(request -> request.path("stage").asString().equals("MAIL")
                && request.path("sender").asString().equals("forged@bank.example")
                ? ScriptedPolicy.decision("REJECT", 550, "5.7.23", "SPF validation failed")
                : ScriptedPolicy.DEFAULT.apply(request));

        try (SmtpConversation smtp = connectFrom("127.0.0.8")) {
            smtp.expect("220").send("EHLO client.remote.example").expect("250 ")
                    .send("MAIL FROM:<forged@bank.example>").expect("550 5.7.23 SPF validation failed")
                    .send("MAIL FROM:<>").expect("250 2.1.0")
                    .send("RCPT TO:<nobody@example.test>").expect("550 5.1.1");
        }
        assertThat(POLICY.asked("MAIL")).extracting(r -> r.path("sender").asString())
                .containsExactly("forged@bank.example", "<>");
    }

    @Test
    void anEarlyTalkerIsDroppedAndCountedAndAPatientClientIsGreetedAfterTheDelay() throws IOException {
        double before = meters.get("yubin.mta.smtp.early-talkers").counter().count();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.9", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", listener.port()));
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("EHLO spam.example\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(reply).isEqualTo("521 5.5.1 Protocol error\r\n");
        }
        assertThat(meters.get("yubin.mta.smtp.early-talkers").counter().count()).isEqualTo(before + 1);

        long started = System.nanoTime();
        try (SmtpConversation smtp = connectFrom("127.0.0.10")) {
            smtp.expect("220 mx.yubin.test");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void withThePolicyServiceFailingEveryStageIs4xxAndTheBreakerStopsAskingThenProbes() throws IOException {
        double trips = meters.get("yubin.mta.policy.circuit.trips").counter().count();
        POLICY.script(request -> new ScriptedPolicy.Reply(503, null));

        try (SmtpConversation smtp = connectFrom("127.0.0.11")) {
            smtp.expect("421 4.3.0");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        try (SmtpConversation smtp = connectFrom("127.0.0.11")) {
            smtp.expect("421 4.3.0");
        }
        // open: answered at once, the service is not asked
        try (SmtpConversation smtp = connectFrom("127.0.0.11")) {
            smtp.expect("421 4.3.0");
        }
        assertThat(POLICY.requests).hasSize(2);
        assertThat(meters.get("yubin.mta.policy.circuit.trips").counter().count()).isEqualTo(trips + 1);
        assertThat(meters.get("yubin.mta.policy.circuit.state").gauge().value()).isEqualTo(1);

        POLICY.reset();
        // after the open time one probe goes through, succeeds, and everything is asked again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            try (SmtpConversation smtp = connectFrom("127.0.0.11")) {
                smtp.expect("220");
            }
        });
        assertThat(meters.get("yubin.mta.policy.circuit.state").gauge().value()).isZero();
        try (SmtpConversation smtp = connectFrom("127.0.0.11")) {
            POLICY.script(request -> request.path("stage").asString().equals("CONNECT")
                    ? ScriptedPolicy.DEFAULT.apply(request) : new ScriptedPolicy.Reply(500, null));
            smtp.expect("220").send("EHLO client.remote.example").expect("451 4.3.0")
                    .send("QUIT").expect("221");
        }
    }

    private SmtpConversation connectFrom(String address) throws IOException {
        return SmtpConversation.connect("127.0.0.1", listener.port(), address);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
