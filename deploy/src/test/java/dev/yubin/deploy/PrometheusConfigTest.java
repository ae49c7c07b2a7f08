package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** deploy/prometheus: the scrape configurations and the custom metric of the autoscalers. */
class PrometheusConfigTest {

    @Test
    void theComposeVariantIsValidAndScrapesTheFourComposeServices() {
        Tools.run(Repo.path("deploy/prometheus"), List.of("promtool", "check", "config", "prometheus-compose.yml"))
                .assertSuccess();
        JsonNode job = Repo.yaml("deploy/prometheus/prometheus-compose.yml").path("scrape_configs").path(0);
        assertThat(Repo.text(job.path("metrics_path"))).isEqualTo("/actuator/prometheus");
        Set<String> targets = new TreeSet<>();
        job.path("static_configs").forEach(c -> {
            String target = Repo.text(c.path("targets").path(0));
            targets.add(target);
            assertThat(target).startsWith(Repo.text(c.path("labels").path("service")) + ":");
        });
        JsonNode compose = Compose.render(List.of());
        for (String service : Contract.SERVICES) {
            assertThat(compose.path("services").has(service)).isTrue();
            assertThat(targets).contains(service + ":" + Contract.HTTP_PORT);
        }
    }

    /**
     * Debian's promtool is built without Kubernetes service discovery: the structure of that
     * part is checked here, and the rest of the file by promtool with static targets instead.
     */
    @Test
    void theKubernetesVariantIsValidAndFindsThePodsOnTheirManagementPort(@TempDir Path dir) throws Exception {
        JsonNode config = Repo.yaml("deploy/prometheus/prometheus.yml");
        JsonNode job = config.path("scrape_configs").path(0);
        assertThat(Repo.text(job.path("metrics_path"))).isEqualTo("/actuator/prometheus");
        JsonNode sd = job.path("kubernetes_sd_configs").path(0);
        assertThat(Repo.text(sd.path("role"))).isEqualTo("pod");
        assertThat(Repo.text(sd.path("namespaces").path("names").path(0))).isEqualTo("yubin");

        List<String> kept = new ArrayList<>();
        List<String> targetLabels = new ArrayList<>();
        job.path("relabel_configs").forEach(r -> {
            if ("keep".equals(Repo.text(r.path("action")))) {
                kept.add(Repo.text(r.path("source_labels").path(0)) + "=" + Repo.text(r.path("regex")));
            }
            if (r.has("target_label")) {
                targetLabels.add(Repo.text(r.path("target_label")));
            }
        });
        assertThat(kept).containsExactlyInAnyOrder(
                "__meta_kubernetes_pod_label_app_kubernetes_io_part_of=yubin",
                "__meta_kubernetes_pod_container_port_name=management");
        // the adapter maps namespace and pod to Kubernetes objects; alerts group by service
        assertThat(targetLabels).contains("service", "namespace", "pod");

        // what the scrape config keeps exists in the rendered pods
        Manifests prod = Manifests.render("prod");
        for (JsonNode deployment : prod.ofKind("Deployment")) {
            assertThat(Manifests.labels(deployment.path("spec").path("template").path("metadata").path("labels")))
                    .containsEntry("app.kubernetes.io/part-of", "yubin")
                    .containsEntry("app.kubernetes.io/name", Manifests.name(deployment));
            assertThat(Manifests.namedPorts(deployment)).containsKey("management");
        }

        ObjectNode copy = (ObjectNode) config.deepCopy();
        ObjectNode staticJob = (ObjectNode) copy.path("scrape_configs").path(0);
        staticJob.remove("kubernetes_sd_configs");
        staticJob.putArray("static_configs").addObject().putArray("targets").add("mta-0.example.test:8081");
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, Repo.YAML.writeValueAsString(copy));
        for (String rules : List.of("rules.yml", "alerts.yml")) {
            Files.copy(Repo.path("deploy/prometheus/" + rules), dir.resolve(rules));
        }
        Tools.run(dir, List.of("promtool", "check", "config", "prometheus.yml")).assertSuccess();
    }

    @Test
    void theAutoscalersMetricIsRecordedAndServedByTheAdapter() {
        Set<String> recorded = new TreeSet<>();
        Repo.yaml("deploy/prometheus/rules.yml").path("groups")
                .forEach(g -> g.path("rules").forEach(r -> recorded.add(Repo.text(r.path("record")))));
        Set<String> served = new TreeSet<>();
        Repo.yaml("deploy/prometheus/adapter-rules.yaml").path("rules").forEach(rule -> {
            String series = Repo.text(rule.path("seriesQuery")).replaceAll("\\{.*", "");
            assertThat(recorded).as("adapter series %s is a recording rule", series).contains(series);
            assertThat(rule.path("resources").path("overrides").propertyNames()).contains("namespace", "pod");
            served.add(Repo.text(rule.path("name").path("as")));
        });
        for (String overlay : List.of("dev", "prod")) {
            Manifests.render(overlay).ofKind("HorizontalPodAutoscaler").forEach(hpa -> hpa.path("spec").path("metrics")
                    .forEach(metric -> {
                        if ("Pods".equals(Repo.text(metric.path("type")))) {
                            assertThat(served).as("%s: custom metric of HPA %s", overlay, Manifests.name(hpa))
                                    .contains(Repo.text(metric.path("pods").path("metric").path("name")));
                        }
                    }));
        }
    }
}
