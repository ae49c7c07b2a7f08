package dev.yubin.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

import dev.yubin.devstack.cli.YubinCli;
import dev.yubin.e2e.PlatformExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The whole platform as processes, from the service jars of this checkout (the reactor builds
 * them before devstack), shared with the end-to-end mail flow tests. Fails, rather than skips,
 * when a jar is missing. Run it alone with
 * {@code mvn -o -pl devstack verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PlatformIT}.
 */
@Tag("platform")
@ExtendWith(PlatformExtension.class)
class PlatformIT {

    @Test
    void everyServiceBecomesReadyACrashedOneComesBackAndTheCliTalksToPolicy(PlatformExtension.Stack stack) throws Exception {
        RunningPlatform yubin = stack.platform();
        try {
            for (String service : Services.ALL) {
                assertThat(status(yubin.httpUrl(service) + "/actuator/health/readiness")).as(service).isEqualTo(200);
            }
            assertThat(smtpGreeting(yubin.smtpPort())).startsWith("220 ");

            long mdaPid = yubin.pid(Services.MDA).orElseThrow();
            yubin.killService(Services.MDA);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> yubin.pid(Services.MDA).orElse(mdaPid) != mdaPid);
            yubin.awaitReady(Services.MDA);
            assertThat(status(yubin.httpUrl(Services.MDA) + "/actuator/health/readiness")).isEqualTo(200);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = YubinCli.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            String[] connection = {"--policy-url", yubin.httpUrl(Services.POLICY), "--token", yubin.adminToken()};
            assertThat(cli.execute(concat(new String[] {"domain", "add", "platform-it.test"}, connection)))
                    .as("stderr: %s", err).isZero();
            assertThat(cli.execute(concat(new String[] {"domain", "list"}, connection))).as("stderr: %s", err).isZero();
            assertThat(out.toString()).contains("domain platform-it.test added", "platform-it.test");
        } catch (AssertionError | RuntimeException e) {
            printLogs(yubin);
            throw e;
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String smtpGreeting(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    /** The tail of each service log, so a failure in the lead's CI shows why. */
    private static void printLogs(RunningPlatform yubin) {
        for (String service : Services.ALL) {
            try {
                List<String> lines = Files.readAllLines(yubin.logFile(service), StandardCharsets.UTF_8);
                System.out.println("==== " + service + " (last 60 lines) ====");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
            } catch (IOException | RuntimeException e) {
                System.out.println("==== " + service + ": no log (" + e.getMessage() + ")");
            }
        }
    }
}
