package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.core.envelope.CheckResult;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.kafka.Topics;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.authentication.Authentication;
import dev.yubin.mta.authentication.MessageAuthenticator;
import dev.yubin.mta.policy.PolicyService;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** InboundService alone: the policy service and Kafka are stand-ins here (see InboundPublishIT for Kafka). */
class InboundServiceTest {

    private final PolicyService policy = mock(PolicyService.class);
    private final MailPublisher publisher = mock(MailPublisher.class);
    private final AcceptedEvents events = mock(AcceptedEvents.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Its own tests (MessageAuthenticatorTest) verify DKIM and ask the policy; here it answers as told. */
    private final MessageAuthenticator authenticator = mock(MessageAuthenticator.class);
    private final InboundService inbound = new InboundService(new QueueIdGenerator(), policy, publisher, events,
            new ReceivedHeader("mx.yubin.test", ZoneOffset.UTC, true),
            Clock.fixed(Instant.parse("2026-11-28T14:08:00Z"), ZoneOffset.UTC), 2, meters, authenticator);
    private static final PolicyCheck SPF_PASS =
            new PolicyCheck("spf", "DUNNO", "spf=pass (mailfrom=sender@remote.example, ip=192.0.2.10)");

    private final Transaction tx = inbound.begin(new SmtpClient("192.0.2.10", "client.example.org", Optional.empty()));

    /** Unless a test says otherwise, a message passes authentication with an A-R field put before it. */
    @BeforeEach
    void messagesPassAuthentication() {
        when(authenticator.authenticate(any())).thenAnswer(call -> {
            byte[] body = call.<MessageAuthenticator.Message>getArgument(0).body();
            return new Authentication.Accepted(concat(AUTH_RESULTS, body), Optional.empty(),
                    List.of(new CheckResult("dmarc", "pass", "")));
        });
    }

    @BeforeEach
    void theMailStageIsAccepted() {
        when(policy.check(argThat(request -> request != null && request.stage() == Stage.MAIL)))
                .thenReturn(new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of(), List.of(SPF_PASS)));
    }

    @Test
    void senderSyntaxAndSourceRoutesAre553AndTheNullPathIsFine() {
        assertThat(inbound.mailFrom(tx, "@relay.example:a@remote.example")).isEqualTo(Answer.of(SmtpReply.BAD_SENDER_SYNTAX));
        assertThat(inbound.mailFrom(tx, "not an address")).isEqualTo(Answer.of(SmtpReply.BAD_SENDER_SYNTAX));
        assertThat(inbound.mailFrom(tx, "")).isEqualTo(Answer.of(SmtpReply.SENDER_OK));
        assertThat(tx.sender().isNull()).isTrue();
    }

