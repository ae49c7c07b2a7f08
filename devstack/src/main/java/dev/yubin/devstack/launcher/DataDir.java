package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The layout of the devstack data directory (one place, so the CLI and the tests agree). */
public record DataDir(Path root) {

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String service) {
        return logs().resolve(service + ".log");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path pidFile(String service) {
        return run().resolve(service + ".pid");
    }

    /** The copy of a service jar its process runs from (see {@code ServiceProcess}). */
    public Path runJar(String service) {
        return run().resolve(service + ".jar");
    }

    public Path tls() {
        return root.resolve("tls");
    }

    public Path adminToken() {
        return root.resolve("admin-token");
    }

    public Path internalToken() {
        return root.resolve("internal-token");
    }

    /** Creates the folders that must exist before anything starts. */
    DataDir create() {
        try {
            for (Path dir : new Path[] {root, kafka(), logs(), run(), tls()}) {
                Files.createDirectories(dir);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root, e);
        }
    }
}
