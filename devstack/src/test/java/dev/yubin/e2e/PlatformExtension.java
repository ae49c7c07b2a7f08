package dev.yubin.e2e;

import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.devstack.launcher.Platform;
import dev.yubin.devstack.launcher.PlatformConfig;
import dev.yubin.devstack.launcher.RunningPlatform;
import dev.yubin.devstack.launcher.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole platform once per test run — embedded Kafka and PostgreSQL, and the four
 * service jars as their own processes, exactly as {@code ./yubin up} does — and hands the
 * running platform to every end-to-end test that asks for it. Every DNS question of the policy
 * service and the MTA goes to one {@link TestDnsServer} on 127.0.0.1 that the tests fill: a name
 * no test has added does not exist, as on the Internet for {@code .example} and {@code .test}.
 */
public final class PlatformExtension implements ParameterResolver {

    /** Small enough that the oversize test need not send 25 MiB. */
    static final int MAX_MESSAGE_SIZE = 1024 * 1024;
    /** The name the MTA announces, and that the policy service's HELO check knows as its own. */
    static final String MTA_HOSTNAME = "mx.e2e.yubin.test";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Stack.class, key -> start(), Stack.class);
    }

    private static Stack start() {
        try {
            Path repoRoot = Path.of(System.getProperty("yubin.repo-root", "..")).toAbsolutePath().normalize();
            Path dataDir = Files.createTempDirectory("yubin-e2e");
            TestDnsServer dns = TestDnsServer.start();
            String resolver = "--yubin.dns.servers=127.0.0.1:" + dns.port();
            int remoteMxPort = freePort();
            PlatformConfig config = PlatformConfig.randomPorts(dataDir, repoRoot)
                    .withExtraArgs("mta-service", "--yubin.smtp.max-message-size=" + MAX_MESSAGE_SIZE,
                            "--yubin.mta.max-errors=10", resolver)
                    // remote MXs are test servers on 127.0.0.x:remoteMxPort; a greylisting one is retried within seconds
                    .withExtraArgs("mta-service", "--yubin.relay.smtp-port=" + remoteMxPort,
                            "--yubin.relay.retry.first=2s", "--yubin.relay.retry.max=4s")
                    .withExtraArgs("policy-service", "--yubin.mta.relay-networks=192.0.2.0/24", resolver)
                    // AbuseRefusalIT: its clients come from 127.0.0.x (127.0.0.1 is trusted, see ServiceCommand);
                    // two DNSBL zones must add up to the threshold; a greylisted triplet passes after seconds;
                    // a silent DNS zone times out well within the MTA's policy read timeout
                    .withExtraArgs("policy-service", "--yubin.policy.dnsbl.zones=black.bl.test=2,grey.bl.test=1,dim.bl.test=1",
                            "--yubin.policy.dnsbl.threshold=2", "--yubin.policy.greylist.enabled=true",
                            "--yubin.policy.greylist.delay=3s", "--yubin.mta.hostname=" + MTA_HOSTNAME, "--yubin.dns.timeout=1s")
                    // the MTA announces the name the policy service knows as ours; early talkers are dropped;
                    // a stopped policy service is asked again 2 s after the breaker opened
                    .withExtraArgs("mta-service", "--yubin.mta.hostname=" + MTA_HOSTNAME, "--yubin.mta.greet-delay=200ms",
                            "--yubin.policy.circuit-breaker.open-for=2s");
            List<Path> missing = Services.ALL.stream().map(config::serviceJar).filter(jar -> !Files.isRegularFile(jar)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("service jars missing, build them first (mvn -DskipTests package): " + missing);
            }
            return new Stack(Platform.start(config), dns, remoteMxPort);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the platform", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The running platform, the DNS server it asks and the port its relay connects to on every
     * remote MX, closed when the test run ends.
     */
    public record Stack(RunningPlatform platform, TestDnsServer dns, int remoteMxPort) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            try {
                platform.close();
            } finally {
                dns.close();
            }
        }
    }
}
