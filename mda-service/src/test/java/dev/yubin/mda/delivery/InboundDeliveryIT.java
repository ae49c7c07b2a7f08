package dev.yubin.mda.delivery;

import static dev.yubin.mda.TestMessages.envelope;
import static dev.yubin.mda.TestMessages.message;
import static dev.yubin.mda.TestMessages.newMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mda.MdaIntegrationTest;
import dev.yubin.mda.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/** yubin.mail.inbound → PostgreSQL: what is stored, how often, and when the offset moves. */
class InboundDeliveryIT extends MdaIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void storedCopyIsTheMessageByteForByteAfterReturnPathAndDeliveredTo() throws Exception {
        MailAddress bob = newMailbox("bob");
        byte[] original = message("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=");
        Envelope envelope = envelope("<alice@example.org>", bob);

        deliver(envelope, original);

        JsonNode listing = list(bob);
        assertThat(listing.size()).isEqualTo(1);
        JsonNode entry = listing.get(0);
        assertThat(entry.get("queueId").asString()).isEqualTo(envelope.queueId().value());
        assertThat(entry.get("subject").asString()).isEqualTo("Grüße");
        HttpResponse<byte[]> raw = asAdmin("GET", messagesOf(bob) + "/" + entry.get("id").asLong() + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        byte[] expected = concat(("Return-Path: <alice@example.org>\r\nDelivered-To: " + bob + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), original);
        assertThat(raw.body()).isEqualTo(expected);
        assertThat(entry.get("size").asLong()).isEqualTo(expected.length);
    }

    @Test
    void aRecordTheMtaQuarantinedIsFiledInTheFolderItNamesAndListedOnlyThere() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope envelope = envelope("<news@spoofed.example>", bob);
        ProducerRecord<String, byte[]> record = KafkaRecords.inbound(envelope, message("quarantined"));
        KafkaRecords.fileIn(record.headers(), "Junk");

        awaitCommitted(send(record));

