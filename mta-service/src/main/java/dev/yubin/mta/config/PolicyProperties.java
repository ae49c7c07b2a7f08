package dev.yubin.mta.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the policy service answers ({@code yubin.policy.*}), and how long we wait for it.
 *
 * @param maxConnections kept-alive connections to it at most; an SMTP session holds one only
 *                       for the length of a call
 */
@ConfigurationProperties("yubin.policy")
public record PolicyProperties(
        @DefaultValue("http://127.0.0.1:8084") String url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("128") int maxConnections) {}
