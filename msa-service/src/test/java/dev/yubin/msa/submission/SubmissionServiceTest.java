package dev.yubin.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.msa.dkim.DkimSigner;
import dev.yubin.msa.dkim.KeySigner;
import dev.yubin.msa.dkim.Signer;
import dev.yubin.msa.dkim.SigningException;
import dev.yubin.msa.dkim.SigningKey;
import dev.yubin.msa.policy.PolicyClient;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** SubmissionService alone: the policy service and Kafka are stand-ins, DKIM signs with a local key. */
class SubmissionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T14:08:00Z");
    private static final SmtpClient ALICE = new SmtpClient("198.51.100.7", "laptop.example.org",
            Optional.of(new SmtpClient.Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256")), Optional.of("alice@example.test"));
    private static final String MESSAGE = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\n"
            + "Subject: hi\r\n\r\nHello\r\n";

    private final PolicyClient policy = mock(PolicyClient.class);
    private final MailPublisher publisher = mock(MailPublisher.class);
    private final AcceptedEvents events = mock(AcceptedEvents.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Signer signer = new KeySigner("example.test", "sel");
    private final SubmissionService service = service(2);
    private final Submission tx = service.begin(ALICE);

    @Test
    void mailFromIsCheckedForOwnershipWithTheAuthenticatedUser() {
        when(policy.check(any())).thenReturn(refused(553, "5.7.1", "Sender address not owned by the authenticated user"));

        Answer answer = service.mailFrom(tx, "ceo@example.test");

        assertThat(answer.reply().toString()).isEqualTo("553 5.7.1 Sender address not owned by the authenticated user");
        PolicyRequest asked = asked();
        assertThat(asked.stage()).isEqualTo(Stage.MAIL);
        assertThat(asked.saslUsername()).isEqualTo("alice@example.test");
        assertThat(asked.sender()).isEqualTo("ceo@example.test");
        assertThat(asked.clientAddress()).isEqualTo("198.51.100.7");
    }

    @Test
    void theNullSenderGoesToThePolicyServiceAsEmptyAndBadSyntaxNeverDoes() {
        when(policy.check(any())).thenReturn(refused(553, "5.7.1", "Sender address not owned by the authenticated user"));

        assertThat(service.mailFrom(tx, "").reply().code()).isEqualTo(553);
        assertThat(asked().sender()).isEmpty();
        assertThat(service.mailFrom(tx, "@relay.example:a@example.test").reply()).isEqualTo(SmtpReply.BAD_SENDER_SYNTAX);
    }

    @Test
    void eachRecipientIsResolvedOnceWithTheCountSoFar() {
        mailFrom();
        when(policy.check(any())).thenReturn(accept(new ResolvedRecipient("bob@example.test", true)));

        assertThat(service.recipient(tx, "bob@example.test").reply()).isEqualTo(SmtpReply.RECIPIENT_OK);
        assertThat(service.recipient(tx, "team@example.test").reply()).isEqualTo(SmtpReply.RECIPIENT_OK);
        assertThat(service.recipient(tx, "third@example.test").reply()).isEqualTo(SmtpReply.TOO_MANY_RECIPIENTS);

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy, org.mockito.Mockito.times(3)).check(asked.capture());
        assertThat(asked.getAllValues()).extracting(PolicyRequest::recipientCount).containsExactly(null, 1, 2);
        assertThat(asked.getAllValues().get(2).saslUsername()).isEqualTo("alice@example.test");
    }

    @Test
    void theAccountsRecipientLimitAndAnUnreachablePolicyServiceRefuseTheRecipient() {
        mailFrom();
        when(policy.check(any())).thenReturn(refused(452, "4.5.3", "Too many recipients"));
        assertThat(service.recipient(tx, "bob@example.test").reply().toString()).startsWith("452 4.5.3");

        when(policy.check(any())).thenReturn(PolicyVerdict.UNAVAILABLE);
        assertThat(service.recipient(tx, "bob@example.test").reply().toString()).startsWith("451 4.3.0");
        assertThat(tx.acceptedRecipients()).isZero();
    }

    @Test
    void aMessageWithoutASingleFromIsRefusedWithoutAskingAnyone() {
        withRecipients();

        Answer answer = service.accept(tx, bytes("Subject: no author\r\n\r\nbody\r\n"));

        assertThat(answer.reply().toString()).startsWith("550 5.7.1");
        verify(policy, never()).check(org.mockito.ArgumentMatchers.argThat(r -> r.stage() == Stage.DATA));
        verify(publisher, never()).publish(any(), anyList());
    }

    @Test
    void theFromAddressIsCheckedAtDataAndARefusalStoresNothing() {
        withRecipients();
        when(policy.check(any())).thenReturn(refused(550, "5.7.1", "From header address not owned by the authenticated user"));

        Answer answer = service.accept(tx, bytes(MESSAGE.replace("alice@", "ceo@")));

        assertThat(answer.reply().toString()).startsWith("550 5.7.1");
        PolicyRequest asked = asked();
        assertThat(asked.stage()).isEqualTo(Stage.DATA);
        assertThat(asked.headerFrom()).isEqualTo("ceo@example.test");
        assertThat(asked.saslUsername()).isEqualTo("alice@example.test");
        verify(publisher, never()).publish(any(), anyList());
    }

    @Test
    void theHourlyLimitIs450() {
        withRecipients();
        when(policy.check(any())).thenReturn(refused(450, "4.7.1", "Message rate limit exceeded, try later"));

        assertThat(service.accept(tx, bytes(MESSAGE)).reply().toString()).startsWith("450 4.7.1");
    }

    @Test
    void anAcceptedMessageIsSignedCompletedAndStoredBeforeThe250() {
        withRecipients();
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.OK, false, List.of()));
        when(publisher.publish(eq(tx.queueId()), anyList())).thenReturn(true);

        Answer answer = service.accept(tx, bytes(MESSAGE));

        assertThat(answer.reply().toString()).isEqualTo("250 2.0.0 Ok: queued as " + tx.queueId());
        List<ProducerRecord<String, byte[]>> records = published();
        assertThat(records).extracting(ProducerRecord::topic, ProducerRecord::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Topics.INBOUND, tx.queueId().value()),
                org.assertj.core.groups.Tuple.tuple(Topics.OUTBOUND, "remote.example"));
        String stored = new String(records.get(1).value(), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=sel;")
                .contains("\r\nReceived: from laptop.example.org by msa.yubin.test (Yubin)")
                .contains("with ESMTPSA (version=TLSv1.3")
                .doesNotContain("198.51.100.7")
                .contains("\r\nDate: Sat, 28 Nov 2026 14:08:00 +0000\r\nMessage-ID: <" + tx.queueId() + "@msa.yubin.test>\r\n"
                        + MESSAGE);
        Envelope envelope = KafkaRecords.toEnvelope(records.get(1).headers());
        assertThat(envelope.authenticatedUser()).contains("alice@example.test");
        assertThat(envelope.sender().address()).isEqualTo("alice@example.test");
        assertThat(envelope.recipients()).extracting(r -> r.address().toString()).containsExactly("carol@remote.example");
        assertThat(meters.get("yubin.msa.messages.accepted").counter().count()).isEqualTo(1);
        verify(events).accepted(any(Envelope.class));
    }

    @Test
    void aDomainWithoutAKeyIsSentUnsigned() {
        signer = new KeySigner("other.example", "sel");
        SubmissionService unsigned = service(100);
        Submission submission = unsigned.begin(ALICE);
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of()));
        unsigned.mailFrom(submission, "alice@example.test");
        when(policy.check(any())).thenReturn(accept(new ResolvedRecipient("bob@example.test", true)));
        unsigned.recipient(submission, "bob@example.test");
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.OK, false, List.of()));
        when(publisher.publish(any(), anyList())).thenReturn(true);

        assertThat(unsigned.accept(submission, bytes(MESSAGE)).isPositive()).isTrue();
        assertThat(new String(published().get(0).value(), StandardCharsets.UTF_8)).startsWith("Received: ");
    }

    @Test
    void noSignatureOrNoKafkaAcknowledgementIs451() {
        withRecipients();
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.OK, false, List.of()));
        when(publisher.publish(any(), anyList())).thenReturn(false);

        assertThat(service.accept(tx, bytes(MESSAGE)).reply()).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
        assertThat(meters.get("yubin.msa.messages.accepted").counter().count()).isZero();
        verify(events, never()).accepted(any());

        signer = new Signer() {
            @Override
            public List<SigningKey> keys(String domain) {
                throw new SigningException("policy service away", new RuntimeException());
            }

            @Override
            public byte[] sign(String domain, SigningKey key, byte[] data) {
                throw new AssertionError();
            }
        };
        SubmissionService cutOff = service(100);
        Submission submission = cutOff.begin(ALICE);
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of()));
        cutOff.mailFrom(submission, "alice@example.test");
        when(policy.check(any())).thenReturn(accept(new ResolvedRecipient("bob@example.test", true)));
        cutOff.recipient(submission, "bob@example.test");
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.OK, false, List.of()));

        assertThat(cutOff.accept(submission, bytes(MESSAGE)).reply()).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
        verify(publisher, org.mockito.Mockito.times(1)).publish(any(), anyList());
    }

    private SubmissionService service(int maxRecipients) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new SubmissionService(new QueueIdGenerator(clock), policy, new MessageHygiene("msa.yubin.test", ZoneOffset.UTC),
                new ReceivedHeader("msa.yubin.test", ZoneOffset.UTC, false), new DkimSigner(signer), publisher, events,
                clock, maxRecipients, meters);
    }

    private void mailFrom() {
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of()));
        assertThat(service.mailFrom(tx, "alice@example.test").reply()).isEqualTo(SmtpReply.SENDER_OK);
    }

    private void withRecipients() {
        mailFrom();
        when(policy.check(any())).thenReturn(accept(new ResolvedRecipient("bob@example.test", true),
                new ResolvedRecipient("carol@remote.example", false)));
        assertThat(service.recipient(tx, "team@example.test").isPositive()).isTrue();
    }

    private PolicyRequest asked() {
        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy, org.mockito.Mockito.atLeastOnce()).check(asked.capture());
        return asked.getValue();
    }

    @SuppressWarnings("unchecked")
    private List<ProducerRecord<String, byte[]>> published() {
        ArgumentCaptor<List<ProducerRecord<String, byte[]>>> records = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(any(), records.capture());
        return records.getValue();
    }

    private static PolicyVerdict accept(ResolvedRecipient... recipients) {
        return new PolicyVerdict(SmtpReply.RECIPIENT_OK, false, List.of(recipients));
    }

    private static PolicyVerdict refused(int code, String enhanced, String text) {
        return new PolicyVerdict(new SmtpReply(code, enhanced, text), false, List.of());
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
