package dev.yubin.devstack.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the service jars are built in. */
final class RepoRoot {

    private RepoRoot() {}

    /**
     * {@code $YUBIN_HOME} (the {@code ./yubin} script sets it), else three levels above
     * {@code devstack/target/devstack.jar} when we run from it, else the current directory.
     */
    static Path locate() {
        String home = System.getenv("YUBIN_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            Path jar = Path.of(classPath).toAbsolutePath().normalize();
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && root.getParent() != null && Files.isDirectory(root.getParent().resolve("devstack"))) {
                return root.getParent();
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
