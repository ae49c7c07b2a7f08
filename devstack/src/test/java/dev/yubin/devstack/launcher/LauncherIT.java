package dev.yubin.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.yubin.devstack.cli.YubinCli;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher's process handling (start order, arguments, pid files, readiness, supervision,
 * stop) and the admin CLI, with {@link FakeService} jars standing in for the services.
 */
class LauncherIT {

    @TempDir
    Path tmp;

    private final List<String> console = new CopyOnWriteArrayList<>();

    @Test
    void servicesAreStartedSupervisedAndStopped() throws Exception {
        PlatformConfig config = PlatformConfig.randomPorts(tmp.resolve("data"), FakeRepo.create(tmp.resolve("repo")))
                .withExtraArgs(Services.MTA, "--yubin.mta.relay-networks=127.0.0.1/32")
                .withReadyTimeout(Duration.ofSeconds(120));
        long mdaPid;
        List<Long> pids;
        try (RunningPlatform yubin = Platform.start(config, this::log)) {
            pids = Services.ALL.stream().map(s -> yubin.pid(s).orElseThrow()).toList();
            for (String service : Services.ALL) {
                assertThat(Files.readString(yubin.dataDir().resolve("run/" + service + ".pid")).trim())
                        .isEqualTo(String.valueOf(yubin.pid(service).orElseThrow()));
                assertThat(yubin.logFile(service)).exists();
            }
            assertThat(get(yubin.httpUrl(Services.MTA) + "/args")).contains(
                    "--yubin.mta.smtp-port=" + yubin.smtpPort(),
                    "--yubin.mta.relay-networks=127.0.0.1/32",
                    "--spring.kafka.bootstrap-servers=" + yubin.kafkaBootstrap(),
                    "--yubin.security.admin-token=" + yubin.adminToken());
            assertThat(smtpGreeting(yubin.smtpPort())).startsWith("220 ");
            assertThat(get(yubin.httpUrl(Services.MSA) + "/args")).contains(
                    "--yubin.msa.submission-port=" + yubin.submissionPort(),
                    "--yubin.msa.submissions-port=" + yubin.submissionsPort(),
                    "--yubin.msa.bind-address=127.0.0.1");
            assertThat(smtpGreeting(yubin.submissionPort())).startsWith("220 ");
            assertThat(smtpGreeting(yubin.submissionsPort())).startsWith("220 ");
            assertThat(get(yubin.httpUrl(Services.POLICY) + "/args"))
                    .contains("--yubin.policy.postfix.port=" + yubin.postfixPort());

            mdaPid = yubin.pid(Services.MDA).orElseThrow();
            yubin.killService(Services.MDA);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> yubin.pid(Services.MDA).orElse(mdaPid) != mdaPid);
            yubin.awaitReady(Services.MDA);
            assertThat(console).contains("mda-service exited (code 137), restarting");
            assertThat(Files.readString(yubin.dataDir().resolve("run/mda-service.pid")).trim())
                    .isEqualTo(String.valueOf(yubin.pid(Services.MDA).orElseThrow()));

            yubin.stopService(Services.MSA);
            assertThat(yubin.pid(Services.MSA)).isEmpty();
            assertThat(yubin.dataDir().resolve("run/msa-service.pid")).doesNotExist();
            yubin.startService(Services.MSA);
            assertThat(yubin.pid(Services.MSA)).isPresent();

            StringWriter out = new StringWriter();
            CommandLine cli = YubinCli.commandLine();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("domain", "add", "example.test",
                    "--policy-url", yubin.httpUrl(Services.POLICY), "--token", yubin.adminToken())).isZero();
            assertThat(out.toString()).isEqualTo("domain example.test added" + System.lineSeparator());
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));
            assertThat(cli.execute("domain", "list", "--policy-url", yubin.httpUrl(Services.POLICY), "--token", "wrong"))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("yubin: bad admin token (GET ");
        }
        assertThat(console).doesNotContain("msa-service exited (code 143), restarting");
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d", pid).isNotEqualTo(java.util.Optional.of(true));
        }
        try (var files = Files.list(config.dataDir().resolve("run"))) {
            assertThat(files).isEmpty();
        }
    }

    private void log(String line) {
        console.add(line);
        System.out.println("yubin: " + line);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static String smtpGreeting(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
