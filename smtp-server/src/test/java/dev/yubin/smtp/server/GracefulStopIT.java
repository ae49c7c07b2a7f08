package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.smtp.MessageData;
import dev.yubin.core.smtp.MessageDataReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;

/** {@link HardenedSmtpServer#stop()}: refuse new clients, finish transactions, 421 to the rest. */
class GracefulStopIT {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HardenedSmtpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aTransactionInProgressFinishesWhileNewClientsAreRefusedAndIdleOnesToldToGo() throws Exception {
        Duration grace = Duration.ofSeconds(10);
        start(grace);
        try (SmtpConversation busy = connect(); SmtpConversation idle = connect()) {
            busy.expect("220").send("EHLO busy.example.org").expect("250 ")
                    .send("MAIL FROM:<a@remote.example>").expect("250 2.1.0")
                    .send("RCPT TO:<b@example.test>").expect("250 2.1.5");
            idle.expect("220").send("EHLO idle.example.org").expect("250 ");

            long stopping = System.nanoTime();
            CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
                server.stop();
                return System.nanoTime() - stopping;
            });

            idle.expect("421 4.3.2 Service shutting down");
            assertThat(idle.isClosedByServer()).isTrue();
            assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);

            busy.send("DATA").expect("354")
                    .sendRaw("Subject: in flight\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0 queued")
                    // no new transaction on a stopping listener
                    .send("MAIL FROM:<a@remote.example>").expect("421 4.3.2");
            assertThat(busy.isClosedByServer()).isTrue();

            long took = stopped.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(took)).isLessThan(grace);
            assertThat(server.isRunning()).isFalse();
        }
        assertThat(received).singleElement().asString().contains("Subject: in flight");
    }

    @Test
    void dataStillArrivingWhenTheGraceEndsIsNeverAnswered250() throws Exception {
        Duration grace = Duration.ofMillis(300);
        start(grace);
        try (SmtpConversation slow = connect()) {
            slow.expect("220").send("EHLO slow.example.org").expect("250 ")
                    .send("MAIL FROM:<a@remote.example>").expect("250 2.1.0")
                    .send("RCPT TO:<b@example.test>").expect("250 2.1.5")
                    .send("DATA").expect("354")
                    .sendRaw("Subject: never finished\r\n\r\nhalf a mess");

            long stopping = System.nanoTime();
            server.stop();

            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(grace.plusSeconds(5));
            slow.expect("421 4.3.2");
            assertThat(slow.isClosedByServer()).isTrue();
        }
        assertThat(received).isEmpty();
    }

    private void start(Duration grace) {
        server = HardenedSmtpServer.builder()
                .port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("mx.yubin.test")
                .limits(new SmtpLimits(1024 * 1024, 10, 5, 10, Duration.ofSeconds(30)))
                .shutdownGrace(grace)
                .messageHandlers(this::handler)
                .build();
        server.start();
    }

    private SmtpConversation connect() throws IOException {
        return SmtpConversation.connect("127.0.0.1", server.port());
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            @Override
            public void from(String from) {}

            @Override
            public void recipient(String recipient) {}

            @Override
            public String data(InputStream data) throws IOException {
                MessageData message = new MessageDataReader(1024 * 1024).read(data);
                received.add(new String(message.bytes(), StandardCharsets.US_ASCII));
                return "2.0.0 queued";
            }

            @Override
            public void done() {}
        };
    }
}
