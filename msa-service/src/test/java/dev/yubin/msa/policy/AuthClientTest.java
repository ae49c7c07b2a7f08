package dev.yubin.msa.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withServerError;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** {@code POST /api/v1/auth} as CONTRACT §6 and the policy service's AuthController answer it. */
class AuthClientTest {

    private final RestClient.Builder builder = RestClient.builder().baseUrl("http://policy.test")
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer internal");
    private final MockRestServiceServer policy = MockRestServiceServer.bindTo(builder).build();
    private final AuthClient client = new AuthClient(builder.build());

    @Test
    void twoHundredNamesTheAccount() {
        policy.expect(requestTo("http://policy.test/api/v1/auth"))
                .andExpect(method(HttpMethod.POST))
                .andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer internal"))
                .andExpect(content().json("{\"username\":\"Alice@example.test\",\"password\":\"pw\",\"clientAddress\":\"192.0.2.1\"}"))
                .andRespond(withSuccess("{\"address\":\"alice@example.test\"}", MediaType.APPLICATION_JSON));

        assertThat(client.authenticate("Alice@example.test", "pw", "192.0.2.1"))
                .isEqualTo(new AuthClient.Accepted("alice@example.test"));
        policy.verify();
    }

    @Test
    void fourOhOneIsRejectedAndFourTwentyNineThrottledWithItsRetryAfter() {
        policy.expect(requestTo("http://policy.test/api/v1/auth")).andRespond(withStatus(HttpStatus.UNAUTHORIZED)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{\"status\":401}"));
        policy.expect(requestTo("http://policy.test/api/v1/auth")).andRespond(withStatus(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, "42").contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{}"));

        assertThat(client.authenticate("a@example.test", "x", "192.0.2.1")).isEqualTo(new AuthClient.Rejected());
        assertThat(client.authenticate("a@example.test", "x", "192.0.2.1"))
                .isEqualTo(new AuthClient.Throttled(Optional.of(Duration.ofSeconds(42))));
    }

    @Test
    void anythingElseIsUnavailable() {
        policy.expect(requestTo("http://policy.test/api/v1/auth")).andRespond(withServerError());
        policy.expect(requestTo("http://policy.test/api/v1/auth")).andRespond(withSuccess("{}", MediaType.APPLICATION_JSON));

        assertThat(client.authenticate("a@example.test", "x", "192.0.2.1")).isInstanceOf(AuthClient.Unavailable.class);
        assertThat(client.authenticate("a@example.test", "x", "192.0.2.1")).isInstanceOf(AuthClient.Unavailable.class);
    }
}
