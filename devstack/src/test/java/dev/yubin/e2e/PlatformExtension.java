package dev.yubin.e2e;

import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.devstack.launcher.Platform;
import dev.yubin.devstack.launcher.PlatformConfig;
import dev.yubin.devstack.launcher.RunningPlatform;
import dev.yubin.devstack.launcher.Services;
import java.io.IOException;
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
            PlatformConfig config = PlatformConfig.randomPorts(dataDir, repoRoot)
                    .withExtraArgs("mta-service", "--yubin.smtp.max-message-size=" + MAX_MESSAGE_SIZE,
                            "--yubin.mta.max-errors=10", resolver)
                    .withExtraArgs("policy-service", "--yubin.mta.relay-networks=192.0.2.0/24", resolver);
            List<Path> missing = Services.ALL.stream().map(config::serviceJar).filter(jar -> !Files.isRegularFile(jar)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("service jars missing, build them first (mvn -DskipTests package): " + missing);
            }
            return new Stack(Platform.start(config), dns);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the platform", e);
        }
    }

    /** The running platform and the DNS server it asks, closed when the test run ends. */
    public record Stack(RunningPlatform platform, TestDnsServer dns) implements ExtensionContext.Store.CloseableResource {
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
