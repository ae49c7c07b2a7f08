package dev.yubin.msa.policy;

import dev.yubin.msa.config.PolicyProperties;
import dev.yubin.msa.config.SecurityProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of every call to the policy service: internal token, bounded connect and read
 * waits, a pool of kept-alive connections. Apache HttpClient sends on the calling thread; the
 * JDK client's request factory started a new thread for the body of every call, which cost more
 * CPU than the call's own work (four calls per message). Its automatic retries are off: a 429
 * of the login throttle carries a Retry-After of minutes, which the client would sit out while
 * the SMTP session waits; the answer is the MSA's to give (454 4.7.0), and a check is never sent
 * twice behind the caller's back.
 */
@Configuration(proxyBeanMethods = false)
class PolicyRestConfig {

    @Bean
    RestClient policyRestClient(RestClient.Builder builder, PolicyProperties policy, SecurityProperties security) {
        HttpClientSettings timeouts = HttpClientSettings.defaults()
                .withTimeouts(policy.connectTimeout(), policy.readTimeout());
        return builder.clone()
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
}
