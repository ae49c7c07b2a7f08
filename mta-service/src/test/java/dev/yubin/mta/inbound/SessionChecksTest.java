package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.SessionEndReporter;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SessionChecksTest {

    private static final SmtpClient CLIENT = new SmtpClient("192.0.2.7", "", Optional.empty());
    private static final SmtpReply DNSBL = new SmtpReply(554, "5.7.1", "Access denied");

    private final PolicyService policy = mock(PolicyService.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SessionEndReporter sessionEnds = mock(SessionEndReporter.class);
    private final SessionChecks checks = new SessionChecks(policy, new RefusalLog(meters), meters, sessionEnds);

    @Test
    void connectAsksTheConnectStageWithTheClientAddressOnly() {
        when(policy.check(any())).thenReturn(new PolicyVerdict(SmtpReply.OK, false, List.of()));

        assertThat(checks.connect(CLIENT).reply().isPositive()).isTrue();

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy).check(asked.capture());
        assertThat(asked.getValue()).isEqualTo(new PolicyRequest(Stage.CONNECT, null, "192.0.2.7", null, null,
                null, null, null, null));
    }

    @Test
    void everyRefusalAtConnectClosesAndA4xxBecomes421() {
        when(policy.check(any()))
                .thenReturn(new PolicyVerdict(DNSBL, false, List.of()))
                .thenReturn(new PolicyVerdict(new SmtpReply(450, "4.7.25", "Client host rejected"), false, List.of()))
                .thenReturn(PolicyVerdict.UNAVAILABLE);

        assertThat(checks.connect(CLIENT)).isEqualTo(new Answer(DNSBL, true));
        assertThat(checks.connect(CLIENT)).isEqualTo(new Answer(new SmtpReply(421, "4.7.25", "Client host rejected"), true));
        assertThat(checks.connect(CLIENT).reply().toString()).startsWith("421 4.3.0");
        assertThat(meters.get("yubin.mta.refusals").tag("stage", "CONNECT").tag("class", "4xx").counter().count()).isEqualTo(2);
    }

    @Test
    void aHeloRefusalLetsTheClientTryAgainUnlessItIsADropOr421() {
        SmtpReply helo = new SmtpReply(550, "5.7.1", "Helo command rejected");
        when(policy.check(any()))
                .thenReturn(new PolicyVerdict(helo, false, List.of()))
                .thenReturn(new PolicyVerdict(helo, true, List.of()))
                .thenReturn(new PolicyVerdict(SmtpReply.TOO_MANY_CONNECTIONS, false, List.of()))
                .thenReturn(PolicyVerdict.UNAVAILABLE);

        assertThat(checks.helo(CLIENT, "localhost")).isEqualTo(new Answer(helo, false));
        assertThat(checks.helo(CLIENT, "localhost")).isEqualTo(new Answer(helo, true));
        assertThat(checks.helo(CLIENT, "localhost")).isEqualTo(new Answer(SmtpReply.TOO_MANY_CONNECTIONS, true));
        assertThat(checks.helo(CLIENT, "mx.remote.example")).isEqualTo(new Answer(SmtpReply.SYSTEM_UNAVAILABLE, false));

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy, org.mockito.Mockito.times(4)).check(asked.capture());
        assertThat(asked.getValue()).isEqualTo(new PolicyRequest(Stage.HELO, null, "192.0.2.7", null,
                "mx.remote.example", null, null, null, null));
    }

    @Test
    void earlyTalkersAreCounted() {
        checks.earlyTalker(CLIENT, new SmtpReply(521, "5.5.1", "Protocol error"));

        assertThat(meters.get("yubin.mta.smtp.early-talkers").counter().count()).isEqualTo(1);
        assertThat(meters.get("yubin.mta.refusals").tag("stage", "CONNECT").tag("class", "5xx").counter().count()).isEqualTo(1);
    }
}
