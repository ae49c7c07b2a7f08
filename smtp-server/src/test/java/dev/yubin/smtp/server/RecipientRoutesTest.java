package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.core.policy.ResolvedRecipient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RecipientRoutesTest {

    private static final QueueId ID = new QueueId("01J9ZQ4K7M0000000000");
    private final RecipientRoutes routes = new RecipientRoutes();

    @Test
    void oneInboundRecordForTheMailboxesAndOneOutboundRecordPerDomain() {
        routes.add(address("team@example.test"), List.of(local("alice@example.test"), remote("carol@one.example")));
        routes.add(address("dave@two.example"), List.of(remote("dave@two.example")));
        routes.add(address("erin@one.example"), List.of(remote("erin@one.example")));
        Envelope envelope = new Envelope(ID, ReversePath.parse("<alice@example.test>"), routes.all(), "192.0.2.10",
                "", "client.example.org", Optional.of("alice@example.test"), Instant.EPOCH, List.of());
        byte[] message = "Subject: x\r\n\r\nbody\r\n".getBytes();

        List<ProducerRecord<String, byte[]>> records = routes.records(envelope, message);

        assertThat(records).extracting(ProducerRecord::topic, ProducerRecord::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Topics.INBOUND, ID.value()),
                org.assertj.core.groups.Tuple.tuple(Topics.OUTBOUND, "one.example"),
                org.assertj.core.groups.Tuple.tuple(Topics.OUTBOUND, "two.example"));
        assertThat(KafkaRecords.toEnvelope(records.get(0).headers()).recipients())
                .containsExactly(new Recipient(address("alice@example.test"), address("team@example.test")));
        assertThat(KafkaRecords.toEnvelope(records.get(1).headers()).recipients()).extracting(r -> r.address().toString())
                .containsExactly("carol@one.example", "erin@one.example");
        assertThat(KafkaRecords.toEnvelope(records.get(1).headers()).authenticatedUser()).contains("alice@example.test");
        assertThat(records).allSatisfy(record -> assertThat(record.value()).isSameAs(message));
    }

    @Test
    void aMailboxReachedTwiceIsRoutedOnceWithItsFirstOriginal() {
        routes.add(address("Alice@example.test"), List.of(local("alice@example.test")));
        routes.add(address("team@example.test"), List.of(local("ALICE@example.test"), local("bob@example.test")));

        assertThat(routes.local()).containsExactly(
                new Recipient(address("alice@example.test"), address("Alice@example.test")),
                new Recipient(address("bob@example.test"), address("team@example.test")));
        assertThat(routes.remoteByDomain()).isEmpty();
    }

    @Test
    void anUnparseableResolvedAddressAddsNothing() {
        assertThatThrownBy(() -> routes.add(address("x@example.test"), List.of(local("x@example.test"), local("no at"))))
                .isInstanceOf(AddressException.class);

        assertThat(routes.all()).isEmpty();
    }

    private static MailAddress address(String address) {
        return MailAddress.parse(address);
    }

    private static ResolvedRecipient local(String address) {
        return new ResolvedRecipient(address, true);
    }

    private static ResolvedRecipient remote(String address) {
        return new ResolvedRecipient(address, false);
    }
}
