package dev.yubin.mta.policy;

import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fire-and-forget side of the policy service: JSON POSTs with the internal token whose
 * answer no SMTP reply waits for (suppressions, ended sessions), with bounded connect and
 * overall waits. The checks an SMTP reply does wait for go through {@link PolicyClient}.
 */
final class PolicyPosts {

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final JsonMapper json;

    PolicyPosts(PolicyProperties policy, SecurityProperties security, JsonMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(policy.connectTimeout()).build();
        this.baseUrl = policy.url().endsWith("/") ? policy.url().substring(0, policy.url().length() - 1) : policy.url();
        this.authorization = "Bearer " + security.internalToken();
        this.timeout = policy.connectTimeout().plus(policy.readTimeout());
        this.json = json;
    }

    /** The longest one POST may take, connecting included. */
    Duration timeout() {
        return timeout;
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** Sends on the calling thread. */
    HttpResponse<Void> send(String path, Object body) throws IOException, InterruptedException {
        return http.send(request(path, body), HttpResponse.BodyHandlers.discarding());
    }

    /** Sends in the background. */
    CompletableFuture<HttpResponse<Void>> sendAsync(String path, Object body) {
        return http.sendAsync(request(path, body), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(String path, Object body) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
    }
}
