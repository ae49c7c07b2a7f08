package dev.yubin.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/** The objects `kubectl kustomize deploy/k8s/overlays/NAME` renders. */
record Manifests(String overlay, List<JsonNode> objects) {

    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

    static Manifests render(String overlay) {
        return CACHE.computeIfAbsent(overlay, name -> {
            String out = Tools.run(Repo.ROOT, List.of("kubectl", "kustomize", "deploy/k8s/overlays/" + name))
                    .assertSuccess().stdout();
            return new Manifests(name, Repo.yamlDocuments(out));
        });
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(Repo.text(o.path("kind")))).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return Repo.text(object.path("metadata").path("name"));
    }

    static String namespace(JsonNode object) {
        String ns = Repo.text(object.path("metadata").path("namespace"));
        return ns == null ? "" : ns;
    }

    static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new LinkedHashMap<>();
        labels.properties().forEach(e -> map.put(e.getKey(), Repo.text(e.getValue())));
        return map;
    }

    /** The first container of a Deployment's pod template. */
    static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    /** Container port name → number. */
    static Map<String, Integer> namedPorts(JsonNode deployment) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        deployment.path("spec").path("template").path("spec").path("containers").forEach(c ->
                c.path("ports").forEach(p -> ports.put(Repo.text(p.path("name")), p.path("containerPort").asInt())));
        return ports;
    }

    /** A ConfigMap's data by the name the Deployments use before kustomize's hash suffix. */
    Map<String, String> configMap(String prefix) {
        JsonNode map = ofKind("ConfigMap").stream().filter(c -> name(c).startsWith(prefix + "-") || name(c).equals(prefix))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + prefix));
        return labels(map.path("data"));
    }

    /** Every secretKeyRef of the Deployments: secret name → keys. */
    Map<String, List<String>> secretKeyRefs() {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (JsonNode deployment : ofKind("Deployment")) {
            deployment.path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("env").forEach(e -> {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (ref.isObject()) {
                    refs.computeIfAbsent(Repo.text(ref.path("name")), k -> new ArrayList<>()).add(Repo.text(ref.path("key")));
                }
            }));
        }
        return refs;
    }
}
