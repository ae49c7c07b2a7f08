package dev.yubin.devstack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.yubin.devstack.infra.Infrastructure;

/**
 * A started platform (see {@link Platform}). Accessors give every address and secret a client
 * needs; the operations let a test break and repair parts of the platform. Every operation
 * blocks until done. {@link #close()} stops the services (SIGTERM, SIGKILL after {@link #STOP_GRACE}), then
 * Kafka, then PostgreSQL; the data directory is kept, so a new platform on it finds
 * the same topics, databases, tokens and certificate.
 */
public final class RunningPlatform implements AutoCloseable {

    /** How long a service gets to end after SIGTERM: longer than the services' own SMTP shutdown grace ({@code yubin.smtp.shutdown-grace}, 20s) plus the publish timeout. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(45);

    private final PlatformConfig config;
    private final DataDir layout;
    private final Consumer<String> console;
    private final ScheduledExecutorService scheduler;
    private final ReadinessProbe probe;
    private final Infrastructure infra;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Guards every start step against a concurrent {@link #close()} (a Ctrl-C during startup). */
    private final Object lifecycle = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean started;
    private volatile ServiceCommand.Settings settings;

    RunningPlatform(PlatformConfig config, Consumer<String> console) {
        this.config = config;
        this.layout = new DataDir(config.dataDir());
        this.console = console;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "yubin-devstack-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        this.probe = new ReadinessProbe(scheduler);
        this.infra = new Infrastructure(new Infrastructure.Settings(layout.kafka(), layout.postgres(), layout.logs(),
                config.ports().kafka(), config.ports().kafkaController(), config.ports().postgres(),
                config.topicPartitions()));
    }