        assertThat(list(bob).size()).as("INBOX, the default folder").isZero();
        JsonNode junk = jsonOf(asAdmin("GET", messagesOf(bob) + "?folder=Junk"));
        assertThat(junk.size()).isEqualTo(1);
        assertThat(junk.get(0).get("queueId").asString()).isEqualTo(envelope.queueId().value());
        assertThat(junk.get(0).get("subject").asString()).isEqualTo("quarantined");
    }

    @Test
    void anUnusableFolderNameIsIgnoredAndTheMessageDeliveredToTheInbox() throws Exception {
        MailAddress bob = newMailbox("bob");
        ProducerRecord<String, byte[]> record = KafkaRecords.inbound(envelope("<a@example.org>", bob), message("odd folder"));
        KafkaRecords.fileIn(record.headers(), "../../etc");

        awaitCommitted(send(record));

        assertThat(list(bob).size()).isEqualTo(1);
    }

    @Test
    void bounceGetsAnEmptyReturnPathAndUnixLineEndingsStayUnix() throws Exception {
        MailAddress carol = newMailbox("carol");
        byte[] original = "Subject: failure notice\nFrom: MAILER-DAEMON@example.test\n\nbody\n"
                .getBytes(StandardCharsets.US_ASCII);

        deliver(envelope("<>", carol), original);

        long id = list(carol).get(0).get("id").asLong();
        assertThat(asAdmin("GET", messagesOf(carol) + "/" + id + "/raw").body())
                .isEqualTo(concat(("Return-Path: <>\nDelivered-To: " + carol + "\n").getBytes(StandardCharsets.US_ASCII),
                        original));
    }

    @Test
    void twoRecipientsGetTwoEntriesSharingOneBody() throws Exception {
        MailAddress bob = newMailbox("bob");
        MailAddress dave = newMailbox("dave");
        Envelope envelope = envelope("<alice@example.org>", bob, dave);

        deliver(envelope, message("to two"));

        assertThat(list(bob).size()).isEqualTo(1);
        assertThat(list(dave).size()).isEqualTo(1);
        assertThat(count("select count(*) from mailbox_entry where queue_id = ?", envelope.queueId().value()))
                .isEqualTo(2);
        assertThat(count("select count(*) from message_body where queue_id = ?", envelope.queueId().value()))
                .isEqualTo(1);
    }

    @Test
    void mailboxReachedDirectlyAndThroughAnAliasGetsOneCopy() throws Exception {
        MailAddress bob = newMailbox("bob");
        MailAddress team = newMailbox("team");
        MailAddress bobUpperCase = new MailAddress(bob.localPart().toUpperCase(), bob.domain());
        Envelope envelope = envelope("<alice@example.org>", Recipient.of(bob), new Recipient(bobUpperCase, team));

        deliver(envelope, message("direct and via alias"));

        assertThat(list(bob).size()).isEqualTo(1);
        assertThat(count("select count(*) from mailbox_entry where queue_id = ?", envelope.queueId().value()))
                .isEqualTo(1);
    }

    @Test
    void replayedRecordMakesNoDuplicate() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope envelope = envelope("<alice@example.org>", bob);
        byte[] original = message("sent twice");

        RecordMetadata first = send(envelope, original);
        RecordMetadata second = send(envelope, original);

        assertThat(second.partition()).isEqualTo(first.partition()); // keyed by queue id
        awaitCommitted(second);
        assertThat(list(bob).size()).isEqualTo(1);
        assertThat(count("select count(*) from delivery where queue_id = ?", envelope.queueId().value())).isEqualTo(1);
    }

    @Test
    void offsetIsCommittedOnlyAfterTheStoreTransaction() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope envelope = envelope("<alice@example.org>", bob);
        RecordMetadata sent;
        TopicPartition partition;
        try (Connection blocker = TestDatabase.connect()) {
            // Hold the store transaction half-way: its first insert waits for this lock.
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table delivery in exclusive mode");
            }
            sent = send(envelope, message("offset after commit"));
            partition = new TopicPartition(sent.topic(), sent.partition());
            await().atMost(DELIVERY_TIMEOUT).until(() -> count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?",
                    "%insert into delivery%") > 0);

            assertThat(committedOffset(partition)).isLessThanOrEqualTo(sent.offset());
            assertThat(list(bob).size()).isZero();
            blocker.rollback();
        }
        awaitCommitted(sent);
        assertThat(list(bob).size()).isEqualTo(1);
    }

    @Test
    void databaseOutageDelaysTheRecordButDoesNotSkipIt() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope envelope = envelope("<alice@example.org>", bob);
        double failuresBefore = meters.counter("yubin.mda.store.failures").count();
        RecordMetadata sent;
        try (Connection dba = TestDatabase.connectToMaintenanceDatabase(); Statement sql = dba.createStatement()) {
            sql.execute("alter database postgres allow_connections false");
            try {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = 'postgres'");
                sent = send(envelope, message("during an outage"));
                TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

                await().atMost(DELIVERY_TIMEOUT)
                        .until(() -> meters.counter("yubin.mda.store.failures").count() >= failuresBefore + 2);
                assertThat(committedOffset(partition)).isLessThanOrEqualTo(sent.offset());
            } finally {
                sql.execute("alter database postgres allow_connections true");
            }
        }
        awaitCommitted(sent);
        assertThat(list(bob).size()).isEqualTo(1);
        assertThat(deadLetterKeys()).doesNotContain(envelope.queueId().value());
    }

    @Test
    void malformedRecordIsDeadLetteredAndTheNextOneStillStored() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope good = envelope("<alice@example.org>", bob);
        String badKey = envelope("<alice@example.org>", bob).queueId().value();
        byte[] badBytes = ("Subject: no envelope " + UUID.randomUUID() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // both on partition 0, so the good record comes after the bad one
        send(new ProducerRecord<>(Topics.INBOUND, 0, badKey, badBytes));
        ProducerRecord<String, byte[]> goodRecord = KafkaRecords.inbound(good, message("after a bad one"));
        RecordMetadata sent = send(new ProducerRecord<>(Topics.INBOUND, 0, goodRecord.key(), goodRecord.value(),
                goodRecord.headers()));

        awaitCommitted(sent);
        assertThat(list(bob).size()).isEqualTo(1);
        // the offset past the bad record is committed only once it is in the dead-letter topic
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(badKey);
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.value()).isEqualTo(badBytes);
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-message").value(),
                StandardCharsets.UTF_8)).contains("yubin-envelope-version");
        assertThat(meters.counter("yubin.mda.dead.lettered").count()).isPositive();
    }

    @Test
    void malformedRecordInTheMiddleOfABatchIsDeadLetteredAndTheOthersStored() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope before = envelope("<alice@example.org>", bob);
        Envelope after = envelope("<alice@example.org>", bob);
        String badKey = envelope("<alice@example.org>", bob).queueId().value();
        byte[] badBytes = ("Subject: no envelope " + UUID.randomUUID() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RecordMetadata sent;
        // held back until all three are on partition 0, so that one poll (one batch) reads them
        pauseDelivery();
        try {
            send(onPartitionZero(KafkaRecords.inbound(before, message("before a bad one"))));
            send(new ProducerRecord<>(Topics.INBOUND, 0, badKey, badBytes));
            sent = send(onPartitionZero(KafkaRecords.inbound(after, message("after a bad one"))));
        } finally {
            resumeDelivery();
        }

        awaitCommitted(sent);
        assertThat(list(bob).size()).isEqualTo(2);
        // one transaction stored both good records: they share its time
        assertThat(deliveredAt(before)).isNotNull().isEqualTo(deliveredAt(after));
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(badKey);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(badBytes);
        assertThat(new String(deadLetters.get(0).headers().lastHeader("kafka_dlt-exception-message").value(),
                StandardCharsets.UTF_8)).contains("yubin-envelope-version");
        assertThat(deadLetterKeys()).doesNotContain(before.queueId().value(), after.queueId().value());
    }

    @Test
    void batchRetriedAfterADatabaseOutageStoresNoDuplicate() throws Exception {
        MailAddress bob = newMailbox("bob");
        MailAddress dave = newMailbox("dave");
        Envelope earlier = envelope("<alice@example.org>", bob);
        byte[] earlierBytes = message("delivered before the outage");
        Envelope fresh = envelope("<alice@example.org>", bob, dave);
        byte[] freshBytes = message("delivered after the outage");
        deliver(earlier, earlierBytes);
        double failuresBefore = meters.counter("yubin.mda.store.failures").count();
        RecordMetadata sent;
        pauseDelivery();
        try (Connection dba = TestDatabase.connectToMaintenanceDatabase(); Statement sql = dba.createStatement()) {
            try {
                // one batch: a replay of a stored message, and a new one read twice
                send(onPartitionZero(KafkaRecords.inbound(earlier, earlierBytes)));
                send(onPartitionZero(KafkaRecords.inbound(fresh, freshBytes)));
                sent = send(onPartitionZero(KafkaRecords.inbound(fresh, freshBytes)));
                sql.execute("alter database postgres allow_connections false");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'postgres'");
                resumeDelivery();

                // each of the three records failed twice at least: the batch is being retried
                await().atMost(DELIVERY_TIMEOUT)
                        .until(() -> meters.counter("yubin.mda.store.failures").count() >= failuresBefore + 6);
                assertThat(committedOffset(new TopicPartition(sent.topic(), sent.partition())))
                        .isLessThanOrEqualTo(sent.offset());
            } finally {
                sql.execute("alter database postgres allow_connections true");
                resumeDelivery();
            }
        }

        awaitCommitted(sent);
        assertThat(list(bob).size()).isEqualTo(2);
        assertThat(list(dave).size()).isEqualTo(1);
        String earlierId = earlier.queueId().value();
        String freshId = fresh.queueId().value();
        assertThat(count("select count(*) from delivery where queue_id = ?", earlierId)).isEqualTo(1);
        assertThat(count("select count(*) from mailbox_entry where queue_id = ?", earlierId)).isEqualTo(1);
        assertThat(count("select count(*) from message_body where queue_id = ?", earlierId)).isEqualTo(1);
        assertThat(count("select count(*) from delivery where queue_id = ?", freshId)).isEqualTo(2);
        assertThat(count("select count(*) from mailbox_entry where queue_id = ?", freshId)).isEqualTo(2);
        assertThat(count("select count(*) from message_body where queue_id = ?", freshId)).isEqualTo(1);
        assertThat(deadLetterKeys()).doesNotContain(earlierId, freshId);
    }

    /**
     * Holds the inbound consumers until {@link #resumeDelivery()}: the records sent meanwhile
     * are read together, as one batch.
     */
    private void pauseDelivery() {
        MessageListenerContainer container = listeners.getListenerContainer("mda-delivery");
        container.pause();
        await().atMost(DELIVERY_TIMEOUT).until(container::isContainerPaused);
    }

    private void resumeDelivery() {
        listeners.getListenerContainer("mda-delivery").resume();
    }

    private static ProducerRecord<String, byte[]> onPartitionZero(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers());
    }

    /** When the message was claimed for its (first) mailbox: the time of the storing transaction. */
    private static String deliveredAt(Envelope envelope) throws Exception {
        try (Connection connection = TestDatabase.connect();
                var statement = connection.prepareStatement(
                        "select min(delivered_at)::text from delivery where queue_id = ?")) {
            statement.setString(1, envelope.queueId().value());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return readDeadLetterTopic().stream().filter(r -> key.equals(r.key())).toList();
    }

    private List<String> deadLetterKeys() {
        return readDeadLetterTopic().stream().map(ConsumerRecord::key).toList();
    }

    /** Everything in the dead-letter topic so far, read from the start of each partition. */
    private List<ConsumerRecord<String, byte[]>> readDeadLetterTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(DELIVERY_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
        }
    }

    private static long count(String query, String parameter) throws Exception {
        try (Connection connection = TestDatabase.connect();
                var statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }
}
