package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.authentication.Authentication;
import dev.yubin.mta.authentication.MessageAuthenticator;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.SessionEndReporter;
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
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * One port 25 session from CONNECT to DATA: every policy request carries the session's id (the
 * policy service counts the client's concurrent sessions by it; the DATA request is built by
 * MessageAuthenticator from the id it is handed here), and its end is reported once.
 */
class SessionIdTest {

    private static final String SESSION = "6f1c2a0e-6a4b-4f43-9d1e-3c1f4a2b7e90";

    private final PolicyService policy = mock(PolicyService.class);
    private final SessionEndReporter sessionEnds = mock(SessionEndReporter.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SessionChecks checks = new SessionChecks(policy, new RefusalLog(meters), meters, sessionEnds);
    /** It asks the DATA question with the id it is given (MessageAuthenticatorTest): here it only answers. */
    private final MessageAuthenticator authenticator = mock(MessageAuthenticator.class);
    private final InboundService inbound = new InboundService(new QueueIdGenerator(), policy, mock(MailPublisher.class),
            mock(AcceptedEvents.class), new ReceivedHeader("mx.yubin.test", ZoneOffset.UTC, true),
            Clock.fixed(Instant.parse("2026-11-28T14:08:00Z"), ZoneOffset.UTC), 10, meters, authenticator);

    @Test
    void everyRequestOfASessionCarriesItsIdAndItsEndIsReported() {
        when(authenticator.authenticate(any())).thenReturn(new Authentication.Refused(SmtpReply.SYSTEM_UNAVAILABLE, "test"));
        when(policy.check(any())).thenAnswer(call -> call.<PolicyRequest>getArgument(0).stage() == Stage.RCPT
                ? new PolicyVerdict(SmtpReply.RECIPIENT_OK, false, List.of(new ResolvedRecipient("a@example.test", true)))
                : new PolicyVerdict(SmtpReply.OK, false, List.of()));
        SmtpClient connected = new SmtpClient("192.0.2.10", "", Optional.empty(), Optional.empty(), SESSION);
        SmtpClient greeted = new SmtpClient("192.0.2.10", "mx.remote.example", Optional.empty(), Optional.empty(), SESSION);

        assertThat(checks.connect(connected).reply().isPositive()).isTrue();
        assertThat(checks.helo(connected, "mx.remote.example").reply().isPositive()).isTrue();
        Transaction tx = inbound.begin(greeted);
        assertThat(inbound.mailFrom(tx, "b@remote.example").reply()).isEqualTo(SmtpReply.SENDER_OK);
        assertThat(inbound.recipient(tx, "a@example.test").reply()).isEqualTo(SmtpReply.RECIPIENT_OK);
        inbound.accept(tx, "From: b@remote.example\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        checks.disconnected(greeted);

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy, org.mockito.Mockito.times(4)).check(asked.capture());
        assertThat(asked.getAllValues()).extracting(PolicyRequest::stage)
                .containsExactly(Stage.CONNECT, Stage.HELO, Stage.MAIL, Stage.RCPT);
        assertThat(asked.getAllValues()).extracting(PolicyRequest::sessionId).containsOnly(SESSION);
        ArgumentCaptor<MessageAuthenticator.Message> data = ArgumentCaptor.forClass(MessageAuthenticator.Message.class);
        verify(authenticator).authenticate(data.capture());
        assertThat(data.getValue().sessionId()).isEqualTo(SESSION);
        verify(sessionEnds).ended(SESSION);
    }

    @Test
    void aSessionRefusedAtConnectIsReportedEndedTooSoThatItStopsCounting() {
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.TOO_MANY_CONNECTIONS, false, List.of()));

        checks.connect(new SmtpClient("192.0.2.10", "", Optional.empty(), Optional.empty(), SESSION));

        verify(sessionEnds).ended(SESSION);
    }

    @Test
    void aListenerWithoutSessionIdsSendsNoneAndReportsNothing() {
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.OK, false, List.of()));
        SmtpClient client = new SmtpClient("192.0.2.10", "", Optional.empty());

        checks.connect(client);
        checks.disconnected(client);

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy).check(asked.capture());
        assertThat(asked.getValue().sessionId()).isNull();
        org.mockito.Mockito.verifyNoInteractions(sessionEnds);
    }
}