    @Test
    void mailFromIsAskedAtTheMailStageAndItsChecksAreKeptForData() {
        Answer answer = inbound.mailFrom(tx, "Sender@remote.example");

        assertThat(answer).isEqualTo(Answer.of(SmtpReply.SENDER_OK));
        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy).check(asked.capture());
        assertThat(asked.getValue()).isEqualTo(new PolicyRequest(Stage.MAIL, tx.queueId().value(), "192.0.2.10", null,
                "client.example.org", "Sender@remote.example", null, null, null));
        assertThat(tx.mailChecks()).containsExactly(SPF_PASS);
    }

    @Test
    void theNullSenderIsAskedAboutAsAngleBrackets() {
        inbound.mailFrom(tx, "");

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy).check(asked.capture());
        assertThat(asked.getValue().sender()).isEqualTo("<>");
    }

    @Test
    void aMailRefusalOrDropIsPassedOnWithItsChecks() {
        PolicyCheck spfFail = new PolicyCheck("spf", "REJECT", "spf=fail (mailfrom=a@remote.example, ip=192.0.2.10)");
        SmtpReply spfFailed = new SmtpReply(550, "5.7.23", "SPF validation failed");
        when(policy.check(argThat(request -> request != null && request.stage() == Stage.MAIL)))
                .thenReturn(new PolicyVerdict(spfFailed, false, List.of(), List.of(spfFail)))
                .thenReturn(new PolicyVerdict(SmtpReply.POLICY_REJECT, true, List.of()))
                .thenReturn(PolicyVerdict.UNAVAILABLE);

        assertThat(inbound.mailFrom(tx, "a@remote.example")).isEqualTo(Answer.of(spfFailed));
        assertThat(tx.mailChecks()).containsExactly(spfFail);
        assertThat(inbound.mailFrom(tx, "a@remote.example")).isEqualTo(new Answer(SmtpReply.POLICY_REJECT, true));
        assertThat(inbound.mailFrom(tx, "a@remote.example").reply().toString()).startsWith("451 4.3.0");
        assertThat(meters.get("yubin.mta.refusals").tag("stage", "MAIL").tag("class", "5xx").counter().count()).isEqualTo(2);
    }

    @Test
    void mailWithoutAnAcceptedHeloIs503AndThePolicyIsNotAsked() {
        Transaction noHelo = inbound.begin(new SmtpClient("192.0.2.10", "", Optional.empty()));

        assertThat(inbound.mailFrom(noHelo, "a@remote.example").reply().toString())
                .isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
        verify(policy, never()).check(any());
    }

    @Test
    void recipientIsCheckedByThePolicyServiceAtTheRcptStage() {
        inbound.mailFrom(tx, "sender@remote.example");
        whenRcpt().thenReturn(accept(new ResolvedRecipient("alice@example.test", true)));

        Answer answer = inbound.recipient(tx, "Alice@Example.TEST");

        assertThat(answer).isEqualTo(Answer.of(SmtpReply.RECIPIENT_OK));
        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy, org.mockito.Mockito.times(2)).check(asked.capture());
        assertThat(asked.getAllValues().get(1)).isEqualTo(new PolicyRequest(Stage.RCPT, tx.queueId().value(), "192.0.2.10", null,
                "client.example.org", "sender@remote.example", "Alice@example.test", null, null));
        assertThat(tx.localRecipients()).hasSize(1);
    }

    @Test
    void badRecipientSyntaxIs553WithoutAskingThePolicyService() {
        assertThat(inbound.recipient(tx, "@relay.example:a@example.test").reply()).isEqualTo(SmtpReply.BAD_RECIPIENT_SYNTAX);
        assertThat(inbound.recipient(tx, "").reply()).isEqualTo(SmtpReply.BAD_RECIPIENT_SYNTAX);
        verify(policy, never()).check(any());
    }

    @Test
    void theRecipientOverTheLimitIs452() {
        whenRcpt().thenReturn(accept(new ResolvedRecipient("a@example.test", true)));
        inbound.recipient(tx, "a@example.test");
        inbound.recipient(tx, "b@example.test");

        assertThat(inbound.recipient(tx, "c@example.test")).isEqualTo(Answer.of(SmtpReply.TOO_MANY_RECIPIENTS));
    }

    @Test
    void refusalsAndDropsArePassedOnAndRecordNothing() {
        whenRcpt().thenReturn(new PolicyVerdict(SmtpReply.UNKNOWN_USER, false, List.of()));
        assertThat(inbound.recipient(tx, "nobody@example.test")).isEqualTo(Answer.of(SmtpReply.UNKNOWN_USER));

        whenRcpt().thenReturn(new PolicyVerdict(SmtpReply.POLICY_REJECT, true, List.of()));
        assertThat(inbound.recipient(tx, "x@example.test")).isEqualTo(new Answer(SmtpReply.POLICY_REJECT, true));

        whenRcpt().thenReturn(PolicyVerdict.UNAVAILABLE);
        assertThat(inbound.recipient(tx, "y@example.test").reply().toString()).startsWith("451 4.3.0");
        assertThat(tx.acceptedRecipients()).isZero();
    }

    @Test
    void anAcceptedRecipientResolvedToNonsenseIs451() {
        whenRcpt().thenReturn(accept(new ResolvedRecipient("no at sign", true)));

        assertThat(inbound.recipient(tx, "a@example.test")).isEqualTo(Answer.of(SmtpReply.SYSTEM_UNAVAILABLE));
        assertThat(tx.acceptedRecipients()).isZero();
    }

    @Test
    void acceptedOnlyOnceKafkaAcknowledgesThenAnEventIsSent() {
        inbound.mailFrom(tx, "sender@remote.example");
        whenRcpt().thenReturn(
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
        whenRcpt().thenReturn(accept(new ResolvedRecipient("a@example.test", true)));
        inbound.recipient(tx, "a@example.test");
        when(publisher.publish(any(), anyList())).thenReturn(false);

        assertThat(inbound.accept(tx, new byte[0])).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
        verify(events, never()).accepted(any());
        assertThat(meters.get("yubin.mta.messages.accepted").counter().count()).isZero();
    }

    @Test
    void aMessageTheAuthenticationRefusesIsAnsweredWithItsReplyAndNeverStored() {
        inbound.mailFrom(tx, "sender@remote.example");
        whenRcpt().thenReturn(accept(new ResolvedRecipient("a@example.test", true)));
        inbound.recipient(tx, "a@example.test");
        SmtpReply dmarcReject = new SmtpReply(550, "5.7.1", "Message refused by policy");
        doReturn(new Authentication.Refused(dmarcReject, "dmarc=fail")).when(authenticator).authenticate(any());

        assertThat(inbound.accept(tx, "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(dmarcReject);
        verify(publisher, never()).publish(any(), anyList());
        verify(events, never()).accepted(any());
    }

    @Test
    void theAuthenticatorIsToldTheSessionAndTheMailChecksAndItsResultsGoBeforeTheBodyAndIntoTheEnvelope() {
        inbound.mailFrom(tx, "sender@remote.example");
        whenRcpt().thenReturn(accept(new ResolvedRecipient("a@example.test", true)));
        inbound.recipient(tx, "a@example.test");
        when(publisher.publish(eq(tx.queueId()), anyList())).thenReturn(true);
        byte[] body = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        inbound.accept(tx, body);

        ArgumentCaptor<MessageAuthenticator.Message> asked = ArgumentCaptor.forClass(MessageAuthenticator.Message.class);
        verify(authenticator).authenticate(asked.capture());
        assertThat(asked.getValue().queueId()).isEqualTo(tx.queueId().value());
        assertThat(asked.getValue().sender().address()).isEqualTo("sender@remote.example");
        assertThat(asked.getValue().mailChecks()).containsExactly(SPF_PASS);
        assertThat(asked.getValue().body()).isEqualTo(body);
        ProducerRecord<String, byte[]> record = published().get(0);
        assertThat(new String(record.value(), StandardCharsets.US_ASCII)).startsWith("Received: ")
                .contains("\r\n" + new String(AUTH_RESULTS, StandardCharsets.US_ASCII) + "Subject: x\r\n");
        assertThat(KafkaRecords.toEnvelope(record.headers()).checks()).containsExactly(new CheckResult("dmarc", "pass", ""));
        assertThat(KafkaRecords.folder(record.headers())).isEmpty();
    }

    @Test
    void aQuarantinedMessageIsFiledInJunkForLocalMailboxesOnly() {
        inbound.mailFrom(tx, "sender@remote.example");
        whenRcpt().thenReturn(
                accept(new ResolvedRecipient("a@example.test", true), new ResolvedRecipient("c@remote.example", false)));
        inbound.recipient(tx, "team@example.test");
        when(publisher.publish(eq(tx.queueId()), anyList())).thenReturn(true);
        doAnswer(call -> new Authentication.Accepted(call.<MessageAuthenticator.Message>getArgument(0).body(),
                Optional.of("Junk"), List.of())).when(authenticator).authenticate(any());

        assertThat(inbound.accept(tx, "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)).code())
                .isEqualTo(250);

        List<ProducerRecord<String, byte[]>> records = published();
        assertThat(records).extracting(ProducerRecord::topic).containsExactly(Topics.INBOUND, Topics.OUTBOUND);
        assertThat(KafkaRecords.folder(records.get(0).headers())).contains("Junk");
        assertThat(KafkaRecords.folder(records.get(1).headers())).isEmpty();
    }

    private List<ProducerRecord<String, byte[]>> published() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ProducerRecord<String, byte[]>>> records = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(eq(tx.queueId()), records.capture());
        return records.getValue();
    }

    private static final byte[] AUTH_RESULTS =
            "Authentication-Results: mx.yubin.test;\r\n\tdmarc=pass\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private org.mockito.stubbing.OngoingStubbing<PolicyVerdict> whenRcpt() {
        return when(policy.check(argThat(request -> request != null && request.stage() == Stage.RCPT)));
    }

    private static PolicyVerdict accept(ResolvedRecipient... recipients) {
        return new PolicyVerdict(SmtpReply.RECIPIENT_OK, false, List.of(recipients));
    }
}
