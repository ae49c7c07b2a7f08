package dev.yubin.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceCommandTest {

    private static final TlsFiles TLS = new TlsFiles(Path.of("/d/tls/cert.pem"), Path.of("/d/tls/key.pem"));
    private static final ServiceCommand.Settings SETTINGS = new ServiceCommand.Settings("adm", "int", TLS, 2525, 2587, 2465, 9998);

    private final PlatformConfig config = PlatformConfig.fromEnvironment(Map.of(), Path.of("/d"), Path.of("/repo"));

    @Test
    void everyServiceIsConnectedToThisDevstack() {
        List<String> args = new ServiceCommand(config, SETTINGS).springArgs(Services.MDA);

        assertThat(args).contains(
                "--server.port=8083",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                "--yubin.policy.url=http://127.0.0.1:8084",
                "--yubin.security.internal-token=int",
                "--yubin.security.admin-token=adm",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/yubin_mda",
                "--spring.datasource.username=postgres");
    }

    @Test
    void thePolicyServiceGetsItsDatabaseAndItsPostfixListenerOnLoopback() {
        List<String> args = new ServiceCommand(config, SETTINGS).springArgs(Services.POLICY);

        assertThat(args).contains(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/yubin_policy",
                "--yubin.policy.postfix.port=9998",
                "--yubin.policy.postfix.bind-address=127.0.0.1");
    }

    @Test
    void thePolicyServiceTrustsTheLocalClientUnlessTheEnvironmentSaysOtherwise() {
        assertThat(new ServiceCommand(config, SETTINGS).springArgs(Services.POLICY))
                .contains("--yubin.policy.trusted-networks=127.0.0.1/32");

        PlatformConfig withEnv = config.withEnvironment(Map.of("YUBIN_POLICY_TRUSTED_NETWORKS", "192.0.2.0/24"));
        assertThat(new ServiceCommand(withEnv, SETTINGS).springArgs(Services.POLICY))
                .noneMatch(a -> a.startsWith("--yubin.policy.trusted-networks"));
    }

    @Test
    void theMtaGetsItsSmtpListenerAndTheCertificate() {
        List<String> args = new ServiceCommand(config, SETTINGS).springArgs(Services.MTA);

        assertThat(args).contains(
                "--yubin.mta.smtp-port=2525",
                "--yubin.mta.bind-address=127.0.0.1",
                "--spring.ssl.bundle.pem.smtp.keystore.certificate=file:/d/tls/cert.pem",
                "--spring.ssl.bundle.pem.smtp.keystore.private-key=file:/d/tls/key.pem")
                .noneMatch(a -> a.startsWith("--spring.datasource"));
    }

    @Test
    void theMsaGetsBothSubmissionListenersOnLoopbackAndTheCertificate() {
        List<String> args = new ServiceCommand(config, SETTINGS).springArgs(Services.MSA);

        assertThat(args).contains(
                "--server.port=8081",
                "--yubin.msa.submission-port=2587",
                "--yubin.msa.submissions-port=2465",
                "--yubin.msa.bind-address=127.0.0.1",
                "--spring.ssl.bundle.pem.smtp.keystore.certificate=file:/d/tls/cert.pem",
                "--spring.ssl.bundle.pem.smtp.keystore.private-key=file:/d/tls/key.pem")
                .noneMatch(a -> a.startsWith("--yubin.mta.") || a.startsWith("--spring.datasource"));
    }

    @Test
    void submissionPortsTheEnvironmentSetsGetNoArgument() {
        PlatformConfig withEnv = config.withEnvironment(Map.of(
                "YUBIN_MSA_SUBMISSION_PORT", "3587", "YUBIN_MSA_SUBMISSIONSPORT", "3465", "YUBIN_MSA_BIND_ADDRESS", "::1"));

        List<String> args = new ServiceCommand(withEnv, SETTINGS).springArgs(Services.MSA);

        assertThat(args).noneMatch(a -> a.startsWith("--yubin.msa.submission-port"))
                .noneMatch(a -> a.startsWith("--yubin.msa.submissions-port"))
                .noneMatch(a -> a.startsWith("--yubin.msa.bind-address"))
                .contains("--server.port=8081");
    }

    @Test
    void aPropertyTheEnvironmentSetsGetsNoArgument() {
        PlatformConfig withEnv = config.withEnvironment(Map.of(
                "YUBIN_MTA_SMTP_PORT", "3525", "SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:9092"));

        List<String> args = new ServiceCommand(withEnv, SETTINGS).springArgs(Services.MTA);

        assertThat(args).noneMatch(a -> a.startsWith("--yubin.mta.smtp-port"))
                .noneMatch(a -> a.startsWith("--spring.kafka.bootstrap-servers"))
                .contains("--server.port=8082");
    }

    @Test
    void extraArgumentsComeLastAndReplaceTheLaunchersValue() {
        PlatformConfig withExtra = config.withExtraArgs(Services.MTA,
                "--yubin.mta.relay-networks=127.0.0.1/32", "--server.port=9999");

        List<String> args = new ServiceCommand(withExtra, SETTINGS).springArgs(Services.MTA);

        assertThat(args).doesNotContain("--server.port=8082")
                .endsWith("--yubin.mta.relay-networks=127.0.0.1/32", "--server.port=9999");
    }

    @Test
    void theCommandRunsTheServiceJarOnThisJvmWithTheJvmOptions() {
        List<String> command = new ServiceCommand(config, SETTINGS).command(Services.POLICY, Path.of("/d/run/policy-service.jar"));

        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).containsSubsequence("-XX:+UseSerialGC", "-Xmx256m", "-jar",
                "/d/run/policy-service.jar", "--server.port=8084");
    }

    @Test
    void springRelaxedBindingNames() {
        assertThat(SpringEnvironment.envNames("yubin.mta.smtp-port"))
                .containsExactly("YUBIN_MTA_SMTPPORT", "YUBIN_MTA_SMTP_PORT");
        assertThat(new SpringEnvironment(Map.of("YUBIN_SECURITY_ADMIN_TOKEN", "t")).get("yubin.security.admin-token"))
                .contains("t");
        assertThat(ServiceCommand.propertyName("--a.b-c=1=2")).isEqualTo("a.b-c");
        assertThat(ServiceCommand.propertyName("-Dx")).isNull();
    }
}
