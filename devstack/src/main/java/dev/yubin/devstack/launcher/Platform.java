package dev.yubin.devstack.launcher;

import java.util.function.Consumer;

/**
 * Starts the Yubin platform on this machine: an embedded Kafka broker (KRaft) and PostgreSQL
 * server in this JVM, and each of the four services as its own supervised OS process.
 *
 * <p>End-to-end tests use it like this:
 * <pre>{@code
 * try (RunningPlatform yubin = Platform.start(
 *         PlatformConfig.randomPorts(tempDir, repoRoot)
 *                 .withExtraArgs("mta-service", "--yubin.mta.relay-networks=127.0.0.1/32"))) {
 *     smtp.connect("127.0.0.1", yubin.smtpPort());                 // every listener is ready here
 *     http.get(yubin.httpUrl("policy-service") + "/api/v1/domains", yubin.adminToken());
 *     yubin.killService("mda-service");                            // crash; the supervisor restarts it
 *     yubin.awaitReady("mda-service");
 *     yubin.stopKafka();  ...  yubin.startKafka();                 // broker outage
 * }                                                                // stops services, Kafka, PostgreSQL
 * }</pre>
 * {@code repoRoot} is the checkout (the service jars are {@code SERVICE/target/SERVICE.jar});
 * failsafe passes it to the devstack tests as the system property {@code yubin.repo-root}.
 */
public final class Platform {

    private Platform() {}

    /**
     * Starts everything and returns once every listener is ready (or, with
     * {@link PlatformConfig#infraOnly()}, once Kafka and PostgreSQL accept connections). Progress
     * and supervision lines go to standard output. On failure everything started is stopped
     * again before the exception ({@link NotReadyException} when a listener never became ready).
     */
    public static RunningPlatform start(PlatformConfig config) {
        return start(config, line -> System.out.println("yubin: " + line));
    }

    /** As {@link #start(PlatformConfig)}, with progress and supervision lines sent to {@code console}. */
    public static RunningPlatform start(PlatformConfig config, Consumer<String> console) {
        RunningPlatform platform = create(config, console);
        platform.start();
        return platform;
    }

    /**
     * A platform not started yet: for a launcher that must be able to {@link RunningPlatform#close()}
     * it from a shutdown hook while {@link RunningPlatform#start()} is still running.
     */
    public static RunningPlatform create(PlatformConfig config, Consumer<String> console) {
        return new RunningPlatform(config, console);
    }
}
