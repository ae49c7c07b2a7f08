package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** deploy/grafana: the dashboard JSON and its provisioning for docker compose. */
class GrafanaDashboardTest {

    private final JsonNode dashboard = Repo.json("deploy/grafana/yubin-dashboard.json");

    @Test
    void isADashboardWithAUniqueUid() throws Exception {
        String uid = Repo.text(dashboard.path("uid"));
        assertThat(uid).as("uid").matches("[A-Za-z0-9_-]{1,40}");
        assertThat(Repo.text(dashboard.path("title"))).isNotBlank();
        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.walk(Repo.path("deploy/grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(uids.add(Repo.text(Repo.JSON.readTree(file.toFile()).path("uid"))))
                        .as("uid of %s is unique among the dashboards", file).isTrue();
            }
        }
        assertThat(uids).contains(uid);
    }

    @Test
    void everyPanelHasAUniqueIdAndQueriesThePrometheusDataSource() {
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s unique", panel.path("id")).isTrue();
            if ("row".equals(Repo.text(panel.path("type")))) {
                continue;
            }
            assertThat(panel.path("targets").isEmpty()).as("panel %s has queries", panel.path("title")).isFalse();
            assertThat(Repo.text(panel.path("datasource").path("type"))).isEqualTo("prometheus");
            for (JsonNode target : panel.path("targets")) {
                assertThat(Repo.text(target.path("expr"))).isNotBlank();
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(10);
        assertThat(dashboard.path("templating").path("list").valueStream().map(v -> Repo.text(v.path("name"))))
                .contains("datasource", "service");
    }

    @Test
    void everyQueryIsValidPromql(@TempDir Path dir) {
        Map<String, String> exprs = new LinkedHashMap<>();
        Promql.dashboardExpressions(dashboard).forEach((name, expr) -> exprs.put(name, Promql.fromGrafana(expr)));
        assertThat(exprs.values()).noneMatch(e -> e.contains("$"));
        Promql.check(exprs, dir).assertSuccess();
        // and the same check rejects a broken query
        assertThat(Promql.check(Map.of("broken", "sum(rate(yubin_mta_messages_accepted_total[5m])"), dir).exitCode())
                .isNotZero();
    }

    @Test
    void composeProvisionsTheDataSourceAndTheDashboard() {
        JsonNode source = Repo.yaml("deploy/grafana/provisioning/datasources/prometheus.yml").path("datasources").path(0);
        assertThat(Repo.text(source.path("type"))).isEqualTo("prometheus");
        assertThat(Repo.text(source.path("url"))).isEqualTo("http://prometheus:9090");
        String path = Repo.text(Repo.yaml("deploy/grafana/provisioning/dashboards/yubin.yml")
                .path("providers").path(0).path("options").path("path"));
        JsonNode grafana = Compose.render(List.of()).path("services").path("grafana");
        assertThat(grafana.path("volumes").valueStream().map(Repo::text))
                .anyMatch(v -> v.contains("deploy/grafana/yubin-dashboard.json:" + path + "/"))
                .anyMatch(v -> v.contains("deploy/grafana/provisioning:/etc/grafana/provisioning"));
    }
}
