package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** deploy/prometheus/alerts.yml and rules.yml: well formed, valid for Prometheus, unit-tested. */
class AlertRulesTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private final JsonNode alerts = Repo.yaml("deploy/prometheus/alerts.yml");

    @Test
    void everyAlertHasAnExpressionADurationAndASeverity() {
        List<JsonNode> rules = new ArrayList<>();
        alerts.path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        assertThat(rules).as("alert rules").hasSizeGreaterThanOrEqualTo(5);
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : rules) {
            String alert = Repo.text(rule.path("alert"));
            assertThat(alert).as("every rule of alerts.yml is an alert: %s", rule).isNotBlank();
            assertThat(names.add(alert)).as("alert %s is unique", alert).isTrue();
            assertThat(Repo.text(rule.path("expr"))).as("%s expr", alert).isNotBlank();
            assertThat(Repo.text(rule.path("for"))).as("%s for", alert).matches("\\d+[smh]");
            assertThat(Repo.text(rule.path("labels").path("severity"))).as("%s labels.severity", alert).isIn(SEVERITIES);
            assertThat(Repo.text(rule.path("annotations").path("summary"))).as("%s summary", alert).isNotBlank();
        }
        // what the issue asks for: queue growing, bounces, policy errors, consumer lag, a service down
        assertThat(names).contains("YubinQueueGrowing", "YubinBounceRateHigh", "YubinPolicyErrors",
                "YubinKafkaConsumerLagHigh", "YubinServiceDown");
    }

    @Test
    void prometheusAcceptsTheRuleFiles() {
        Tools.run(Repo.path("deploy/prometheus"), List.of("promtool", "check", "rules", "rules.yml", "alerts.yml"))
                .assertSuccess();
    }

    @Test
    void everyAlertFiresInItsUnitTest() {
        Tools.run(Repo.path("deploy/prometheus"), List.of("promtool", "test", "rules", "alerts-test.yml"))
                .assertSuccess();
        Set<String> fired = new TreeSet<>();
        Repo.yaml("deploy/prometheus/alerts-test.yml").path("tests").forEach(test -> test.path("alert_rule_test")
                .forEach(t -> {
                    if (!t.path("exp_alerts").isEmpty()) {
                        fired.add(Repo.text(t.path("alertname")));
                    }
                }));
        Set<String> defined = new TreeSet<>();
        alerts.path("groups").forEach(g -> g.path("rules").forEach(r -> defined.add(Repo.text(r.path("alert")))));
        assertThat(fired).as("alerts with a test in which they fire").isEqualTo(defined);
    }
}
