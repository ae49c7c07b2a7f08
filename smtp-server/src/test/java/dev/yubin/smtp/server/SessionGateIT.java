package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.smtp.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;

/** The {@link SessionGate} at connect and HELO/EHLO, and the greet delay, over real sockets from several 127.0.0.x. */
class SessionGateIT {

    private static final SmtpReply LISTED = new SmtpReply(554, "5.7.1", "Access denied");
    private static final SmtpReply BAD_HELO = new SmtpReply(550, "5.7.1", "Helo command rejected");

    /** Refuses 127.0.0.2 at connect, throws for 127.0.0.3, refuses "localhost" and drops "drop.example". */
    private final RecordingGate gate = new RecordingGate();
    private final List<String> mailHelos = new CopyOnWriteArrayList<>();
    private HardenedSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aClientRefusedAtConnectGetsTheReplyInsteadOfTheGreetingAndIsDisconnected() throws IOException {
        start(Duration.ZERO);
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.2")) {
            smtp.expect("554 5.7.1 Access denied");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.4")) {
            smtp.expect("220 mx.yubin.test").send("QUIT").expect("221");
        }
        assertThat(gate.connects).containsExactly("127.0.0.2", "127.0.0.4");
        // the refused session gave its connection slot back and never reached disconnected()
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openSessions() == 0);
        assertThat(gate.disconnects).containsExactly("127.0.0.4");
    }

    @Test
    void aGateThatFailsIs421AndTheSlotIsGivenBack() throws IOException {
        start(Duration.ZERO);
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.3")) {
            smtp.expect("421 4.3.0");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openSessions() == 0);
    }

    @Test
    void aRefusedHeloOrEhloNameIsNotTakenAndTheClientMayTryAgain() throws IOException {
        start(Duration.ZERO);
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.5")) {
            smtp.expect("220").send("HELO localhost").expect("550 5.7.1 Helo command rejected")
                    .send("EHLO localhost").expect("550 5.7.1 Helo command rejected")
                    .send("HELO").expect("501 5.5.4")
                    .send("HELO client.remote.example").expect("250 mx.yubin.test")
                    .send("EHLO localhost").expect("550 5.7.1")
                    .send("MAIL FROM:<a@remote.example>").expect("250");
        }
        assertThat(gate.helos).containsExactly("localhost", "localhost", "client.remote.example", "localhost");
        // the handler sees the last name that was accepted, not the refused one after it
        assertThat(mailHelos).containsExactly("client.remote.example");
    }

    @Test
    void aHeloRefusalThatClosesIsAnsweredAndTheConnectionClosed() throws IOException {
        start(Duration.ZERO);
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.6")) {
            smtp.expect("220").send("EHLO drop.example").expect("554 5.7.1 Access denied");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.disconnects.contains("127.0.0.6"));
    }

    @Test
    void withAGreetDelayAPatientClientIsGreetedAfterItAndAnEarlyTalkerIsDropped() throws IOException {
        start(Duration.ofMillis(400));
        long started = System.nanoTime();
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.7")) {
            smtp.expect("220 mx.yubin.test");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            smtp.send("EHLO client.remote.example").expect("250 ");
        }
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.port(), "127.0.0.8")) {
            smtp.send("EHLO spam.example").expect("521 5.5.1 Protocol error");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        assertThat(gate.earlyTalkers).containsExactly("127.0.0.8");
        assertThat(gate.helos).containsExactly("client.remote.example");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openSessions() == 0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(gate.disconnects).containsExactlyInAnyOrder("127.0.0.7", "127.0.0.8"));
    }

    private void start(Duration greetDelay) {
        server = HardenedSmtpServer.builder()
                .port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("mx.yubin.test")
                .limits(new SmtpLimits(1024 * 1024, 10, 5, 10, Duration.ofSeconds(30)))
                .sessionGate(gate)
                .greetDelay(greetDelay)
                .messageHandlers(this::handler)
                .build();
        server.start();
    }

    private MessageHandler handler(MessageContext context) {
        mailHelos.add(SmtpClient.of(context).helo());
        return new MessageHandler() {
            @Override
            public void from(String from) {}

            @Override
            public void recipient(String recipient) {}

            @Override
            public String data(InputStream data) {
                return "2.0.0 queued";
            }

            @Override
            public void done() {}
        };
    }

    private static final class RecordingGate implements SessionGate {

        final List<String> connects = new CopyOnWriteArrayList<>();
        final List<String> helos = new CopyOnWriteArrayList<>();
        final List<String> earlyTalkers = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Refusal> connect(SmtpClient client) {
            connects.add(client.address());
            if (client.address().equals("127.0.0.3")) {
                throw new IllegalStateException("the policy lookup broke");
            }
            return client.address().equals("127.0.0.2") ? Optional.of(new Refusal(LISTED, true)) : Optional.empty();
        }

        @Override
        public Optional<Refusal> helo(SmtpClient client, String helo) {
            helos.add(helo);
            return switch (helo) {
                case "localhost" -> Optional.of(new Refusal(BAD_HELO, false));
                case "drop.example" -> Optional.of(new Refusal(LISTED, true));
                default -> Optional.empty();
            };
        }

        @Override
        public void earlyTalker(SmtpClient client, SmtpReply reply) {
            assertThat(reply.toString()).isEqualTo("521 5.5.1 Protocol error");
            earlyTalkers.add(client.address());
        }

        @Override
        public void disconnected(SmtpClient client) {
            disconnects.add(client.address());
        }
    }
}
