package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What sets the prod overlay apart from dev. */
class KubernetesOverlaysTest {

    private final Manifests dev = Manifests.render("dev");
    private final Manifests prod = Manifests.render("prod");

    @Test
    void productionRunsMoreReplicas() {
        for (String service : Contract.SERVICES) {
            assertThat(replicas(prod, service)).as("%s replicas, prod vs dev", service)
                    .isGreaterThan(replicas(dev, service));
            assertThat(replicas(prod, service)).as("%s: prod survives losing a pod", service).isGreaterThanOrEqualTo(2);
        }
        for (String service : new String[] {"mta-service", "msa-service"}) {
            assertThat(prod.get("HorizontalPodAutoscaler", service).path("spec").path("maxReplicas").asInt())
                    .isGreaterThan(dev.get("HorizontalPodAutoscaler", service).path("spec").path("maxReplicas").asInt());
        }
    }

    @Test
    void productionHasBiggerLimits() {
        for (String service : Contract.SERVICES) {
            for (String resource : new String[] {"cpu", "memory"}) {
                assertThat(quantity(prod, service, resource)).as("%s limits.%s, prod vs dev", service, resource)
                        .isGreaterThan(quantity(dev, service, resource));
            }
        }
    }

    @Test
    void productionImagesAreReleasesNotSnapshots() {
        for (JsonNode deployment : prod.ofKind("Deployment")) {
            assertThat(Repo.text(Manifests.container(deployment).path("image"))).doesNotContain("SNAPSHOT");
        }
    }

    /** Deployment replicas, or the autoscaler's minimum where one owns the count. */
    private static int replicas(Manifests m, String service) {
        return m.find("HorizontalPodAutoscaler", service)
                .map(hpa -> hpa.path("spec").path("minReplicas").asInt())
                .orElseGet(() -> m.get("Deployment", service).path("spec").path("replicas").asInt(1));
    }

    private static BigDecimal quantity(Manifests m, String service, String resource) {
        String value = Repo.text(Manifests.container(m.get("Deployment", service)).path("resources").path("limits").path(resource));
        return parseQuantity(value);
    }

    /** Kubernetes quantities as used here: plain numbers, millicores (m) and binary suffixes. */
    static BigDecimal parseQuantity(String value) {
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"m", "0.001"}};
        for (String[] suffix : suffixes) {
            if (value.endsWith(suffix[0])) {
                return new BigDecimal(value.substring(0, value.length() - suffix[0].length()))
                        .multiply(new BigDecimal(suffix[1]));
            }
        }
        return new BigDecimal(value);
    }
}
