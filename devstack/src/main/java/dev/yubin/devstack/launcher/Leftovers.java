package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a launcher killed outright (SIGKILL, a crash) leaves behind: service processes holding
 * our ports and a PostgreSQL server holding the data directory. Found through the pid files
 * and ended before a new start, which otherwise fails on ports and locks.
 */
final class Leftovers {

    private final DataDir layout;
    private final Consumer<String> console;

    Leftovers(DataDir layout, Consumer<String> console) {
        this.layout = layout;
        this.console = console;
    }

    void stop() {
        Services.ALL.forEach(this::stopService);
        stopPostgres();
    }

    /** Only a process that still runs our jar: a pid may have been reused by anything since. */
    private void stopService(String name) {
        Path pidFile = layout.pidFile(name);
        readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().orElse("").contains(name + ".jar"))
                .ifPresent(handle -> {
                    console.accept("stopping " + name + " (pid " + handle.pid() + ") left over from an earlier run");
                    ServiceProcess.terminate(handle, RunningPlatform.STOP_GRACE);
                });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            console.accept("cannot delete " + pidFile + ": " + e.getMessage());
        }
    }

    /** SIGTERM is PostgreSQL's "smart" shutdown; its clients (the services) are gone already. */
    private void stopPostgres() {
        readPid(layout.postgres().resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().orElse("").endsWith("postgres"))
                .ifPresent(handle -> {
                    console.accept("stopping PostgreSQL (pid " + handle.pid() + ") left over from an earlier run");
                    ServiceProcess.terminate(handle, RunningPlatform.STOP_GRACE);
                });
    }

    /** The number on the first line of a pid file. */
    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile)
                    ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
