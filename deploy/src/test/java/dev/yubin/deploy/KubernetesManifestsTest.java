package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Each overlay of deploy/k8s, as `kubectl kustomize` renders it. */
class KubernetesManifestsTest {

    private static final Pattern TAGGED_IMAGE = Pattern.compile("[a-z0-9./-]+/[a-z0-9-]+:([A-Za-z0-9._-]+)");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasADeploymentAndAService(String overlay) {
        Manifests m = Manifests.render(overlay);
        for (String service : Contract.SERVICES) {
            m.get("Deployment", service);
            assertThat(m.ofKind("Service")).as("%s: a Service selecting %s", overlay, service)
                    .anyMatch(s -> service.equals(Repo.text(s.path("spec").path("selector").path("app.kubernetes.io/name"))));
        }
        assertThat(m.ofKind("Deployment")).hasSize(Contract.SERVICES.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasProbesResourcesAPinnedImageAndTimeToShutDown(String overlay) {
        Manifests m = Manifests.render(overlay);
        Map<String, String> config = m.configMap("yubin-config");
        int management = Integer.parseInt(config.get("MANAGEMENT_SERVER_PORT"));
        Duration shutdownPhase = springDuration(config.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
        for (JsonNode deployment : m.ofKind("Deployment")) {
            String name = Manifests.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = Manifests.container(deployment);
            Map<String, Integer> ports = Manifests.namedPorts(deployment);

            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                String expected = probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness";
                assertThat(Repo.text(get.path("path"))).as("%s %s %s path", overlay, name, probe).isEqualTo(expected);
                assertThat(ports.get(Repo.text(get.path("port")))).as("%s %s %s port: the actuator's", overlay, name, probe)
                        .isEqualTo(management);
            }
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(Repo.text(container.path("resources").path(kind).path(resource)))
                            .as("%s %s resources.%s.%s", overlay, name, kind, resource).isNotBlank();
                }
            }
            String image = Repo.text(container.path("image"));
            Matcher tagged = TAGGED_IMAGE.matcher(image);
            assertThat(tagged.matches()).as("%s %s image %s has a tag", overlay, name, image).isTrue();
            assertThat(tagged.group(1)).as("%s %s image tag", overlay, name).isNotEqualTo("latest");
            assertThat(image).startsWith("yubin/" + name + ":");

            long grace = pod.path("terminationGracePeriodSeconds").asLong();
            Duration preStop = preStopSleep(container);
            assertThat(grace).as("%s %s terminationGracePeriodSeconds", overlay, name).isGreaterThanOrEqualTo(60);
            assertThat(Duration.ofSeconds(grace)).as("%s %s: preStop + shutdown phase fit the grace period", overlay, name)
                    .isGreaterThan(preStop.plus(shutdownPhase));

            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void containersListenOnThePortsTheImageSets(String overlay) {
        Manifests m = Manifests.render(overlay);
        for (String service : Contract.SERVICES) {
            Map<String, Integer> ports = Manifests.namedPorts(m.get("Deployment", service));
            assertThat(ports).as("%s %s http", overlay, service).containsEntry("http", Contract.HTTP_PORT);
            for (Contract.Listener listener : Contract.of(service)) {
                assertThat(ports).as("%s %s container ports", overlay, service)
                        .containsEntry(listener.name(), listener.containerPort());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesMapTheStandardPortsAndTheMtaKeepsTheClientAddress(String overlay) {
        Manifests m = Manifests.render(overlay);
        JsonNode mta = m.get("Service", "mta-service");
        assertThat(Repo.text(mta.path("spec").path("type"))).isEqualTo("LoadBalancer");
        assertThat(Repo.text(mta.path("spec").path("externalTrafficPolicy"))).isEqualTo("Local");

        for (Contract.Listener listener : Contract.LISTENERS) {
            Map<String, Integer> containerPorts = Manifests.namedPorts(m.get("Deployment", listener.service()));
            List<JsonNode> services = m.ofKind("Service").stream()
                    .filter(s -> listener.service().equals(Repo.text(s.path("spec").path("selector").path("app.kubernetes.io/name"))))
                    .toList();
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode service : services) {
                for (JsonNode port : service.path("spec").path("ports")) {
                    JsonNode target = port.path("targetPort");
                    int targetPort = target.isNumber() ? target.asInt() : containerPorts.getOrDefault(Repo.text(target), -1);
                    if (port.path("port").asInt() == listener.productionPort() && targetPort == listener.containerPort()) {
                        matching.add(service);
                    }
                }
            }
            assertThat(matching).as("%s: a Service port %d → %s:%d", overlay, listener.productionPort(),
                    listener.service(), listener.containerPort()).hasSize(1);
            JsonNode service = matching.get(0);
            String type = Repo.text(service.path("spec").path("type"));
            if (listener.publicListener()) {
                assertThat(type).as("%s %s", overlay, listener.name()).isEqualTo("LoadBalancer");
                assertThat(Repo.text(service.path("spec").path("externalTrafficPolicy"))).isEqualTo("Local");
            } else {
                assertThat(type).as("%s %s (no authentication: cluster only)", overlay, listener.name()).isEqualTo("ClusterIP");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theMtaAndMsaScaleOnCpuAndSmtpSessions(String overlay) {
        Manifests m = Manifests.render(overlay);
        assertThat(m.ofKind("HorizontalPodAutoscaler")).extracting(Manifests::name)
                .containsExactlyInAnyOrder("mta-service", "msa-service");
        for (JsonNode hpa : m.ofKind("HorizontalPodAutoscaler")) {
            String name = Manifests.name(hpa);
            assertThat(Repo.text(hpa.path("apiVersion"))).isEqualTo("autoscaling/v2");
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertThat(Repo.text(target.path("kind"))).isEqualTo("Deployment");
            assertThat(Repo.text(target.path("apiVersion"))).isEqualTo("apps/v1");
            JsonNode deployment = m.get("Deployment", Repo.text(target.path("name")));
            assertThat(Manifests.name(deployment)).isEqualTo(name);
            assertThat(deployment.path("spec").has("replicas"))
                    .as("%s %s: the autoscaler owns the replica count", overlay, name).isFalse();
            assertThat(hpa.path("spec").path("minReplicas").asInt())
                    .isPositive().isLessThanOrEqualTo(hpa.path("spec").path("maxReplicas").asInt());
            List<String> metrics = new ArrayList<>();
            hpa.path("spec").path("metrics").forEach(metric -> {
                String type = Repo.text(metric.path("type"));
                if ("Resource".equals(type)) {
                    metrics.add("Resource/" + Repo.text(metric.path("resource").path("name")));
                } else if ("Pods".equals(type)) {
                    metrics.add("Pods/" + Repo.text(metric.path("pods").path("metric").path("name")));
                    assertThat(Repo.text(metric.path("pods").path("target").path("type"))).isEqualTo("AverageValue");
                }
            });
            assertThat(metrics).as("%s %s metrics", overlay, name).containsExactlyInAnyOrder("Resource/cpu", "Pods/yubin_smtp_sessions");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasADisruptionBudget(String overlay) {
        Manifests m = Manifests.render(overlay);
        for (JsonNode deployment : m.ofKind("Deployment")) {
            Map<String, String> podLabels = Manifests.labels(deployment.path("spec").path("template").path("metadata").path("labels"));
            assertThat(m.ofKind("PodDisruptionBudget")).as("%s PDB for %s", overlay, Manifests.name(deployment))
                    .anySatisfy(pdb -> {
                        assertThat(Repo.text(pdb.path("apiVersion"))).isEqualTo("policy/v1");
                        assertThat(NetworkPolicies.matches(pdb.path("spec").path("selector"), podLabels)).isTrue();
                        assertThat(pdb.path("spec").has("maxUnavailable") || pdb.path("spec").has("minAvailable")).isTrue();
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void settingsComeFromAConfigMapAndTokensFromASecret(String overlay) {
        Manifests m = Manifests.render(overlay);
        Map<String, String> config = m.configMap("yubin-config");
        assertThat(config).containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "YUBIN_POLICY_URL", "YUBIN_MTA_HOSTNAME",
                "YUBIN_RELAY_HELO_NAME", "YUBIN_MSA_HOSTNAME");
        for (JsonNode deployment : m.ofKind("Deployment")) {
            JsonNode envFrom = Manifests.container(deployment).path("envFrom");
            assertThat(envFrom.toString()).as("%s %s envFrom", overlay, Manifests.name(deployment))
                    .contains(Manifests.name(m.ofKind("ConfigMap").get(0)));
        }
        Map<String, List<String>> refs = m.secretKeyRefs();
        assertThat(refs.values().stream().flatMap(List::stream))
                .contains("admin-token", "internal-token", "policy-db-password", "mda-db-password");
        List<JsonNode> secrets = m.ofKind("Secret");
        if (overlay.equals("prod")) {
            // production's secrets are created outside git (docs/operations.md)
            assertThat(secrets).as("Secrets in the prod overlay").isEmpty();
            assertThat(refs.keySet()).containsExactly("yubin-secrets");
        } else {
            assertThat(secrets).hasSize(1);
            JsonNode secret = secrets.get(0);
            assertThat(refs.keySet()).containsExactly(Manifests.name(secret));
            assertThat(secret.path("data").propertyNames()).containsAll(refs.get(Manifests.name(secret)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theMailListenersReadTheirCertificateFromTheMountedTlsSecret(String overlay) {
        Manifests m = Manifests.render(overlay);
        for (String service : List.of("mta-service", "msa-service", "mda-service")) {
            JsonNode deployment = m.get("Deployment", service);
            JsonNode container = Manifests.container(deployment);
            Map<String, String> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(Repo.text(e.path("name")), Repo.text(e.path("value"))));
            Map<String, String> secretVolumes = new LinkedHashMap<>();
            deployment.path("spec").path("template").path("spec").path("volumes").forEach(v -> {
                if (v.path("secret").isObject()) {
                    secretVolumes.put(Repo.text(v.path("name")), Repo.text(v.path("secret").path("secretName")));
                }
            });
            assertThat(secretVolumes).as("%s %s secret volumes", overlay, service).containsValue("yubin-tls");
            String mountPath = container.path("volumeMounts").valueStream()
                    .filter(mount -> "yubin-tls".equals(secretVolumes.get(Repo.text(mount.path("name")))))
                    .map(mount -> Repo.text(mount.path("mountPath"))).findFirst().orElseThrow();
            for (String key : List.of("SPRING_SSL_BUNDLE_PEM_SMTP_KEYSTORE_CERTIFICATE", "SPRING_SSL_BUNDLE_PEM_SMTP_KEYSTORE_PRIVATEKEY")) {
                assertThat(env.get(key)).as("%s %s %s", overlay, service, key).startsWith("file:" + mountPath + "/");
            }
            assertThat(env).containsEntry("SPRING_SSL_BUNDLE_PEM_SMTP_RELOADONUPDATE", "true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaAndPostgresAreExternalServicesTheSettingsPointAt(String overlay) {
        Manifests m = Manifests.render(overlay);
        for (String name : List.of("kafka", "postgres")) {
            JsonNode service = m.get("Service", name);
            boolean external = "ExternalName".equals(Repo.text(service.path("spec").path("type")))
                    || !service.path("spec").has("selector");
            assertThat(external).as("%s: Service %s is ExternalName or has no selector", overlay, name).isTrue();
        }
        assertThat(m.configMap("yubin-config").get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).startsWith("kafka:");
        for (String service : List.of("policy-service", "mda-service")) {
            String url = Manifests.container(m.get("Deployment", service)).path("env").valueStream()
                    .filter(e -> "SPRING_DATASOURCE_URL".equals(Repo.text(e.path("name"))))
                    .map(e -> Repo.text(e.path("value"))).findFirst().orElseThrow();
            assertThat(url).startsWith("jdbc:postgresql://postgres:5432/yubin_");
        }
        assertThat(m.configMap("yubin-config").get("YUBIN_POLICY_URL"))
                .isEqualTo("http://policy-service:" + Contract.HTTP_PORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheRightServicesReachThePolicyServiceKafkaAndPostgres(String overlay) {
        Manifests m = Manifests.render(overlay);
        NetworkPolicies policies = new NetworkPolicies(m.ofKind("NetworkPolicy"));
        Map<String, NetworkPolicies.Pod> yubin = new LinkedHashMap<>();
        for (JsonNode deployment : m.ofKind("Deployment")) {
            yubin.put(Manifests.name(deployment), new NetworkPolicies.Pod(Manifests.namespace(deployment),
                    Manifests.labels(deployment.path("spec").path("template").path("metadata").path("labels")),
                    Manifests.namedPorts(deployment)));
        }
        var mta = yubin.get("mta-service");
        var msa = yubin.get("msa-service");
        var mda = yubin.get("mda-service");
        var policy = yubin.get("policy-service");
        var stranger = new NetworkPolicies.Pod("yubin", Map.of("app", "debug-shell"), Map.of());
        var otherNamespace = new NetworkPolicies.Pod("default", Map.of("app.kubernetes.io/component", "mta"), Map.of());
        var prometheus = new NetworkPolicies.Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
        var kafka = new NetworkPolicies.Pod("kafka",
                Map.of("strimzi.io/cluster", "yubin", "strimzi.io/kind", "Kafka", "strimzi.io/name", "yubin-kafka"), Map.of());
        var postgres = new NetworkPolicies.Pod("postgres", Map.of("cnpg.io/cluster", "yubin-pg", "cnpg.io/instanceRole", "primary"), Map.of());
        int management = Integer.parseInt(m.configMap("yubin-config").get("MANAGEMENT_SERVER_PORT"));

        for (int port : List.of(Contract.HTTP_PORT, 9998)) {
            for (var client : List.of(mta, msa, mda)) {
                assertThat(policies.allows(client, policy, port)).as("%s: %s → policy:%d", overlay, client.labels(), port).isTrue();
            }
            for (var other : List.of(stranger, otherNamespace, prometheus)) {
                assertThat(policies.allows(other, policy, port)).as("%s: %s → policy:%d", overlay, other, port).isFalse();
            }
        }
        assertThat(policies.allows(prometheus, policy, management)).as("Prometheus scrapes the policy service").isTrue();
        assertThat(policies.allows(stranger, policy, management)).isFalse();

        for (var client : List.of(mta, msa, mda)) {
            assertThat(policies.allows(client, kafka, 9092)).as("%s: %s → kafka", overlay, client.labels()).isTrue();
        }
        for (var other : List.of(policy, stranger, otherNamespace, prometheus)) {
            assertThat(policies.allows(other, kafka, 9092)).as("%s: %s → kafka", overlay, other).isFalse();
        }
        for (var client : List.of(policy, mda)) {
            assertThat(policies.allows(client, postgres, 5432)).as("%s: %s → postgres", overlay, client.labels()).isTrue();
        }
        for (var other : List.of(mta, msa, stranger, otherNamespace, prometheus)) {
            assertThat(policies.allows(other, postgres, 5432)).as("%s: %s → postgres", overlay, other).isFalse();
        }

        // mail from anywhere, the REST APIs not
        var internet = new NetworkPolicies.Pod("internet", Map.of(), Map.of());
        for (Contract.Listener listener : Contract.LISTENERS) {
            var target = yubin.get(listener.service());
            assertThat(policies.allows(internet, target, listener.containerPort()))
                    .as("%s: anyone → %s", overlay, listener.name()).isEqualTo(listener.publicListener());
        }
        for (var target : List.of(mta, msa, policy)) {
            assertThat(policies.allows(internet, target, Contract.HTTP_PORT)).as("%s: anyone → %s HTTP", overlay, target.labels()).isFalse();
        }
        var lmtpClient = new NetworkPolicies.Pod("yubin", Map.of("yubin.dev/lmtp-client", "true"), Map.of());
        assertThat(policies.allows(lmtpClient, mda, 2424)).isTrue();
    }

    /** Seconds of a {@code sleep N} preStop hook, zero without one. */
    private static Duration preStopSleep(JsonNode container) {
        JsonNode command = container.path("lifecycle").path("preStop").path("exec").path("command");
        if (command.isArray() && command.size() == 2 && "sleep".equals(Repo.text(command.path(0)))) {
            return Duration.ofSeconds(Long.parseLong(Repo.text(command.path(1))));
        }
        return Duration.ZERO;
    }

    private static Duration springDuration(String value) {
        Matcher m = Pattern.compile("(\\d+)(s|m)").matcher(value);
        assertThat(m.matches()).as("duration %s", value).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }
}
