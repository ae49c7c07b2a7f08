package dev.yubin.mta.policy;

import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * {@code POST /api/v1/policy/check} of the policy service, with bounded connect and read waits,
 * over a pool of kept-alive connections. Apache HttpClient sends on the SMTP session's own
 * thread (the JDK client's request factory started a thread per call for the body: four calls
 * per message). No automatic retries: a check is never sent twice behind our back, and the
 * circuit breaker, not the client, decides when to ask again.
 */
@Component
class PolicyClient {

    private final RestClient rest;

    PolicyClient(RestClient.Builder builder, PolicyProperties policy, SecurityProperties security) {
        HttpClientSettings timeouts = HttpClientSettings.defaults()
                .withTimeouts(policy.connectTimeout(), policy.readTimeout());
        this.rest = builder.clone()
                .baseUrl(policy.url())
                .requestFactory(ClientHttpRequestFactoryBuilder.httpComponents()
                        .withHttpClientCustomizer(client -> client.disableAutomaticRetries())
                        .withConnectionManagerCustomizer(pool -> pool
                                .setMaxConnTotal(policy.maxConnections())
                                .setMaxConnPerRoute(policy.maxConnections()))
                        .build(timeouts))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + security.internalToken())
                .build();
    }

    /** @throws org.springframework.web.client.RestClientException when there is no readable answer */
    PolicyDecision check(PolicyRequest request) {
        return rest.post()
                .uri("/api/v1/policy/check")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(PolicyDecision.class);
    }
}
