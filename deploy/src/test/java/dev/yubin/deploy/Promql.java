package dev.yubin.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** PromQL expressions of the rules and the dashboard: their metric names, and promtool's verdict. */
final class Promql {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private Promql() {}

    /** The metric names an expression reads (not functions, keywords, labels or durations). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")   // string literals
                .replaceAll("\\{[^}]*}", " ")                           // label matchers
                .replaceAll("\\[[^]]*]", " ");                          // ranges and subqueries
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean isCall = next < s.length() && s.charAt(next) == '(';
            boolean inNumber = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!isCall && !inNumber && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Grafana's variables replaced by values PromQL accepts. */
    static String fromGrafana(String expr) {
        return expr.replace("$__rate_interval", "5m").replace("$__interval", "1m").replace("$__range", "1h")
                .replace("${service}", ".*").replace("$service", ".*");
    }

    /**
     * Checks each expression with {@code promtool check rules}, as recording rules of a
     * temporary rules file; returns promtool's result.
     */
    static Tools.Result check(Map<String, String> expressions, Path dir) {
        ObjectNode root = Repo.YAML.createObjectNode();
        ArrayNode rules = root.putArray("groups").addObject().put("name", "check").putArray("rules");
        int i = 0;
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            rules.addObject().put("record", "check:expr_" + i++).put("expr", e.getValue());
        }
        try {
            Path file = dir.resolve("exprs.yml");
            Files.writeString(file, Repo.YAML.writeValueAsString(root));
            return Tools.run(dir, List.of("promtool", "check", "rules", file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every expr of a Prometheus rules file: "group/alert-or-record" → expr. */
    static Map<String, String> ruleExpressions(JsonNode rulesFile) {
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode group : rulesFile.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? Repo.text(rule.path("alert")) : Repo.text(rule.path("record"));
                exprs.put(Repo.text(group.path("name")) + "/" + name, Repo.text(rule.path("expr")));
            }
        }
        return exprs;
    }

    /** Every expr of the dashboard's panels: "panel title/refId" → expr, Grafana variables kept. */
    static Map<String, String> dashboardExpressions(JsonNode dashboard) {
        Map<String, String> exprs = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        });
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put(Repo.text(panel.path("title")) + "/" + Repo.text(target.path("refId")), Repo.text(target.path("expr")));
            }
        }
        return exprs;
    }

    /** The metrics named in the dashboard's template variables (label_values(metric{...}, label)). */
    static Set<String> templateMetricNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        Pattern labelValues = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = Repo.text(variable.path("definition"));
            if (query != null) {
                Matcher m = labelValues.matcher(query);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
