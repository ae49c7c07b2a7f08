package dev.yubin.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PlatformConfigTest {

    private static final Path DATA = Path.of("/tmp/yubin-data");
    private static final Path REPO = Path.of("/src/yubin");

    @Test
    void defaultsAreTheDevstackPortsOfTheContract() {
        PlatformConfig config = PlatformConfig.fromEnvironment(Map.of(), DATA, REPO);

        assertThat(config.ports()).isEqualTo(PlatformConfig.Ports.defaults());
        assertThat(config.ports().kafka()).isEqualTo(19092);
        assertThat(config.ports().postgres()).isEqualTo(15432);
        assertThat(config.ports().smtp()).isEqualTo(2525);
        assertThat(config.ports().submission()).isEqualTo(2587);
        assertThat(config.ports().submissions()).isEqualTo(2465);
        assertThat(config.ports().postfix()).isEqualTo(9998);
        assertThat(config.ports().http(Services.MSA)).isEqualTo(8081);
        assertThat(config.ports().http(Services.MTA)).isEqualTo(8082);
        assertThat(config.ports().http(Services.MDA)).isEqualTo(8083);
        assertThat(config.ports().http(Services.POLICY)).isEqualTo(8084);
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.serviceJvmOptions()).containsExactly(
                "-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-XX:MaxMetaspaceSize=192m", "-Dfile.encoding=UTF-8");
        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(config.adminToken()).isNull();
        assertThat(config.serviceJar(Services.MDA)).isEqualTo(REPO.resolve("mda-service/target/mda-service.jar"));
    }

    @Test
    void environmentOverridesEveryPortTokenAndOption() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("YUBIN_KAFKA_PORT", "29092"), Map.entry("YUBIN_KAFKA_CONTROLLER_PORT", "29093"),
                Map.entry("YUBIN_POSTGRES_PORT", "25432"), Map.entry("YUBIN_MTA_SMTP_PORT", "3525"),
                Map.entry("YUBIN_MSA_SUBMISSION_PORT", "3587"), Map.entry("YUBIN_MSA_SUBMISSIONS_PORT", "3465"),
                Map.entry("YUBIN_POLICY_POSTFIX_PORT", "9999"),
                Map.entry("YUBIN_DEVSTACK_MTA_HTTP_PORT", "9082"), Map.entry("YUBIN_DEVSTACK_POLICY_HTTP_PORT", "9084"),
                Map.entry("YUBIN_ADMIN_TOKEN", "admin"), Map.entry("YUBIN_INTERNAL_TOKEN", "internal"),
                Map.entry("YUBIN_KAFKA_PARTITIONS", "2"), Map.entry("YUBIN_SERVICE_JAVA_OPTS", "-Xmx512m  -Dx=y"),
                Map.entry("YUBIN_READY_TIMEOUT", "30"));

        PlatformConfig config = PlatformConfig.fromEnvironment(env, DATA, REPO);

        assertThat(config.ports()).isEqualTo(new PlatformConfig.Ports(29092, 29093, 25432, 3525, 3587, 3465, 9999, Map.of(
                Services.MSA, 8081, Services.MTA, 9082, Services.MDA, 8083, Services.POLICY, 9084)));
        assertThat(config.adminToken()).isEqualTo("admin");
        assertThat(config.internalToken()).isEqualTo("internal");
        assertThat(config.topicPartitions()).isEqualTo(2);
        assertThat(config.serviceJvmOptions()).containsExactly("-Xmx512m", "-Dx=y");
        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.environment()).isEqualTo(env);
    }

    @Test
    void randomPortsAreDistinctAndTheEnvironmentIsScrubbed() {
        PlatformConfig config = PlatformConfig.randomPorts(DATA, REPO);

        PlatformConfig.Ports p = config.ports();
        Set<Integer> all = new HashSet<>(List.of(p.kafka(), p.kafkaController(), p.postgres(), p.smtp(),
                p.submission(), p.submissions(), p.postfix()));
        all.addAll(p.http().values());
        assertThat(all).hasSize(11);
        assertThat(config.environment().keySet()).noneMatch(k -> k.startsWith("YUBIN_") || k.startsWith("SPRING_"));
        assertThat(config.infraOnly()).isFalse();
    }

    @Test
    void eachPortCanBeReplacedAlone() {
        PlatformConfig.Ports defaults = PlatformConfig.Ports.defaults();

        PlatformConfig.Ports ports = defaults.withSubmission(3587).withSubmissions(3465).withPostfix(9999).withSmtp(3525);

        assertThat(ports).isEqualTo(new PlatformConfig.Ports(19092, 19093, 15432, 3525, 3587, 3465, 9999, defaults.http()));
    }

    @Test
    void extraArgsAccumulatePerServiceAndUnknownServicesAreRefused() {
        PlatformConfig config = PlatformConfig.randomPorts(DATA, REPO)
                .withExtraArgs(Services.MTA, "--a=1")
                .withExtraArgs(Services.MTA, "--b=2");

        assertThat(config.extraArgs()).containsEntry(Services.MTA, List.of("--a=1", "--b=2"));
        assertThatThrownBy(() -> config.withExtraArgs("smtp-service", "--x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown service");
    }

    @Test
    void aBadNumberInTheEnvironmentIsReported() {
        assertThatThrownBy(() -> PlatformConfig.fromEnvironment(Map.of("YUBIN_KAFKA_PORT", "x"), DATA, REPO))
                .hasMessageContaining("not a number: 'x'");
    }
}
