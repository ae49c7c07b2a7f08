package dev.yubin.msa.policy;

import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** {@code POST /api/v1/auth}: the policy service checks the password and counts failures. */
@Component
public class AuthClient {

    /** What the policy service said about a login. */
    public sealed interface Answer permits Accepted, Rejected, Throttled, Unavailable {}

    /** 200: the account the credentials belong to. */
    public record Accepted(String address) implements Answer {}

    /** 401: wrong credentials. */
    public record Rejected() implements Answer {}

    /** 429: too many failures from this client or for this account; whatever the password. */
    public record Throttled(Optional<Duration> retryAfter) implements Answer {}

    /** No answer (timeout, connection refused, another status): nobody can tell. */
    public record Unavailable(String reason) implements Answer {}

    private record AuthRequest(String username, String password, String clientAddress) {
        @Override
        public String toString() {
            return "AuthRequest[username=" + username + ", clientAddress=" + clientAddress + "]";
        }
    }

    private record AuthResponse(String address) {}

    private final RestClient rest;

    AuthClient(RestClient policyRestClient) {
        this.rest = policyRestClient;
    }

    /** Never throws. */
    public Answer authenticate(String username, String password, String clientAddress) {
        try {
            return rest.post()
                    .uri("/api/v1/auth")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(new AuthRequest(username, password, clientAddress))
                    .exchangeForRequiredValue((request, response) -> switch (response.getStatusCode().value()) {
                        case 200 -> accepted(response.bodyTo(AuthResponse.class));
                        case 401 -> new Rejected();
                        case 429 -> new Throttled(retryAfter(response.getHeaders()));
                        default -> new Unavailable("HTTP " + response.getStatusCode().value());
                    });
        } catch (RuntimeException e) {
            return new Unavailable(e.toString());
        }
    }

    private static Answer accepted(AuthResponse body) {
        return body == null || body.address() == null || body.address().isBlank()
                ? new Unavailable("200 without an address")
                : new Accepted(body.address());
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        try {
            return Optional.ofNullable(headers.getFirst(HttpHeaders.RETRY_AFTER)).map(Long::parseLong).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();   // an HTTP date: we only log it anyway
        }
    }
}
