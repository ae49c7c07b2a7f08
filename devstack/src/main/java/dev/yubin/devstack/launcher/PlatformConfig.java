package dev.yubin.devstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything {@link Platform#start(PlatformConfig)} needs. Build one with
 * {@link #randomPorts(Path, Path)} (tests) or {@link #fromEnvironment(Map, Path, Path)}
 * ({@code ./yubin up}) and adjust it with the {@code with...} methods.
 *
 * @param dataDir           data directory (Kafka log, PostgreSQL cluster, logs, pid files, TLS, tokens)
 * @param repoRoot          checkout root: service jars are read from {@code repoRoot/SERVICE/target/SERVICE.jar}
 * @param ports             every listener the platform opens
 * @param adminToken        admin bearer token, or {@code null}: the one saved in the data dir, else a new one
 * @param internalToken     service-to-service token, or {@code null} likewise
 * @param infraOnly         start Kafka and PostgreSQL only (services can still be started one by one)
 * @param topicPartitions   partitions of each platform topic ({@code yubin.kafka.partitions})
 * @param serviceJvmOptions JVM options of each service process
 * @param extraArgs         per service, Spring arguments ({@code --name=value}) added last; one naming a
 *                          property the launcher sets replaces the launcher's value
 * @param environment       environment of the service processes; a Spring property set here (relaxed
 *                          binding, e.g. {@code YUBIN_MTA_SMTP_PORT}) is not overridden by an argument
 * @param readyTimeout      how long to wait for the services to be ready
 */
public record PlatformConfig(
        Path dataDir,
        Path repoRoot,
        Ports ports,
        String adminToken,
        String internalToken,
        boolean infraOnly,
        int topicPartitions,
        List<String> serviceJvmOptions,
        Map<String, List<String>> extraArgs,
        Map<String, String> environment,
        Duration readyTimeout) {

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-XX:MaxMetaspaceSize=192m", "-Dfile.encoding=UTF-8");
    public static final int DEFAULT_PARTITIONS = 6;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

    /** Environment prefixes left out of {@link #randomPorts}: a developer's shell must not change a test. */
    private static final List<String> SCRUBBED_PREFIXES = List.of("YUBIN_", "SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");

    public PlatformConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topicPartitions must be at least 1");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        repoRoot = repoRoot.toAbsolutePath().normalize();
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        extraArgs = extraArgs.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> Services.require(e.getKey()), e -> List.copyOf(e.getValue())));
        environment = Map.copyOf(environment);
    }

    /**
     * The listeners: infrastructure, the MTA's SMTP port, the MSA's submission ports (587 with
     * STARTTLS, 465 with implicit TLS in production), the policy service's Postfix policy port and
     * each service's HTTP port.
     */
    public record Ports(int kafka, int kafkaController, int postgres, int smtp, int submission, int submissions,
                        int postfix, Map<String, Integer> http) {

        public Ports {
            http = Map.copyOf(http);
            if (!http.keySet().containsAll(Services.ALL)) {
                throw new IllegalArgumentException("an HTTP port is needed for each of " + Services.ALL + ", got " + http.keySet());
            }
        }

        /**
         * CONTRACT §3: Kafka 19092 (controller 19093), PostgreSQL 15432, SMTP 2525, submission 2587,
         * submissions 2465, Postfix policy 9998, HTTP 8081-8084.
         */
        public static Ports defaults() {
            return new Ports(19092, 19093, 15432, 2525, 2587, 2465, 9998, Map.of(
                    Services.MSA, 8081, Services.MTA, 8082, Services.MDA, 8083, Services.POLICY, 8084));
        }

        /** Free ports for everything (picked now; free until someone else takes them). */
        public static Ports random() {
            int others = 7;   // every port but the HTTP ones, in the order of the components
            int[] p = FreePorts.pick(others + Services.ALL.size());
            Map<String, Integer> http = new LinkedHashMap<>();
            for (int i = 0; i < Services.ALL.size(); i++) {
                http.put(Services.ALL.get(i), p[others + i]);
            }
            return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], http);
        }

        public int http(String service) {
            return http.get(Services.require(service));
        }

        public Ports withSmtp(int port) {
            return new Ports(kafka, kafkaController, postgres, port, submission, submissions, postfix, http);
        }

        public Ports withSubmission(int port) {
            return new Ports(kafka, kafkaController, postgres, smtp, port, submissions, postfix, http);
        }

        public Ports withSubmissions(int port) {
            return new Ports(kafka, kafkaController, postgres, smtp, submission, port, postfix, http);
        }

        public Ports withPostfix(int port) {
            return new Ports(kafka, kafkaController, postgres, smtp, submission, submissions, port, http);
        }

        public Ports withKafka(int port) {
            return new Ports(port, kafkaController, postgres, smtp, submission, submissions, postfix, http);
        }

        public Ports withPostgres(int port) {
            return new Ports(kafka, kafkaController, port, smtp, submission, submissions, postfix, http);
        }

        public Ports withHttp(String service, int port) {
            Map<String, Integer> copy = new LinkedHashMap<>(http);
            copy.put(Services.require(service), port);
            return new Ports(kafka, kafkaController, postgres, smtp, submission, submissions, postfix, copy);
        }
    }

    /**
     * For tests: free ports everywhere, tokens saved in (or generated into) the data directory,
     * the environment without {@code YUBIN_*}, {@code SPRING_*}, {@code SERVER_*}, {@code MANAGEMENT_*}
     * and {@code LOGGING_*} variables, and a 300 s ready timeout (CI machines are slow).
     */
    public static PlatformConfig randomPorts(Path dataDir, Path repoRoot) {
        Map<String, String> env = System.getenv().entrySet().stream()
                .filter(e -> SCRUBBED_PREFIXES.stream().noneMatch(e.getKey()::startsWith))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new PlatformConfig(dataDir, repoRoot, Ports.random(), null, null, false, DEFAULT_PARTITIONS,
                DEFAULT_JVM_OPTIONS, Map.of(), env, Duration.ofSeconds(300));
    }

    /**
     * For {@code ./yubin up}: the devstack defaults, overridden by {@code YUBIN_KAFKA_PORT},
     * {@code YUBIN_KAFKA_CONTROLLER_PORT}, {@code YUBIN_POSTGRES_PORT}, {@code YUBIN_MTA_SMTP_PORT},
     * {@code YUBIN_MSA_SUBMISSION_PORT}, {@code YUBIN_MSA_SUBMISSIONS_PORT}, {@code YUBIN_POLICY_POSTFIX_PORT},
     * {@code YUBIN_DEVSTACK_<MTA|MSA|MDA|POLICY>_HTTP_PORT}, {@code YUBIN_ADMIN_TOKEN}, {@code YUBIN_INTERNAL_TOKEN},
     * {@code YUBIN_KAFKA_PARTITIONS}, {@code YUBIN_SERVICE_JAVA_OPTS} and {@code YUBIN_READY_TIMEOUT}
     * (seconds); {@code env} is also passed on to the services.
     */
    public static PlatformConfig fromEnvironment(Map<String, String> env, Path dataDir, Path repoRoot) {
        Function<String, String> get = name -> {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        Ports defaults = Ports.defaults();
        Map<String, Integer> http = new LinkedHashMap<>();
        for (String service : Services.ALL) {
            String prefix = service.substring(0, service.indexOf('-')).toUpperCase(Locale.ROOT);
            http.put(service, intOr(get.apply("YUBIN_DEVSTACK_" + prefix + "_HTTP_PORT"), defaults.http(service)));
        }
        Ports ports = new Ports(
                intOr(get.apply("YUBIN_KAFKA_PORT"), defaults.kafka()),
                intOr(get.apply("YUBIN_KAFKA_CONTROLLER_PORT"), defaults.kafkaController()),
                intOr(get.apply("YUBIN_POSTGRES_PORT"), defaults.postgres()),
                intOr(get.apply("YUBIN_MTA_SMTP_PORT"), defaults.smtp()),
                intOr(get.apply("YUBIN_MSA_SUBMISSION_PORT"), defaults.submission()),
                intOr(get.apply("YUBIN_MSA_SUBMISSIONS_PORT"), defaults.submissions()),
                intOr(get.apply("YUBIN_POLICY_POSTFIX_PORT"), defaults.postfix()),
                http);
        String jvm = get.apply("YUBIN_SERVICE_JAVA_OPTS");
        List<String> jvmOptions = jvm == null ? DEFAULT_JVM_OPTIONS : Arrays.asList(jvm.split("\\s+"));
        return new PlatformConfig(dataDir, repoRoot, ports,
                get.apply("YUBIN_ADMIN_TOKEN"), get.apply("YUBIN_INTERNAL_TOKEN"), false,
                intOr(get.apply("YUBIN_KAFKA_PARTITIONS"), DEFAULT_PARTITIONS),
                jvmOptions, Map.of(), env,
                Duration.ofSeconds(intOr(get.apply("YUBIN_READY_TIMEOUT"), (int) DEFAULT_READY_TIMEOUT.toSeconds())));
    }

    private static int intOr(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + value + "'", e);
        }
    }

    public PlatformConfig withPorts(Ports newPorts) {
        return new PlatformConfig(dataDir, repoRoot, newPorts, adminToken, internalToken, infraOnly, topicPartitions,
                serviceJvmOptions, extraArgs, environment, readyTimeout);
    }

    public PlatformConfig withTokens(String newAdminToken, String newInternalToken) {
        return new PlatformConfig(dataDir, repoRoot, ports, newAdminToken, newInternalToken, infraOnly, topicPartitions,
                serviceJvmOptions, extraArgs, environment, readyTimeout);
    }

    public PlatformConfig withInfraOnly(boolean newInfraOnly) {
        return new PlatformConfig(dataDir, repoRoot, ports, adminToken, internalToken, newInfraOnly, topicPartitions,
                serviceJvmOptions, extraArgs, environment, readyTimeout);
    }

    public PlatformConfig withTopicPartitions(int partitions) {
        return new PlatformConfig(dataDir, repoRoot, ports, adminToken, internalToken, infraOnly, partitions,
                serviceJvmOptions, extraArgs, environment, readyTimeout);
    }

    public PlatformConfig withServiceJvmOptions(List<String> options) {
        return new PlatformConfig(dataDir, repoRoot, ports, adminToken, internalToken, infraOnly, topicPartitions,
                options, extraArgs, environment, readyTimeout);
    }

    /** Adds Spring arguments for one service, e.g. {@code withExtraArgs("mta-service", "--yubin.mta.relay-networks=127.0.0.1/32")}. */
    public PlatformConfig withExtraArgs(String service, String... args) {
        Map<String, List<String>> copy = new LinkedHashMap<>(extraArgs);
        List<String> list = new ArrayList<>(copy.getOrDefault(Services.require(service), List.of()));
        list.addAll(List.of(args));
        copy.put(service, list);
        return new PlatformConfig(dataDir, repoRoot, ports, adminToken, internalToken, infraOnly, topicPartitions,
                serviceJvmOptions, copy, environment, readyTimeout);
    }

    /** Adds (or replaces) environment variables of the service processes. */
    public PlatformConfig withEnvironment(Map<String, String> variables) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        copy.putAll(variables);
        return new PlatformConfig(dataDir, repoRoot, ports, adminToken, internalToken, infraOnly, topicPartitions,
                serviceJvmOptions, extraArgs, copy, readyTimeout);
    }

    public PlatformConfig withReadyTimeout(Duration timeout) {
        return new PlatformConfig(dataDir, repoRoot, ports, adminToken, internalToken, infraOnly, topicPartitions,
                serviceJvmOptions, extraArgs, environment, timeout);
    }

    /**
     * {@code repoRoot/SERVICE/target/SERVICE.jar}; a build run with {@code -Dyubin.build.dir=DIR}
     * (see the root pom) tests the jars of its own {@code DIR}.
     */
    public Path serviceJar(String service) {
        String buildDir = System.getProperty("yubin.build.dir", "target");
        return repoRoot.resolve(Services.require(service)).resolve(buildDir).resolve(service + ".jar");
    }
}
