package dev.yubin.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.yubin.msa.policy.AuthClient;
import dev.yubin.smtp.server.SmtpAuthenticator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Authentication alone: the policy service's answers are stand-ins (AuthClientTest reads them off HTTP). */
class AuthenticationTest {

    private final AuthClient client = mock(AuthClient.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Authentication authentication = new Authentication(client, meters);

    @Test
    void theAccountThePolicyServiceNamesIsTheIdentity() {
        when(client.authenticate("Alice@Example.test", "pw", "192.0.2.1")).thenReturn(new AuthClient.Accepted("alice@example.test"));

        assertThat(authentication.authenticate("Alice@Example.test", "pw", "192.0.2.1"))
                .isEqualTo(new SmtpAuthenticator.Authenticated("alice@example.test"));
        assertThat(count("success")).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAre535() {
        when(client.authenticate("alice@example.test", "bad", "192.0.2.1")).thenReturn(new AuthClient.Rejected());

        assertThat(reply("bad")).isEqualTo("535 5.7.8 Authentication credentials invalid");
        assertThat(count("failure")).isEqualTo(1);
    }

    @Test
    void throttlingAndAnUnreachablePolicyServiceAreTheSame454() {
        when(client.authenticate("alice@example.test", "throttled", "192.0.2.1"))
                .thenReturn(new AuthClient.Throttled(Optional.of(Duration.ofSeconds(30))));
        when(client.authenticate("alice@example.test", "away", "192.0.2.1"))
                .thenReturn(new AuthClient.Unavailable("connection refused"));

        assertThat(reply("throttled")).isEqualTo("454 4.7.0 Temporary authentication failure");
        assertThat(reply("away")).isEqualTo("454 4.7.0 Temporary authentication failure");
        assertThat(count("throttled")).isEqualTo(1);
        assertThat(count("unavailable")).isEqualTo(1);
    }

    private String reply(String password) {
        SmtpAuthenticator.Result result = authentication.authenticate("alice@example.test", password, "192.0.2.1");
        return ((SmtpAuthenticator.Refused) result).reply().toString();
    }

    private double count(String result) {
        return meters.get("yubin.msa.auth").tag("result", result).counter().count();
    }
}
