package dev.yubin.deploy;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Decides, as Kubernetes does, whether NetworkPolicies let a pod reach another pod's TCP port:
 * a pod no Ingress policy selects takes everything; a selected pod takes only what one of its
 * policies' rules allows (rules add up, peers and ports of a rule are alternatives).
 */
record NetworkPolicies(List<JsonNode> policies) {

    /** A pod: its namespace, labels, its namespace's labels, and its named ports. */
    record Pod(String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    boolean allows(Pod source, Pod target, int port) {
        List<JsonNode> selecting = policies.stream()
                .filter(p -> Manifests.namespace(p).equals(target.namespace()))
                .filter(p -> coversIngress(p))
                .filter(p -> matches(p.path("spec").path("podSelector"), target.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (portMatches(rule.path("ports"), target, port) && peerMatches(rule.path("from"), policy, source)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean coversIngress(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        if (!types.isArray() || types.isEmpty()) {
            return true;
        }
        for (JsonNode type : types) {
            if ("Ingress".equals(Repo.text(type))) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, Pod target, int port) {
        if (!ports.isArray() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            String protocol = Repo.text(p.path("protocol"));
            if (protocol != null && !protocol.equals("TCP")) {
                continue;
            }
            JsonNode value = p.path("port");
            if (value.isMissingNode() || value.isNull()) {
                return true;
            }
            int from = value.isNumber() ? value.asInt() : target.namedPorts().getOrDefault(Repo.text(value), -1);
            int to = p.path("endPort").isNumber() ? p.path("endPort").asInt() : from;
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode from, JsonNode policy, Pod source) {
        if (!from.isArray() || from.isEmpty()) {
            return true;
        }
        for (JsonNode peer : from) {
            if (peer.has("ipBlock")) {
                return true; // an address range may hold any pod: count it as open
            }
            JsonNode podSelector = peer.path("podSelector");
            JsonNode namespaceSelector = peer.path("namespaceSelector");
            boolean namespaceOk = namespaceSelector.isObject()
                    ? matches(namespaceSelector, source.namespaceLabels())
                    : Manifests.namespace(policy).equals(source.namespace());
            boolean podOk = !podSelector.isObject() || matches(podSelector, source.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (var entry : selector.path("matchLabels").properties()) {
            if (!Repo.text(entry.getValue()).equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = Repo.text(expression.path("key"));
            List<String> values = expression.path("values").valueStream().map(Repo::text).toList();
            String actual = labels.get(key);
            boolean ok = switch (Repo.text(expression.path("operator"))) {
                case "In" -> actual != null && values.contains(actual);
                case "NotIn" -> actual == null || !values.contains(actual);
                case "Exists" -> actual != null;
                case "DoesNotExist" -> actual == null;
                default -> throw new IllegalArgumentException("operator " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