    /** Starts everything; on failure stops what was started and rethrows. Called once. */
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        }
        try {
            step(this::prepare);
            console.accept("starting PostgreSQL on 127.0.0.1:" + postgresPort());
            step(infra::startPostgres);
            console.accept("starting Kafka on " + kafkaBootstrap());
            step(infra::startKafka);
            if (!config.infraOnly()) {
                startServices();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The policy service first (every other one asks it), then the rest together; one deadline for all. */
    private void startServices() {
        Instant deadline = Instant.now().plus(config.readyTimeout());
        requireJar(Services.POLICY);
        step(() -> launch(Services.POLICY));
        probe.awaitAll(listeners(Services.POLICY), Duration.between(Instant.now(), deadline), closed::get);
        List<String> rest = Services.ALL.subList(1, Services.ALL.size());
        rest.forEach(name -> step(() -> launch(name)));
        probe.awaitAll(rest.stream().flatMap(name -> listeners(name).stream()).toList(),
                Duration.between(Instant.now(), deadline), closed::get);
    }

    /** Data directory, leftovers of a killed launcher, tokens, certificate, service commands, free ports. */
    private void prepare() {
        layout.create();
        new Leftovers(layout, console).stop();
        settings = resolveSettings();
        ServiceCommand commands = new ServiceCommand(config, settings);
        for (String name : Services.ALL) {
            services.put(name, new ServiceProcess(name, commands.command(name, layout.runJar(name)), config.environment(),
                    new ServiceProcess.Locations(config.serviceJar(name), layout.runJar(name), layout.log(name),
                            layout.pidFile(name)),
                    scheduler, console));
        }
        if (!config.infraOnly()) {
            Services.ALL.forEach(this::requireJar);
        }
        requireFree(config.ports().kafka(), "Kafka", "YUBIN_KAFKA_PORT");
        requireFree(config.ports().kafkaController(), "the Kafka controller", "YUBIN_KAFKA_CONTROLLER_PORT");
        requireFree(config.ports().postgres(), "PostgreSQL", "YUBIN_POSTGRES_PORT");
        if (!config.infraOnly()) {
            requireFree(settings.smtpPort(), "the MTA's SMTP listener", "YUBIN_MTA_SMTP_PORT");
            requireFree(settings.submissionPort(), "the MSA's submission listener", "YUBIN_MSA_SUBMISSION_PORT");
            requireFree(settings.submissionsPort(), "the MSA's submissions listener", "YUBIN_MSA_SUBMISSIONS_PORT");
            requireFree(settings.postfixPort(), "the policy service's Postfix listener", "YUBIN_POLICY_POSTFIX_PORT");
            for (String name : Services.ALL) {
                String prefix = name.substring(0, name.indexOf('-')).toUpperCase(Locale.ROOT);
                requireFree(httpPort(name), name + " HTTP", "YUBIN_DEVSTACK_" + prefix + "_HTTP_PORT");
            }
        }
    }

    /** A Spring property set in the services' environment wins: that is the value they will use. */
    private ServiceCommand.Settings resolveSettings() {
        SpringEnvironment env = new SpringEnvironment(config.environment());
        String admin = env.get("yubin.security.admin-token")
                .orElseGet(() -> TokenStore.resolve(config.adminToken(), layout.adminToken()));
        String internal = env.get("yubin.security.internal-token")
                .orElseGet(() -> TokenStore.resolve(config.internalToken(), layout.internalToken()));
        int smtp = port(env, "yubin.mta.smtp-port", config.ports().smtp());
        int submission = port(env, "yubin.msa.submission-port", config.ports().submission());
        int submissions = port(env, "yubin.msa.submissions-port", config.ports().submissions());
        int postfix = port(env, "yubin.policy.postfix.port", config.ports().postfix());
        return new ServiceCommand.Settings(admin, internal, SelfSignedCertificate.ensure(layout.tls()), smtp,
                submission, submissions, postfix);
    }

    private static int port(SpringEnvironment env, String property, int configured) {
        return env.get(property).map(String::trim).map(Integer::parseInt).orElse(configured);
    }

    // ---- accessors -------------------------------------------------------------------

    public PlatformConfig config() {
        return config;
    }

    public Path dataDir() {
        return layout.root();
    }

    /** The MTA's SMTP port (the effective one: {@code YUBIN_MTA_SMTP_PORT} in the environment wins). */
    public int smtpPort() {
        return settings().smtpPort();
    }

    /** The MSA's submission port, STARTTLS (the effective one: {@code YUBIN_MSA_SUBMISSION_PORT} wins). */
    public int submissionPort() {
        return settings().submissionPort();
    }

    /** The MSA's submissions port, implicit TLS (the effective one: {@code YUBIN_MSA_SUBMISSIONS_PORT} wins). */
    public int submissionsPort() {
        return settings().submissionsPort();
    }

    /** The policy service's Postfix policy delegation port (the effective one: {@code YUBIN_POLICY_POSTFIX_PORT} wins). */
    public int postfixPort() {
        return settings().postfixPort();
    }

    public int httpPort(String service) {
        return config.ports().http(service);
    }

    /** {@code http://127.0.0.1:PORT} of a service. */
    public String httpUrl(String service) {
        return "http://127.0.0.1:" + httpPort(service);
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String kafkaBootstrap() {
        return infra.kafka().bootstrapServers();
    }

    public int postgresPort() {
        return config.ports().postgres();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}; user {@code postgres}, no password. */
    public String jdbcUrl(String database) {
        return infra.postgres().jdbcUrl(database);
    }

    public String adminToken() {
        return settings().adminToken();
    }

    public String internalToken() {
        return settings().internalToken();
    }

    /** The self-signed certificate and key the SMTP listeners use. */
    public TlsFiles tls() {
        return settings().tls();
    }

    public Path logFile(String service) {
        return layout.log(Services.require(service));
    }

    /** The pid of a service's current process, if it runs. */
    public OptionalLong pid(String service) {
        return service(service).pid();
    }

    /** The command line a service is started with (for diagnostics). */
    public List<String> serviceCommand(String service) {
        return new ServiceCommand(config, settings()).command(Services.require(service), layout.runJar(service));
    }

    // ---- operations ------------------------------------------------------------------

    /** Stops a service (SIGTERM, then SIGKILL after {@link #STOP_GRACE}); it stays down. */
    public void stopService(String name) {
        service(name).stop(STOP_GRACE);
    }

    /** Starts a service (also after {@link #stopService}) and waits until it is ready. */
    public void startService(String name) {
        requireJar(Services.require(name));
        step(() -> launch(name));
        awaitReady(name);
    }

    /** SIGKILL, like a crash: the supervisor starts the service again; see {@link #awaitReady}. */
    public void killService(String name) {
        service(name).kill();
    }

    /** Waits until a service's listeners are ready (at most {@link PlatformConfig#readyTimeout()}). */
    public void awaitReady(String name) {
        probe.awaitAll(listeners(Services.require(name)), config.readyTimeout(), closed::get);
    }

    /** Controlled shutdown of the broker; services see Kafka down until {@link #startKafka()}. */
    public void stopKafka() {
        infra.stopKafka();
    }

    /** Starts the broker again on the same port and log; returns once it accepts connections. */
    public void startKafka() {
        step(infra::startKafka);
    }

    /** Stops services, Kafka and PostgreSQL, and removes the pid files. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            stopServices();
            console.accept("stopping Kafka and PostgreSQL");
            infra.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    // ---- internals -------------------------------------------------------------------

    private void launch(String name) {
        console.accept("starting " + name + " (log: " + layout.log(name) + ")");
        service(name).start();
    }

    /** Runs one start step unless the platform was closed meanwhile. */
    private void step(Runnable action) {
        synchronized (lifecycle) {
            if (closed.get()) {
                throw new IllegalStateException("the platform is closed");
            }
            action.run();
        }
    }

    private void stopServices() {
        List<ServiceProcess> running = services.values().stream().filter(ServiceProcess::isAlive).toList();
        if (!running.isEmpty()) {
            console.accept("stopping services");
        }
        ExecutorService stopper = Executors.newFixedThreadPool(Math.max(1, services.size()));
        try {
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            for (ServiceProcess service : services.values()) {
                stops.add(CompletableFuture.runAsync(() -> service.stop(STOP_GRACE), stopper));
            }
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        } finally {
            stopper.shutdown();
        }
    }

    private List<Listener> listeners(String name) {
        List<Listener> list = new ArrayList<>();
        list.add(Listener.http(name, httpPort(name)));
        if (name.equals(Services.MTA)) {
            list.add(Listener.tcp(name, "smtp", smtpPort()));
        }
        if (name.equals(Services.MSA)) {
            // a connect is enough: the probe need not speak TLS to know that the listener is up
            list.add(Listener.tcp(name, "submission", submissionPort()));
            list.add(Listener.tcp(name, "submissions", submissionsPort()));
        }
        return list;
    }

    private ServiceProcess service(String name) {
        ServiceProcess service = services.get(Services.require(name));
        if (service == null) {
            throw new IllegalStateException("the platform is not started");
        }
        return service;
    }

    private ServiceCommand.Settings settings() {
        if (settings == null) {
            throw new IllegalStateException("the platform is not started");
        }
        return settings;
    }

    private void requireJar(String name) {
        Path jar = config.serviceJar(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it first (mvn -DskipTests package; ./yubin does)");
        }
    }

    private void requireFree(int port, String what, String variable) {
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is in use (another devstack?); "
                    + "choose another with " + variable);
        }
    }
}
