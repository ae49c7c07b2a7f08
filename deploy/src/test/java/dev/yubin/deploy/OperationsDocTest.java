package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/operations.md keeps up with the artefacts it explains. */
class OperationsDocTest {

    private final String doc = Repo.read("docs/operations.md");

    @Test
    void coversWhatAnOperatorNeeds() {
        assertThat(doc).contains("## Deploying with docker compose", "## Deploying on Kubernetes",
                "## DNS records a domain needs", "## Scaling", "## Monitoring", "## Backup of PostgreSQL",
                "## Kafka retention", "## Certificate renewal", "## Upgrading", "## Configuration");
        assertThat(doc).contains("externalTrafficPolicy: Local", "MX", "SPF", "DKIM", "DMARC", "PTR",
                "Strimzi", "CloudNativePG", "Flyway");
    }

    @Test
    void namesEveryAlert() {
        Promql.ruleExpressions(Repo.yaml("deploy/prometheus/alerts.yml")).keySet().forEach(key -> {
            String alert = key.substring(key.indexOf('/') + 1);
            assertThat(doc).as("docs/operations.md explains alert %s", alert).contains("`" + alert + "`");
        });
    }

    @Test
    void namesTheImagesListenerVariables() {
        for (Contract.Listener listener : Contract.LISTENERS) {
            assertThat(doc).as("docs/operations.md names %s", listener.variable()).contains(listener.variable());
        }
    }
}
