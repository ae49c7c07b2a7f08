package dev.yubin.devstack.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one service process: {@code java <jvm options> -jar <jar> <spring args>}.
 * Arguments connect the service to this devstack (ports, broker, databases, tokens, TLS files);
 * a property the environment already sets gets no argument (see {@link SpringEnvironment}),
 * and the test's extra arguments come last, replacing ours for the same property.
 */
final class ServiceCommand {

    private final PlatformConfig config;
    private final SpringEnvironment environment;
    private final Settings settings;

    /**
     * Values resolved once per platform: tokens, TLS files and the effective ports of the mail
     * listeners (a port the environment sets wins over the configured one).
     */
    record Settings(String adminToken, String internalToken, TlsFiles tls, int smtpPort, int submissionPort,
                    int submissionsPort, int postfixPort) {}

    ServiceCommand(PlatformConfig config, Settings settings) {
        this.config = config;
        this.environment = new SpringEnvironment(config.environment());
        this.settings = settings;
    }

    /** The command running {@code jar} (the launcher's copy of the service jar) as {@code service}. */
    List<String> command(String service, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(config.serviceJvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(springArgs(service));
        return command;
    }

    List<String> springArgs(String service) {
        Map<String, String> props = new LinkedHashMap<>();
        // each service its own port: SERVER_PORT in the environment would clash, so always set
        props.put("server.port", String.valueOf(config.ports().http(service)));
        devstackSettings(service).forEach((name, value) -> {
            if (!environment.isSet(name)) {
                props.put(name, value);
            }
        });
        List<String> extra = config.extraArgs().getOrDefault(service, List.of());
        // a repeated argument would reach Spring as "a,b": the test's value replaces ours
        extra.stream().map(ServiceCommand::propertyName).forEach(props::remove);
        List<String> args = new ArrayList<>();
        props.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(extra);
        return args;
    }

    /** What connects {@code service} to this devstack, unless its environment says otherwise. */
    private Map<String, String> devstackSettings(String service) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.address", "127.0.0.1");
        props.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + config.ports().kafka());
        props.put("yubin.policy.url", "http://127.0.0.1:" + config.ports().http(Services.POLICY));
        props.put("yubin.security.internal-token", settings.internalToken());
        props.put("yubin.security.admin-token", settings.adminToken());
        // readiness is what the launcher waits for; Boot exposes it outside Kubernetes only when asked
        props.put("management.endpoint.health.probes.enabled", "true");
        switch (service) {
            case Services.POLICY -> {
                datasource(props, "yubin_policy");
                // not probed for readiness: it may be disabled, and when enabled it binds before
                // the service reports ready (a port in use stops the service)
                props.put("yubin.policy.postfix.port", String.valueOf(settings.postfixPort()));
                props.put("yubin.policy.postfix.bind-address", "127.0.0.1");
                // a local swaks or load test (bare-word HELO, made-up sender domain, many
                // connections a minute) is not judged as a stranger would be; other loopback
                // addresses (127.0.0.2...) still get every check (docs/policy.md, trusted networks)
                props.put("yubin.policy.trusted-networks", "127.0.0.1/32");
            }
            case Services.MDA -> datasource(props, "yubin_mda");
            case Services.MTA -> {
                props.put("yubin.mta.smtp-port", String.valueOf(settings.smtpPort()));
                props.put("yubin.mta.bind-address", "127.0.0.1");
                tls(props);
            }
            case Services.MSA -> {
                props.put("yubin.msa.submission-port", String.valueOf(settings.submissionPort()));
                props.put("yubin.msa.submissions-port", String.valueOf(settings.submissionsPort()));
                // the service's default is every interface: a devstack stays on this machine
                props.put("yubin.msa.bind-address", "127.0.0.1");
                tls(props);
            }
            default -> throw new IllegalArgumentException(service);
        }
        return props;
    }

    private void datasource(Map<String, String> props, String database) {
        props.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + config.ports().postgres() + "/" + database);
        props.put("spring.datasource.username", "postgres");
    }

    private void tls(Map<String, String> props) {
        props.put("spring.ssl.bundle.pem.smtp.keystore.certificate", "file:" + settings.tls().certificate());
        props.put("spring.ssl.bundle.pem.smtp.keystore.private-key", "file:" + settings.tls().privateKey());
    }

    /** {@code --name=value} → {@code name}; anything else → {@code null}. */
    static String propertyName(String arg) {
        if (!arg.startsWith("--")) {
            return null;
        }
        int eq = arg.indexOf('=');
        return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
    }

    /** The java of the running JVM, so services run on the JDK the user started us with. */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
