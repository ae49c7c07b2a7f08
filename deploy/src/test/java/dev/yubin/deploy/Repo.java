package dev.yubin.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The repository checkout the tests read, and parsers for its files. */
final class Repo {

    static final YAMLMapper YAML = new YAMLMapper();
    static final JsonMapper JSON = new JsonMapper();

    /** The checkout's root: Surefire runs in deploy/, the tests may also run from the root. */
    static final Path ROOT = findRoot();

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        return YAML.readTree(read(relative));
    }

    static JsonNode json(String relative) {
        return JSON.readTree(read(relative));
    }

    /** Every document of a multi-document YAML stream, skipping empty ones. */
    static List<JsonNode> yamlDocuments(String text) {
        return YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll().stream()
                .filter(node -> node != null && node.isObject())
                .toList();
    }

    /** A scalar's text, or {@code null} for a missing node, null or a container. */
    static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docker-compose.yml"))
                    && Files.isRegularFile(candidate.resolve("deploy/pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Yubin checkout (docker-compose.yml, deploy/pom.xml) above " + dir);
    }
}
