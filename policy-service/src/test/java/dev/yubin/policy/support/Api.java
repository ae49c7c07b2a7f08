package dev.yubin.policy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the REST API over a real socket; admin token unless told otherwise. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static Api onPort(int port) {
        return new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
    }

    /** The same API with another bearer token, or none when {@code token} is null. */
    public Api withToken(String token) {
        return new Api(base, token);
    }

    public Response get(String path) {
        return send(path, "GET", BodyPublishers.noBody(), null);
    }

    public Response delete(String path) {
        return send(path, "DELETE", BodyPublishers.noBody(), null);
    }

    public Response post(String path, Object body) {
        return send(path, "POST", BodyPublishers.ofString(json(body)), "application/json");
    }

    public Response put(String path, Object body) {
        return send(path, "PUT", BodyPublishers.ofString(json(body)), "application/json");
    }

    /** Sends {@code rawBody} as is, for malformed input. */
    public Response postRaw(String path, String rawBody, String contentType) {
        return send(path, "POST", BodyPublishers.ofString(rawBody), contentType);
    }

    /** A fresh domain name, so that tests sharing a database never collide. */
    public static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 12) + ".test";
    }

    public static String json(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private Response send(String path, String method, BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
