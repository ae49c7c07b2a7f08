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

/** {@code POST /api/v1/policy/check} of the policy service, with bounded connect and read waits. */
@Component
class PolicyClient {

    private final RestClient rest;

    PolicyClient(RestClient.Builder builder, PolicyProperties policy, SecurityProperties security) {
        HttpClientSettings timeouts = HttpClientSettings.defaults()
                .withTimeouts(policy.connectTimeout(), policy.readTimeout());
        this.rest = builder.clone()
                .baseUrl(policy.url())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(timeouts))
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
