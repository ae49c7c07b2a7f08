package dev.yubin.mta.relay;

import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two halves of {@code bench/relay.sh}, run with the test classpath (not a test):
 * <ul>
 * <li>{@code dns PORT DOMAIN=IP...}: {@link TestDnsServer} on 127.0.0.1:PORT, each domain with
 *     {@code MX 10 mx.DOMAIN} and {@code mx.DOMAIN A IP}, until killed;</li>
 * <li>{@code load BOOTSTRAP N SIZE DOMAINS [BLACKHOLE_DOMAINS]} (comma lists): queues N messages
 *     of SIZE bytes on {@code yubin.mail.outbound}, round-robin over all the domains, as the
 *     receive side does (acceptance time = the envelope's received time), then reads the relay's
 *     {@code delivered} events until every message to a domain that is not a black hole is
 *     delivered, and prints the delivery rate and the latency from acceptance to remote 250.</li>
 * </ul>
 */
final class RelayBench {

    private RelayBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "dns" -> dns(Integer.parseInt(args[1]), Arrays.copyOfRange(args, 2, args.length));
            case "load" -> load(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), csv(args[4]),
                    args.length > 5 ? csv(args[5]) : List.of());
            default -> throw new IllegalArgumentException("dns | load: " + args[0]);
        }
    }

    private static void dns(int port, String[] specs) throws InterruptedException {
        TestDnsServer dns = TestDnsServer.start(port);
        for (String spec : specs) {
            String[] domainAndIp = spec.split("=", 2);
            dns.mx(domainAndIp[0], 10, "mx." + domainAndIp[0]).a("mx." + domainAndIp[0], domainAndIp[1]);
        }
        System.out.println("dns ready on 127.0.0.1:" + dns.port() + " with " + specs.length + " domains");
        new CountDownLatch(1).await(); // serves from its own thread until the process is killed
    }

    private static void load(String bootstrap, int n, int size, List<String> domains, List<String> blackHoles)
            throws Exception {
        List<String> all = new ArrayList<>(domains);
        all.addAll(blackHoles);
        JsonMapper json = JsonMapper.builder().build();
        QueueIdGenerator queueIds = new QueueIdGenerator();
        try (KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                     new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 5,
                     ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                     ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 33554432),
                     new StringSerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = events.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            events.assign(partitions);
            events.seekToEnd(partitions);
            partitions.forEach(events::position); // fix the start before the first message is queued

            Set<String> expected = new HashSet<>();
            Instant start = Instant.now();
            for (int i = 0; i < n; i++) {
                String domain = all.get(i % all.size());
                Envelope envelope = new Envelope(queueIds.next(), ReversePath.parse("<bench@example.test>"),
                        List.of(Recipient.of(MailAddress.parse("user" + i + "@" + domain))), "127.0.0.1", "",
                        "bench.example.test", Optional.empty(), Instant.now(), List.of());
                if (!blackHoles.contains(domain)) {
                    expected.add(envelope.queueId().value());
                }
                producer.send(KafkaRecords.outbound(domain, envelope, message(i, size)));
            }
            producer.flush();
            Instant queued = Instant.now();

            Map<String, Long> latencyMillis = new HashMap<>();
            Instant firstAccepted = null;
            Instant lastDelivered = null;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
            while (latencyMillis.size() < expected.size() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
                    if (!expected.contains(record.key())) {
                        continue;
                    }
                    JsonNode event = json.readTree(record.value());
                    if (!"delivered".equals(event.path("type").asString())
                            || !RelayEvents.SERVICE.equals(event.path("service").asString())) {
                        continue;
                    }
                    Instant accepted = Instant.parse(event.get("receivedAt").asString());
                    Instant delivered = Instant.parse(event.get("time").asString());
                    latencyMillis.putIfAbsent(record.key(), Duration.between(accepted, delivered).toMillis());
                    firstAccepted = firstAccepted == null || accepted.isBefore(firstAccepted) ? accepted : firstAccepted;
                    lastDelivered = lastDelivered == null || delivered.isAfter(lastDelivered) ? delivered : lastDelivered;
                }
            }
            long[] sorted = latencyMillis.values().stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                System.out.println("no message delivered");
                System.exit(1);
            }
            double seconds = Duration.between(firstAccepted, lastDelivered).toMillis() / 1000.0;
            System.out.printf("messages=%d (black-hole %d) queued_in=%.1fs delivered=%d/%d in %.1fs"
                            + " rate=%.0f msg/s latency_ms p50=%d p99=%d max=%d%n",
                    n, n - expected.size(), Duration.between(start, queued).toMillis() / 1000.0,
                    sorted.length, expected.size(), seconds, sorted.length / seconds,
                    percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
            if (sorted.length < expected.size()) {
                System.exit(1);
            }
        }
    }

    /** A message of about {@code size} bytes: headers and lines of text, CRLF throughout. */
    private static byte[] message(int i, int size) {
        StringBuilder text = new StringBuilder()
                .append("From: Bench <bench@example.test>\r\n")
                .append("To: user").append(i).append("\r\n")
                .append("Subject: relay bench ").append(i).append("\r\n")
                .append("Message-ID: <bench-").append(i).append('-').append(System.nanoTime()).append("@example.test>\r\n")
                .append("\r\n");
        String line = "The quick brown fox jumps over the lazy dog, again and again and again.\r\n";
        while (text.length() + line.length() <= size) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static List<String> csv(String list) {
        return list.isBlank() ? List.of() : List.of(list.split(","));
    }
}
