package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * deploy/prometheus/metrics.txt names every metric the alerts, the recording rules and the
 * dashboard use; the services' own (yubin_*) are found in their code.
 */
class MetricCatalogueTest {

    private static final Pattern METER_NAME = Pattern.compile("\"(yubin\\.[a-z0-9._-]+)\"");

    /** name → the rest of its line. */
    private static Map<String, String> catalogue() {
        Map<String, String> entries = new LinkedHashMap<>();
        Repo.read("deploy/prometheus/metrics.txt").lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(l -> {
                    String[] parts = l.split("\\s+", 2);
                    entries.put(parts[0], parts.length > 1 ? parts[1] : "");
                });
        return entries;
    }

    private static Set<String> used() {
        JsonNode rules = Repo.yaml("deploy/prometheus/rules.yml");
        Set<String> recorded = new TreeSet<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("record")) {
                recorded.add(Repo.text(r.path("record")));
            }
        }));
        Set<String> names = new TreeSet<>();
        Promql.ruleExpressions(rules).values().forEach(e -> names.addAll(Promql.metricNames(e)));
        Promql.ruleExpressions(Repo.yaml("deploy/prometheus/alerts.yml")).values()
                .forEach(e -> names.addAll(Promql.metricNames(e)));
        JsonNode dashboard = Repo.json("deploy/grafana/yubin-dashboard.json");
        Promql.dashboardExpressions(dashboard).values().forEach(e -> names.addAll(Promql.metricNames(e)));
        names.addAll(Promql.templateMetricNames(dashboard));
        names.removeAll(recorded);
        return names;
    }

    @Test
    void theExtractionFindsMetricNamesOnly() {
        assertThat(Promql.metricNames("sum by (service, topic) (rate(a_total{x=\"y z\", q=~\"b|c\"}[5m] offset 1h)) "
                + "/ on (service) group_left (pod) max(b_seconds_max) > 0.5 and c unless bool d"))
                .containsExactlyInAnyOrder("a_total", "b_seconds_max", "c", "d");
    }

    @Test
    void theCatalogueListsExactlyTheMetricsInUse() {
        assertThat(catalogue().keySet()).as("deploy/prometheus/metrics.txt")
                .containsExactlyInAnyOrderElementsOf(used());
    }

    /** A renamed meter in a service would leave the dashboard and the alerts blind. */
    @Test
    void everyYubinMetricNotMarkedPlannedIsRegisteredInAService() throws IOException {
        Set<String> meters = new TreeSet<>();
        for (String service : Contract.SERVICES) {
            Path sources = Repo.path(service + "/src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = METER_NAME.matcher(Files.readString(file));
                    while (m.find()) {
                        meters.add(normalize(m.group(1)));
                    }
                }
            }
        }
        catalogue().forEach((name, line) -> {
            if (name.startsWith("yubin_") && !line.contains("planned")) {
                String meter = normalize(name.replaceAll("_(total|seconds_sum|seconds_count|seconds_max|seconds)$", ""));
                assertThat(meters).as("a meter named like %s (%s) in the services' code", name, meter).contains(meter);
            }
        });
    }

    /**
     * Each autoscaler's custom metric is a recording rule fed by a gauge that its own service
     * exports (not one that is planned, or another service's): otherwise the metric is missing
     * for its pods and the autoscaler scales on CPU alone, silently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAutoscalerScalesOnAMetricItsServiceExports(String overlay) {
        Map<String, String> recorded = new LinkedHashMap<>();
        Repo.yaml("deploy/prometheus/rules.yml").path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("record")) {
                recorded.put(Repo.text(r.path("record")), Repo.text(r.path("expr")));
            }
        }));
        String adapter = Repo.read("deploy/prometheus/adapter-rules.yaml");
        Map<String, String> catalogue = catalogue();
        for (JsonNode hpa : Manifests.render(overlay).ofKind("HorizontalPodAutoscaler")) {
            String service = Repo.text(hpa.path("spec").path("scaleTargetRef").path("name"));
            hpa.path("spec").path("metrics").forEach(metric -> {
                if (!"Pods".equals(Repo.text(metric.path("type")))) {
                    return;
                }
                String name = Repo.text(metric.path("pods").path("metric").path("name"));
                assertThat(adapter).as("prometheus-adapter serves %s", name).contains("as: \"" + name + "\"");
                assertThat(recorded).as("a recording rule named %s", name).containsKey(name);
                Set<String> inputs = Promql.metricNames(recorded.get(name));
                assertThat(inputs).as("%s %s: %s is recorded from a gauge the service exports", overlay, service, name)
                        .anySatisfy(input -> assertThat(catalogue.getOrDefault(input, ""))
                                .contains(service).doesNotContain("planned"));
            });
        }
    }

    private static String normalize(String name) {
        return name.replaceAll("[._-]", "_");
    }
}
