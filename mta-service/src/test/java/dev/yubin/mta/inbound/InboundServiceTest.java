package dev.yubin.mta.inbound;

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
import dev.yubin.core.kafka.Topics;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.RcptVerdict;
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

/** InboundService alone: the policy service and Kafka are stand-ins here (see InboundPublishIT for Kafka). */
class InboundServiceTest {

    private final PolicyService policy = mock(PolicyService.class);
    private final MailPublisher publisher = mock(MailPublisher.class);
    private final AcceptedEvents events = mock(AcceptedEvents.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InboundService inbound = new InboundService(new QueueIdGenerator(), policy, publisher, events,
            new ReceivedHeader("mx.yubin.test", ZoneOffset.UTC, true),
            Clock.fixed(Instant.parse("2026-11-28T14:08:00Z"), ZoneOffset.UTC), 2, meters);
    private final Transaction tx = inbound.begin(new SmtpClient("192.0.2.10", "client.example.org", Optional.empty()));

    @Test
    void senderSyntaxAndSourceRoutesAre553AndTheNullPathIsFine() {
        assertThat(inbound.mailFrom(tx, "@relay.example:a@remote.example")).isEqualTo(SmtpReply.BAD_SENDER_SYNTAX);
        assertThat(inbound.mailFrom(tx, "not an address")).isEqualTo(SmtpReply.BAD_SENDER_SYNTAX);
        assertThat(inbound.mailFrom(tx, "")).isEqualTo(SmtpReply.SENDER_OK);
        assertThat(tx.sender().isNull()).isTrue();
    }

    @Test
    void recipientIsCheckedByThePolicyServiceAtTheRcptStage() {
        inbound.mailFrom(tx, "sender@remote.example");
        when(policy.checkRecipient(any())).thenReturn(accept(new ResolvedRecipient("alice@example.test", true)));

        Answer answer = inbound.recipient(tx, "Alice@Example.TEST");

        assertThat(answer).isEqualTo(Answer.of(SmtpReply.RECIPIENT_OK));
        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy).checkRecipient(asked.capture());
        assertThat(asked.getValue()).isEqualTo(new PolicyRequest(Stage.RCPT, tx.queueId().value(), "192.0.2.10", null,
                "client.example.org", "sender@remote.example", "Alice@example.test", null, null));
        assertThat(tx.localRecipients()).hasSize(1);
    }

    @Test
    void badRecipientSyntaxIs553WithoutAskingThePolicyService() {
        assertThat(inbound.recipient(tx, "@relay.example:a@example.test").reply()).isEqualTo(SmtpReply.BAD_RECIPIENT_SYNTAX);
        assertThat(inbound.recipient(tx, "").reply()).isEqualTo(SmtpReply.BAD_RECIPIENT_SYNTAX);
        verify(policy, never()).checkRecipient(any());
    }

    @Test
    void theRecipientOverTheLimitIs452() {
        when(policy.checkRecipient(any())).thenReturn(accept(new ResolvedRecipient("a@example.test", true)));
        inbound.recipient(tx, "a@example.test");
        inbound.recipient(tx, "b@example.test");

        assertThat(inbound.recipient(tx, "c@example.test")).isEqualTo(Answer.of(SmtpReply.TOO_MANY_RECIPIENTS));
    }

    @Test
    void refusalsAndDropsArePassedOnAndRecordNothing() {
        when(policy.checkRecipient(any())).thenReturn(new RcptVerdict(SmtpReply.UNKNOWN_USER, false, List.of()));
        assertThat(inbound.recipient(tx, "nobody@example.test")).isEqualTo(Answer.of(SmtpReply.UNKNOWN_USER));

        when(policy.checkRecipient(any())).thenReturn(new RcptVerdict(SmtpReply.POLICY_REJECT, true, List.of()));
        assertThat(inbound.recipient(tx, "x@example.test")).isEqualTo(new Answer(SmtpReply.POLICY_REJECT, true));

        when(policy.checkRecipient(any())).thenReturn(RcptVerdict.UNAVAILABLE);
        assertThat(inbound.recipient(tx, "y@example.test").reply().toString()).startsWith("451 4.3.0");
        assertThat(tx.acceptedRecipients()).isZero();
    }

    @Test
    void anAcceptedRecipientResolvedToNonsenseIs451() {
        when(policy.checkRecipient(any())).thenReturn(accept(new ResolvedRecipient("no at sign", true)));

        assertThat(inbound.recipient(tx, "a@example.test")).isEqualTo(Answer.of(SmtpReply.SYSTEM_UNAVAILABLE));
        assertThat(tx.acceptedRecipients()).isZero();
    }

    @Test
    void acceptedOnlyOnceKafkaAcknowledgesThenAnEventIsSent() {
        inbound.mailFrom(tx, "sender@remote.example");
        when(policy.checkRecipient(any())).thenReturn(
                accept(new ResolvedRecipient("a@example.test", true), new ResolvedRecipient("c@remote.example", false)));
        inbound.recipient(tx, "team@example.test");
        when(publisher.publish(eq(tx.queueId()), anyList())).thenReturn(true);

        SmtpReply reply = inbound.accept(tx, "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.toString()).isEqualTo("250 2.0.0 Ok: queued as " + tx.queueId());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ProducerRecord<String, byte[]>>> records = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(eq(tx.queueId()), records.capture());
        assertThat(records.getValue()).extracting(ProducerRecord::topic, ProducerRecord::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Topics.INBOUND, tx.queueId().value()),
                org.assertj.core.groups.Tuple.tuple(Topics.OUTBOUND, "remote.example"));
        assertThat(new String(records.getValue().get(0).value(), StandardCharsets.US_ASCII))
                .startsWith("Received: from client.example.org ([192.0.2.10])")
                .contains("for <team@example.test>;")
                .endsWith("\r\nSubject: x\r\n\r\nbody\r\n");
        verify(events).accepted(any(Envelope.class));
        assertThat(meters.get("yubin.mta.messages.accepted").counter().count()).isEqualTo(1);
    }

    @Test
    void kafkaWithoutAcknowledgementIs451AndNoEvent() {
        when(policy.checkRecipient(any())).thenReturn(accept(new ResolvedRecipient("a@example.test", true)));
        inbound.recipient(tx, "a@example.test");
        when(publisher.publish(any(), anyList())).thenReturn(false);

        assertThat(inbound.accept(tx, new byte[0])).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
        verify(events, never()).accepted(any());
        assertThat(meters.get("yubin.mta.messages.accepted").counter().count()).isZero();
    }

    private static RcptVerdict accept(ResolvedRecipient... recipients) {
        return new RcptVerdict(SmtpReply.RECIPIENT_OK, false, List.of(recipients));
    }
}
