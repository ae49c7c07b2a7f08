package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric that the Grafana dashboard and the Prometheus rules use
 * ({@code deploy/prometheus/metrics.txt}, kept equal to them by the deploy module's tests) is
 * really exported by the running service that the catalogue names.
 */
@ExtendWith(PlatformExtension.class)
class MetricsExportIT {

    private static final String DOMAIN = "metrics.test";
    private static final String GRACE = "grace@" + DOMAIN;
    private static final Pattern SERVICE = Pattern.compile("[a-z]+-service");

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported(PlatformExtension.Stack stack) throws Exception {
        RunningPlatform platform = stack.platform();
        Api api = new Api(platform);
        api.directory(DOMAIN, GRACE);
        // Spring's timers and the Kafka client metrics appear with the first request, send or poll
        String queueId = Smtp.send(platform.smtpPort(), "someone@remote.example", Smtp.message("metrics", GRACE), GRACE);
        api.awaitMessage(GRACE, queueId);

        Map<String, List<String>> expected = catalogue(platform.config().repoRoot()
                .resolve("deploy/prometheus/metrics.txt"));
        List<String> missing = new ArrayList<>();
        Map<String, String> scraped = new LinkedHashMap<>();
        expected.forEach((metric, services) -> {
            for (String service : services) {
                String exposition = scraped.computeIfAbsent(service, s ->
                        api.send(s, "GET", "/actuator/prometheus", null, "Bearer " + platform.adminToken()).body());
                if (!Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(exposition).find()) {
                    missing.add(metric + " from " + service);
                }
            }
        });

        assertThat(expected).isNotEmpty();
        assertThat(missing).as("metrics the dashboard or the alerts use but the services do not export").isEmpty();
    }

    /** metric → the services the catalogue says export it; rows marked "planned" and Prometheus' own are left out. */
    private static Map<String, List<String>> catalogue(Path file) throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String row = line.strip();
            if (row.isEmpty() || row.startsWith("#") || row.contains("planned")) {
                continue;
            }
            String[] parts = row.split("\\s+", 2);
            String exporters = parts.length > 1 ? parts[1].replaceAll("\\(.*\\)", "") : "";
            List<String> services = SERVICE.matcher(exporters).results().map(m -> m.group()).toList();
            if (!services.isEmpty()) {
                expected.put(parts[0], services);
            }
        }
        return expected;
    }
}
