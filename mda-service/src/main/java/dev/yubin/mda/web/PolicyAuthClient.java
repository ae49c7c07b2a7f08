package dev.yubin.mda.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.yubin.core.address.MailAddress;
import dev.yubin.mda.config.SecurityProperties;
import java.net.http.HttpClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Checks a mailbox owner's password with the policy service ({@code POST /api/v1/auth}). */
@Component
class PolicyAuthClient {

    private static final Logger log = LoggerFactory.getLogger(PolicyAuthClient.class);

    private final RestClient rest;

    PolicyAuthClient(RestClient.Builder builder, PolicyProperties policy, SecurityProperties security,
            AuthProperties auth) {
        if (security.usesDefaultInternalToken()) {
            log.warn("yubin.security.internal-token is the development default; set a secret one in production");
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(auth.policyTimeout()).build());
        requests.setReadTimeout(auth.policyTimeout());
        this.rest = builder.clone()
                .baseUrl(policy.url().toString())
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + security.internalToken())
                .build();
    }

    /**
     * The account's address for valid credentials, empty for invalid ones.
     *
     * @throws PolicyUnavailableException when the policy service gives no clear answer
     */
    Optional<MailAddress> authenticate(String username, String password, String clientAddress) {
        try {
            return rest.post()
                    .uri("/api/v1/auth")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new AuthRequest(username, password, clientAddress))
                    .exchange((request, reply) -> {
                        if (reply.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                            return Optional.<MailAddress>empty();
                        }
                        if (!reply.getStatusCode().isSameCodeAs(HttpStatus.OK)) {
                            throw new PolicyUnavailableException("policy service answered " + reply.getStatusCode(), null);
                        }
                        AuthResponse body = reply.bodyTo(AuthResponse.class);
                        if (body == null || body.address() == null) {
                            throw new PolicyUnavailableException("policy service answered 200 without an address", null);
                        }
                        return Optional.of(MailAddress.parse(body.address()));
                    });
        } catch (RestClientException | IllegalArgumentException e) {
            throw new PolicyUnavailableException("password check failed: " + e.getMessage(), e);
        }
    }

    record AuthRequest(String username, String password, String clientAddress) {
        @Override
        public String toString() {
            return "AuthRequest[" + username + ", ***, " + clientAddress + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthResponse(String address) {}
}
