package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the artefacts are checked with. A missing tool fails the test
 * (never skips it) and names the apt package that .ci/run installs.
 */
final class Tools {

    /** The apt package of each tool. */
    private static final Map<String, String> PACKAGES = Map.of(
            "docker-compose", "docker-compose",
            "kubectl", "kubectl",
            "promtool", "prometheus",
            "psql", "postgresql-client");

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Fails with the tool's own output unless it exited 0. */
        Result assertSuccess() {
            if (exitCode != 0) {
                fail("%s exited %d%nstdout:%n%s%nstderr:%n%s", String.join(" ", command), exitCode, stdout, stderr);
            }
            return this;
        }
    }

    private Tools() {}

    static Result run(Path directory, List<String> command) {
        return run(directory, Map.of(), command);
    }

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added to (or, for an
     * empty value, removed from) this JVM's environment, and waits at most two minutes.
     */
    static Result run(Path directory, Map<String, String> environment, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("tool", ".out");
            err = Files.createTempFile("tool", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            environment.forEach((name, value) -> {
                if (value.isEmpty()) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = start(builder, command.get(0));
            if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes", String.join(" ", command));
            }
            return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static Process start(ProcessBuilder builder, String tool) {
        try {
            return builder.start();
        } catch (IOException e) {
            String name = Path.of(tool).getFileName().toString();
            throw new AssertionError("'" + name + "' is not installed or not on the PATH (" + e.getMessage()
                    + "). Install it with: apt-get install -y " + PACKAGES.getOrDefault(name, name)
                    + " (.ci/run does this before mvn verify)", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up
            }
        }
    }
}
