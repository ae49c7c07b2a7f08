package dev.yubin.mta.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/** PolicyService with its breaker; the HTTP client is a stand-in (PolicyClientIT-like flows: SmtpSessionIT). */
class PolicyServiceTest {

    private static final PolicyRequest CONNECT = new PolicyRequest(Stage.CONNECT, null, "192.0.2.1", null, null,
            null, null, null, null);
    private static final PolicyDecision OK = new PolicyDecision(Action.ACCEPT, 250, "2.0.0", "Ok", List.of(), List.of());

    private final PolicyClient client = mock(PolicyClient.class);
    private final AtomicLong now = new AtomicLong();
    private final PolicyService policy = new PolicyService(client,
            new CircuitBreaker(2, Duration.ofSeconds(30), now::get, new SimpleMeterRegistry()));

    @Test
    void anAnswerIsTheVerdictOfItsStage() {
        when(client.check(any())).thenReturn(OK);

        assertThat(policy.check(CONNECT).reply()).isEqualTo(SmtpReply.OK);
    }

    @Test
    void timeoutsRefusedConnectionsAnd5xxAre451AndOpenTheBreakerWhichThenAnswersWithoutAsking() {
        when(client.check(any()))
                .thenThrow(new ResourceAccessException("refused", new ConnectException("Connection refused")))
                .thenThrow(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "down", null, null, null))
                .thenReturn(OK);

        assertThat(policy.check(CONNECT)).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(policy.check(CONNECT)).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(policy.check(CONNECT)).isEqualTo(PolicyVerdict.UNAVAILABLE);
        verify(client, times(2)).check(any());

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(policy.check(CONNECT).reply()).isEqualTo(SmtpReply.OK);
        assertThat(policy.check(CONNECT).reply()).isEqualTo(SmtpReply.OK);
        verify(client, times(4)).check(any());
    }

    @Test
    void aClientErrorIs451ButDoesNotOpenTheBreaker() {
        when(client.check(any())).thenThrow(HttpClientErrorException.create(HttpStatus.UNAUTHORIZED, "no", null, null, null));

        for (int i = 0; i < 3; i++) {
            assertThat(policy.check(CONNECT)).isEqualTo(PolicyVerdict.UNAVAILABLE);
        }
        verify(client, times(3)).check(any());
    }
}
