package dev.yubin.devstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.yubin.devstack.infra.Infrastructure;
import dev.yubin.devstack.launcher.DataDir;
import dev.yubin.devstack.launcher.NotReadyException;
import dev.yubin.devstack.launcher.Platform;
import dev.yubin.devstack.launcher.PlatformConfig;
import dev.yubin.devstack.launcher.RunningPlatform;
import dev.yubin.devstack.launcher.Services;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./yubin up}: {@link Platform#start} with the environment and options, print the
 * addresses and {@code yubin ready}, then run until Ctrl-C, which stops everything and exits 0.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the devstack: Kafka (KRaft) and PostgreSQL embedded, and the four services as "
                + "supervised processes. Prints 'yubin ready' when every listener accepts connections; Ctrl-C stops all.",
                "Ports: YUBIN_KAFKA_PORT, YUBIN_POSTGRES_PORT, YUBIN_MTA_SMTP_PORT, YUBIN_MSA_SUBMISSION_PORT, "
                        + "YUBIN_MSA_SUBMISSIONS_PORT, YUBIN_POLICY_POSTFIX_PORT, YUBIN_DEVSTACK_<SERVICE>_HTTP_PORT; "
                        + "other YUBIN_*/SPRING_* variables reach the services."})
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "where Kafka, PostgreSQL, logs, pid files, certificate and tokens live (default: ./data)")
    Path dataDir;

    @Option(names = "--infra-only", description = "start Kafka and PostgreSQL only; run the service jars yourself")
    boolean infraOnly;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "default: $YUBIN_KAFKA_PORT or 19092")
    Integer kafkaPort;

    @Option(names = "--postgres-port", paramLabel = "PORT", description = "default: $YUBIN_POSTGRES_PORT or 15432")
    Integer postgresPort;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", description = "default: $YUBIN_READY_TIMEOUT or 180")
    Integer readyTimeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataDir layout = new DataDir(dataDir);
        routeInfrastructureLogs(layout);
        PlatformConfig config = config(layout);
        RunningPlatform platform = Platform.create(config, line -> {
            out.println(line);
            out.flush();
        });
        AtomicInteger exitStatus = new AtomicInteger(0);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            platform.close();
            out.println("yubin stopped");
            out.flush();
            // the JVM would report 130 after SIGINT; a clean stop is a success
            Runtime.getRuntime().halt(exitStatus.get());
        }, "yubin-shutdown"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            if (stopping.get()) {
                new CountDownLatch(1).await();  // Ctrl-C during startup: the hook stops and exits 0
            }
            exitStatus.set(1);
            if (e instanceof NotReadyException notReady) {
                err.println("yubin: not ready within " + config.readyTimeout().toSeconds() + " s; still missing:");
                notReady.missing().forEach(listener -> err.println("  " + listener));
            } else {
                err.println("yubin: " + e.getMessage());
            }
            err.println("yubin: logs are in " + layout.logs());
            err.flush();
            return 1;
        }
        out.print(summary(platform));
        out.println("yubin ready");
        out.flush();
        new CountDownLatch(1).await();  // until Ctrl-C: the shutdown hook ends the JVM
        return 0;
    }

    private PlatformConfig config(DataDir layout) {
        PlatformConfig config = PlatformConfig.fromEnvironment(System.getenv(), layout.root(), RepoRoot.locate())
                .withInfraOnly(infraOnly);
        if (kafkaPort != null) {
            config = config.withPorts(config.ports().withKafka(kafkaPort));
        }
        if (postgresPort != null) {
            config = config.withPorts(config.ports().withPostgres(postgresPort));
        }
        if (readyTimeout != null) {
            config = config.withReadyTimeout(Duration.ofSeconds(readyTimeout));
        }
        return config;
    }

    /** Kafka and zonky log through slf4j-simple; their warnings go to a file, not over our output. */
    private static void routeInfrastructureLogs(DataDir layout) {
        try {
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + layout.logs(), e);
        }
        // read once, when slf4j initialises: nothing has logged yet at this point
        System.setProperty("org.slf4j.simpleLogger.logFile", layout.logs().resolve("devstack.log").toString());
    }

    static String summary(RunningPlatform platform) {
        StringBuilder s = new StringBuilder();
        s.append("data directory: ").append(platform.dataDir()).append('\n');
        s.append("kafka:          ").append(platform.kafkaBootstrap()).append('\n');
        s.append("postgresql:     127.0.0.1:").append(platform.postgresPort())
                .append(" (user postgres, no password; databases ")
                .append(String.join(", ", Infrastructure.DATABASES)).append(")\n");
        if (platform.config().infraOnly()) {
            s.append("settings for a service jar (java -jar SERVICE/target/SERVICE.jar ARGS):\n");
            s.append("  --spring.kafka.bootstrap-servers=").append(platform.kafkaBootstrap()).append('\n');
            s.append("  --spring.datasource.url=").append(platform.jdbcUrl("yubin_policy"))
                    .append("  (mda-service: ").append(platform.jdbcUrl("yubin_mda")).append(")\n");
            s.append("  --yubin.security.admin-token=").append(platform.adminToken()).append('\n');
            s.append("  --yubin.security.internal-token=").append(platform.internalToken()).append('\n');
            s.append("  (the services' defaults already match Kafka 127.0.0.1:19092 and PostgreSQL 127.0.0.1:15432)\n");
        } else {
            for (String service : List.of(Services.MSA, Services.MTA, Services.MDA, Services.POLICY)) {
                s.append(String.format("%-15s %s%n", service + ":", platform.httpUrl(service)));
            }
            s.append("smtp (mta):     127.0.0.1:").append(platform.smtpPort()).append('\n');
            s.append("submission:     127.0.0.1:").append(platform.submissionPort()).append(" (msa, STARTTLS)\n");
            s.append("submissions:    127.0.0.1:").append(platform.submissionsPort()).append(" (msa, implicit TLS)\n");
            s.append("postfix policy: 127.0.0.1:").append(platform.postfixPort()).append(" (policy)\n");
            s.append("logs:           ").append(platform.dataDir().resolve("logs")).append('\n');
        }
        s.append("admin token: ").append(platform.adminToken()).append('\n');
        return s.toString();
    }
}
