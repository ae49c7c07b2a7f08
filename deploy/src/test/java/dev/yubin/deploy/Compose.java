package dev.yubin.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** Runs docker-compose (Debian's docker-compose 1.29, no engine needed for "config"). */
final class Compose {

    private static final Pattern VARIABLE = Pattern.compile("^([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

    private Compose() {}

    /** The variables .env.example sets. */
    static List<String> exampleVariables() {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(Repo.read(".env.example"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code docker-compose --env-file ENV -f docker-compose.yml [-f EXTRA...] ARGS} at the
     * root, with none of the .env.example variables inherited from this JVM's environment.
     */
    static Tools.Result run(Path envFile, List<String> extraFiles, String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(),
                "-f", "docker-compose.yml"));
        for (String file : extraFiles) {
            command.add("-f");
            command.add(file);
        }
        command.addAll(List.of(args));
        Map<String, String> environment = new LinkedHashMap<>();
        exampleVariables().forEach(name -> environment.put(name, ""));
        environment.put("COMPOSE_FILE", "");
        environment.put("COMPOSE_PROJECT_NAME", "");
        return Tools.run(Repo.ROOT, environment, command);
    }

    /** The model docker-compose renders from docker-compose.yml with .env.example. */
    static JsonNode render(List<String> extraFiles) {
        String out = run(Repo.path(".env.example"), extraFiles, "config").assertSuccess().stdout();
        return Repo.YAML.readTree(out);
    }

    /** One published port, from either the short ("127.0.0.1:24:2424/tcp") or the long form. */
    record Port(String hostIp, int published, int target) {

        static Port of(JsonNode node) {
            if (node.isObject()) {
                String ip = Repo.text(node.path("host_ip"));
                return new Port(ip == null ? "" : ip, node.path("published").asInt(), node.path("target").asInt());
            }
            String spec = Repo.text(node).replaceAll("/(tcp|udp)$", "");
            String[] parts = spec.split(":");
            return switch (parts.length) {
                case 2 -> new Port("", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                case 3 -> new Port(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                default -> throw new IllegalArgumentException("port " + spec);
            };
        }

        boolean allInterfaces() {
            return hostIp.isEmpty() || hostIp.equals("0.0.0.0");
        }
    }

    static List<Port> ports(JsonNode service) {
        List<Port> ports = new ArrayList<>();
        service.path("ports").forEach(node -> ports.add(Port.of(node)));
        return ports;
    }
}
