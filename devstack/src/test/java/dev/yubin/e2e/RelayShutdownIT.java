package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * SIGTERM to the mta-service process while its relay is in the middle of deliveries to a slow
 * remote MX: the sessions inside DATA finish within the shutdown grace, the messages still
 * waiting for a session are put back on {@code yubin.mail.outbound}, the offsets of what is done
 * are committed and the process exits by itself, before the launcher's SIGKILL. After the
 * restart every message has reached the remote, and exactly once: none lost, none replayed.
 *
 * <p>Here rather than as an mta-service test: it needs the real process and signal (Spring's
 * shutdown hook, the lifecycle phases, the producer still open while re-queuing) and a relay
 * group that continues after a restart, which the shared platform gives as {@code ./yubin up} does.
 */
@ExtendWith(PlatformExtension.class)
class RelayShutdownIT {

    private static final String MX_IP = "127.0.0.31";
    /** The relay's default {@code yubin.relay.destination-concurrency}: sessions to one domain. */
    private static final int SESSIONS = 20;
    private static final int MESSAGES = 60;

    private HoldingMx mx;

    @AfterEach
    void stopMx() {
        if (mx != null) {
            mx.close();
        }
    }

    @Test
    void sigtermInTheMiddleOfRelayTrafficFinishesDeliveriesInProgressAndLosesNothing(PlatformExtension.Stack stack)
            throws Exception {
        RunningPlatform platform = stack.platform();
        String domain = "relay-shutdown-" + Long.toHexString(System.nanoTime()) + ".test";
        stack.dns().mx(domain, 10, "mx." + domain).a("mx." + domain, MX_IP);
        mx = new HoldingMx(MX_IP, stack.remoteMxPort());

        List<String> subjects = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            QueueIdGenerator queueIds = new QueueIdGenerator();
            for (int i = 0; i < MESSAGES; i++) {
                Envelope envelope = new Envelope(queueIds.next(), ReversePath.parse("<alice@sender.test>"),
                        List.of(Recipient.of(MailAddress.parse("user" + i + "@" + domain))), "192.0.2.7", "",
                        "client.sender.test", Optional.empty(), Instant.now(), List.of());
                String subject = "relay shutdown " + i + " " + envelope.queueId().value();
                subjects.add(subject);
                producer.send(KafkaRecords.outbound(domain, envelope,
                        ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)))
                        .get(10, TimeUnit.SECONDS);
            }
        }

        // Every session of the destination is inside DATA, the other messages wait for one.
        await().atMost(Duration.ofSeconds(60)).until(() -> mx.inData.get() == SESSIONS);
        Path log = platform.logFile("mta-service");
        long logOffset = Files.size(log);
        long start = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> platform.stopService("mta-service"));

        // The relay has begun to drain; only now does the slow remote answer the DATA in progress.
        await().atMost(Duration.ofSeconds(20)).until(() -> logSince(log, logOffset).contains("relay stopping:"));
        assertThat(mx.received).as("nothing delivered before the remote answers").isEmpty();
        mx.release();
        stopped.get(60, TimeUnit.SECONDS);
        Duration stopTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stopTook).as("the process ended by itself after SIGTERM, not by the launcher's SIGKILL")
                .isLessThan(RunningPlatform.STOP_GRACE.minusSeconds(5));
        assertThat(mx.received).as("the deliveries in progress finished; no new one was started")
                .hasSize(SESSIONS);
        String shutdownLog = logSince(log, logOffset);
        assertThat(shutdownLog).contains("relay stopped: every record taken is done")
                .contains("status=requeued");

        platform.startService("mta-service");
        await().atMost(Duration.ofSeconds(120)).until(() -> mx.received.size() >= MESSAGES);
        Map<String, Long> copies = mx.received.stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(copies.keySet()).as("every message reached the remote").containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(copies).as("each exactly once").allSatisfy((subject, count) -> assertThat(count).isEqualTo(1));
    }

    private static String logSince(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * A slow remote MX: every DATA waits until the test releases it (from then on none waits),
     * then the message's Subject is recorded and 250 answered. A relay that cut a session in
     * DATA would not see that 250 and would send the message again: a second copy here.
     */
    private static final class HoldingMx implements AutoCloseable {

        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger inData = new AtomicInteger();
        private final CountDownLatch gate = new CountDownLatch(1);
        private final SMTPServer server;

        HoldingMx(String ip, int port) throws IOException {
            server = SMTPServer.port(port)
                    .bindAddress(InetAddress.getByName(ip))
                    .hostName("mx.relay-shutdown.test")
                    .insertReceivedHeaders(false)
                    .maxConnections(100)
                    .messageHandlerFactory(this::handler)
                    .build();
            server.start();
        }

        void release() {
            gate.countDown();
        }

        private MessageHandler handler(MessageContext context) {
            return new MessageHandler() {
                @Override
                public void from(String address) {}

                @Override
                public void recipient(String address) {}

                @Override
                public String data(InputStream data) throws IOException {
                    String text = new String(data.readAllBytes(), StandardCharsets.US_ASCII);
                    inData.incrementAndGet();
                    try {
                        if (!gate.await(120, TimeUnit.SECONDS)) {
                            throw new IOException("the test never released the gate");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    } finally {
                        inData.decrementAndGet();
                    }
                    received.add(text.substring("Subject: ".length(), text.indexOf("\r\n")));
                    return null;
                }

                @Override
                public void done() {}
            };
        }

        @Override
        public void close() {
            gate.countDown();
            server.stop();
        }
    }
}
