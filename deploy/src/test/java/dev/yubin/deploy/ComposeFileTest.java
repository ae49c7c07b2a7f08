package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** docker-compose.yml, as docker-compose renders it with .env.example. */
class ComposeFileTest {

    private static final List<String> APP = Contract.SERVICES;
    private static JsonNode rendered;
    private static Properties example;

    @BeforeAll
    static void render() throws Exception {
        rendered = Compose.render(List.of());
        example = new Properties();
        try (InputStream in = Files.newInputStream(Repo.path(".env.example"))) {
            example.load(in);
        }
    }

    private static JsonNode service(String name) {
        JsonNode service = rendered.path("services").path(name);
        assertThat(service.isObject()).as("compose service %s", name).isTrue();
        return service;
    }

    @Test
    void configIsValidWithTheExampleSettings() {
        Compose.run(Repo.path(".env.example"), List.of(), "config", "-q").assertSuccess();
    }

    @Test
    void refusesToRunWithoutTokensAndPasswords(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.env"), "");
        Tools.Result result = Compose.run(empty, List.of(), "config", "-q");
        assertThat(result.exitCode()).as("config without settings").isNotZero();
        assertThat(result.stderr()).contains("in .env");
        // every required variable is one .env.example sets
        Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Repo.read("docker-compose.yml"));
        List<String> names = new ArrayList<>();
        while (required.find()) {
            names.add(required.group(1));
        }
        assertThat(names).as("required variables").contains("YUBIN_INTERNAL_TOKEN", "YUBIN_ADMIN_TOKEN");
        assertThat(Compose.exampleVariables()).containsAll(names);
    }

    @Test
    void renderedFileFollowsTheComposeSpecification() {
        Schema schema = composeSchema();
        List<Error> errors = schema.validate(rendered);
        assertThat(errors).as("Compose Specification errors").isEmpty();

        // the same check finds a mistake: it is not a schema that accepts anything
        ObjectNode broken = (ObjectNode) rendered.deepCopy();
        ((ObjectNode) broken.path("services").path("mta-service")).put("port", "25:2525");
        assertThat(schema.validate(broken))
                .as("errors for an unknown service key").isNotEmpty();
    }

    /**
     * The schema is draft 2019-09 but names its sub-schemas with draft 4's "id", which 2019-09
     * knows only as an annotation: read it as one.
     */
    static Schema composeSchema() {
        Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
        SchemaRegistry registry = SchemaRegistry.withDialect(dialect);
        return registry.getSchema(ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json"),
                InputFormat.JSON);
    }

    /** The MSA does not start without its certificate; the MTA and MDA offer TLS with it. */
    @Test
    void theMailListenersReadTheirCertificateFromTheTlsDirectory() {
        String directory = Repo.ROOT.resolve(example.getProperty("YUBIN_TLS_DIR")).normalize().toString();
        for (String name : List.of("mta-service", "msa-service", "mda-service")) {
            JsonNode env = service(name).path("environment");
            assertThat(Repo.text(env.path("SPRING_SSL_BUNDLE_PEM_SMTP_KEYSTORE_CERTIFICATE")))
                    .as("%s certificate", name).isEqualTo("file:/etc/yubin/tls/" + example.getProperty("YUBIN_TLS_CERTIFICATE"));
            assertThat(Repo.text(env.path("SPRING_SSL_BUNDLE_PEM_SMTP_KEYSTORE_PRIVATEKEY")))
                    .as("%s key", name).isEqualTo("file:/etc/yubin/tls/" + example.getProperty("YUBIN_TLS_PRIVATE_KEY"));
            assertThat(Repo.text(env.path("SPRING_SSL_BUNDLE_PEM_SMTP_RELOADONUPDATE"))).isEqualTo("true");
            List<String> volumes = new ArrayList<>();
            service(name).path("volumes").forEach(v -> volumes.add(Repo.text(v)));
            assertThat(volumes).as("%s volumes", name).contains(directory + ":/etc/yubin/tls:ro");
        }
    }

    @Test
    void everyListenerOfTheContractIsPublishedOnItsStandardPort() {
        for (Contract.Listener listener : Contract.LISTENERS) {
            List<Compose.Port> ports = Compose.ports(service(listener.service()));
            assertThat(ports).as("%s: %d → %d", listener.service(), listener.productionPort(), listener.containerPort())
                    .anySatisfy(port -> {
                        assertThat(port.published()).isEqualTo(listener.productionPort());
                        assertThat(port.target()).isEqualTo(listener.containerPort());
                        if (listener.publicListener()) {
                            assertThat(port.allInterfaces()).as("public listener on every interface").isTrue();
                        } else {
                            assertThat(port.hostIp()).as("unauthenticated listener on loopback only").isEqualTo("127.0.0.1");
                        }
                    });
        }
        for (String name : APP) {
            for (Compose.Port port : Compose.ports(service(name))) {
                if (port.target() == Contract.HTTP_PORT) {
                    assertThat(port.hostIp()).as("%s HTTP published on loopback only", name).isEqualTo("127.0.0.1");
                }
            }
        }
        // the ./yubin admin CLI finds the APIs where the devstack has them
        assertThat(Compose.ports(service("policy-service"))).contains(new Compose.Port("127.0.0.1", 8084, 8080));
        assertThat(Compose.ports(service("mda-service"))).contains(new Compose.Port("127.0.0.1", 8083, 8080));
    }

    @Test
    void imagesArePinnedAndTheServicesAreBuiltFromTheDockerfile() {
        rendered.path("services").properties().forEach(entry -> {
            String image = Repo.text(entry.getValue().path("image"));
            assertThat(image).as("image of %s", entry.getKey()).isNotNull().contains(":");
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(tag).as("tag of %s", entry.getKey()).isNotBlank().isNotEqualTo("latest");
        });
        assertThat(Repo.text(service("kafka").path("image"))).startsWith("apache/kafka:");
        assertThat(Repo.text(service("postgres").path("image"))).startsWith("postgres:");
        for (String name : APP) {
            JsonNode build = service(name).path("build");
            assertThat(Repo.text(build.path("dockerfile"))).isEqualTo("deploy/docker/Dockerfile");
            assertThat(Repo.text(build.path("args").path("SERVICE"))).isEqualTo(name);
            assertThat(Path.of(Repo.text(build.path("context")))).isEqualTo(Repo.ROOT);
            assertThat(Repo.text(service(name).path("image"))).startsWith("yubin/" + name + ":");
        }
    }

    @Test
    void servicesStartOnlyWhenWhatTheyNeedIsHealthy() {
        assertCondition("kafka-topics", "kafka", "service_healthy");
        assertCondition("policy-service", "postgres", "service_healthy");
        assertCondition("mda-service", "postgres", "service_healthy");
        for (String name : List.of("mta-service", "msa-service", "mda-service")) {
            assertCondition(name, "kafka-topics", "service_completed_successfully");
            assertCondition(name, "policy-service", "service_healthy");
        }
        // whatever is waited for as healthy has a health check
        rendered.path("services").properties().forEach(entry -> entry.getValue().path("depends_on").properties()
                .forEach(dependency -> {
                    if ("service_healthy".equals(Repo.text(dependency.getValue().path("condition")))) {
                        assertThat(service(dependency.getKey()).path("healthcheck").path("test").isArray())
                                .as("health check of %s (%s waits for it)", dependency.getKey(), entry.getKey())
                                .isTrue();
                    }
                }));
        for (String name : APP) {
            assertThat(service(name).path("healthcheck").path("test").toString())
                    .as("%s health check", name).contains("/actuator/health/readiness");
        }
        assertThat(Repo.text(service("kafka-topics").path("restart"))).as("one-shot job").isEqualTo("no");
    }

    private static void assertCondition(String service, String dependency, String condition) {
        assertThat(Repo.text(service(service).path("depends_on").path(dependency).path("condition")))
                .as("%s depends_on %s", service, dependency).isEqualTo(condition);
    }

    @Test
    void settingsComeFromTheEnvironmentAndDotEnv() {
        for (String name : APP) {
            JsonNode env = service(name).path("environment");
            assertThat(Repo.text(env.path("YUBIN_SECURITY_INTERNAL_TOKEN"))).as("%s internal token", name)
                    .isEqualTo(example.getProperty("YUBIN_INTERNAL_TOKEN"));
            assertThat(Repo.text(env.path("SPRING_KAFKA_BOOTSTRAP_SERVERS"))).isEqualTo("kafka:9092");
            assertThat(Repo.text(env.path("YUBIN_POLICY_URL"))).isEqualTo("http://policy-service:8080");
            assertThat(durationOf(Repo.text(service(name).path("stop_grace_period"))))
                    .as("%s stop_grace_period", name).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        }
        for (Map.Entry<String, String> db : Map.of("policy-service", "yubin_policy", "mda-service", "yubin_mda").entrySet()) {
            JsonNode env = service(db.getKey()).path("environment");
            assertThat(Repo.text(env.path("SPRING_DATASOURCE_URL")))
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + db.getValue());
            assertThat(Repo.text(env.path("SPRING_DATASOURCE_USERNAME"))).isEqualTo(db.getValue());
            assertThat(Repo.text(env.path("YUBIN_SECURITY_ADMIN_TOKEN")))
                    .isEqualTo(example.getProperty("YUBIN_ADMIN_TOKEN"));
        }
        assertThat(Repo.text(service("mta-service").path("environment").path("YUBIN_MTA_HOSTNAME")))
                .isEqualTo(example.getProperty("YUBIN_MTA_HOSTNAME"));
        assertThat(Repo.text(service("msa-service").path("environment").path("YUBIN_MSA_HOSTNAME")))
                .isEqualTo(example.getProperty("YUBIN_MSA_HOSTNAME"));
    }

    @Test
    void kafkaIsASingleKraftNodeAndDataLivesOnNamedVolumes() {
        JsonNode kafkaEnv = service("kafka").path("environment");
        assertThat(Repo.text(kafkaEnv.path("KAFKA_PROCESS_ROLES"))).isEqualTo("broker,controller");
        assertThat(Repo.text(kafkaEnv.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))).isEqualTo("false");
        assertThat(volumes("kafka")).contains("kafka-data:" + Repo.text(kafkaEnv.path("KAFKA_LOG_DIRS")));
        assertThat(volumes("postgres")).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(volumes("postgres")).anyMatch(v -> v.endsWith(":/docker-entrypoint-initdb.d/10-yubin-databases.sh"));
        assertThat(rendered.path("volumes").propertyNames()).contains("kafka-data", "postgres-data");
        assertThat(volumes("kafka-topics")).anyMatch(v -> v.endsWith("deploy/docker/kafka/create-topics.sh:/opt/yubin/create-topics.sh"));
    }

    /** Volume specs without the ":rw"/":ro" suffix. */
    private static List<String> volumes(String name) {
        List<String> volumes = new ArrayList<>();
        service(name).path("volumes").forEach(v -> volumes.add(Repo.text(v).replaceAll(":(rw|ro)$", "")));
        return volumes;
    }

    private static Duration durationOf(String compose) {
        Matcher m = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(compose);
        assertThat(m.matches()).as("duration %s", compose).isTrue();
        long minutes = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long seconds = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return Duration.ofMinutes(minutes).plusSeconds(seconds);
    }
}
