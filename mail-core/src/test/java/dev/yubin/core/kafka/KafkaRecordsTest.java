package dev.yubin.core.kafka;

import static dev.yubin.core.fixtures.Envelopes.anEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.envelope.Envelope;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class KafkaRecordsTest {

    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEnvelopeSurvivesTheRoundTripThroughRecordHeaders() {
        Envelope envelope = anEnvelope()
                .from("<\"odd sender\"@remote.example>")
                .to("alice@example.test")
                .toVia("bob@example.test", "team@example.test")
                .to("用户@example.test")
                .client("192.0.2.7", "mail.remote.example", "mail.remote.example")
                .authenticatedAs("alice@example.test")
                .check("spf", "pass", "smtp.mailfrom=remote.example; with a; semicolon")
                .check("dnsbl", "none", "")
                .build();

        ProducerRecord<String, byte[]> record = KafkaRecords.inbound(envelope, MESSAGE);

        assertThat(record.topic()).isEqualTo(Topics.INBOUND);
        assertThat(record.key()).isEqualTo(envelope.queueId().value());
        assertThat(record.value()).isEqualTo(MESSAGE);
        assertThat(KafkaRecords.toEnvelope(record.headers())).isEqualTo(envelope);
    }

    @Test
    void aFolderIsNamedOnceAndAbsentMeansTheInbox() {
        ProducerRecord<String, byte[]> record = KafkaRecords.inbound(anEnvelope().to("alice@example.test").build(), MESSAGE);
        assertThat(KafkaRecords.folder(record.headers())).isEmpty();

        KafkaRecords.fileIn(record.headers(), "Spam");
        KafkaRecords.fileIn(record.headers(), "Junk");

        assertThat(record.headers().headers(EnvelopeHeaders.FOLDER)).hasSize(1);
        assertThat(KafkaRecords.folder(record.headers())).contains("Junk");
        assertThat(KafkaRecords.toEnvelope(record.headers()).recipients()).hasSize(1);
    }

    @Test
    void theNullSenderOfABounceRoundTrips() {
        Envelope bounce = anEnvelope().from("<>").to("alice@example.test").build();

        Envelope read = KafkaRecords.toEnvelope(KafkaRecords.toHeaders(bounce));

        assertThat(read.sender().isNull()).isTrue();
        assertThat(read.authenticatedUser()).isEmpty();
    }

    @Test
    void outboundRecordsAreKeyedByTheRecipientDomain() {
        Envelope envelope = anEnvelope().to("someone@remote.example").build();

        ProducerRecord<String, byte[]> record = KafkaRecords.outbound("remote.example", envelope, MESSAGE);

        assertThat(record.topic()).isEqualTo(Topics.OUTBOUND);
        assertThat(record.key()).isEqualTo("remote.example");
    }

    @Test
    void readersIgnoreHeadersTheyDoNotKnow() {
        Envelope envelope = anEnvelope().to("alice@example.test").build();
        Headers headers = KafkaRecords.toHeaders(envelope);
        headers.add("yubin-some-future-field", "value".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        assertThat(KafkaRecords.toEnvelope(headers)).isEqualTo(envelope);
    }

    @Test
    void aRecordWithoutTheEnvelopeIsMalformed() {
        Headers headers = KafkaRecords.toHeaders(anEnvelope().to("alice@example.test").build());
        headers.remove(EnvelopeHeaders.QUEUE_ID);

        assertThatThrownBy(() -> KafkaRecords.toEnvelope(headers)).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> KafkaRecords.toEnvelope(new org.apache.kafka.common.header.internals.RecordHeaders()))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void aRecordWithAnUnreadableRecipientIsMalformed() {
        Headers headers = KafkaRecords.toHeaders(anEnvelope().to("alice@example.test").build());
        headers.remove(EnvelopeHeaders.RCPT_TO);
        headers.add(EnvelopeHeaders.RCPT_TO, "not an address".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaRecords.toEnvelope(headers)).isInstanceOf(MalformedRecordException.class);
    }
}
