package dev.yubin.devstack.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One supervised service process. While supervised, a process that ends is started again
 * after a back-off (1 s, doubling up to 30 s; back to 1 s once a run lasted a minute), so a
 * crash loop does not eat the machine. Output is appended to the service's log file and the
 * pid kept in its pid file.
 *
 * <p>Each launch first copies the built jar to the data directory and runs the copy: a
 * {@code mvn package} while the devstack runs rewrites {@code target/SERVICE.jar}, which would
 * break the classloading of a process reading it; with the copy, the running process is safe
 * and the next (re)start picks up the new build.
 */
final class ServiceProcess {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE_RUN = Duration.ofMinutes(1);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Locations locations;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> console;

    private Process process;
    private boolean supervised;
    private Instant startedAt = Instant.EPOCH;
    private Duration backoff = FIRST_BACKOFF;

    /** The built jar, the copy the process runs, its log and its pid file. */
    record Locations(Path builtJar, Path runJar, Path log, Path pidFile) {}

    ServiceProcess(String name, List<String> command, Map<String, String> environment, Locations locations,
                   ScheduledExecutorService scheduler, Consumer<String> console) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = environment;
        this.locations = locations;
        this.scheduler = scheduler;
        this.console = console;
    }

    String name() {
        return name;
    }

    /** Starts the process (if not running) and supervises it. */
    synchronized void start() {
        supervised = true;
        backoff = FIRST_BACKOFF;
        if (process == null) {
            launch();
        }
    }

    synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends supervision, then SIGTERM; after {@code grace}, SIGKILL. Returns once the process is gone. */
    void stop(Duration grace) {
        Process current;
        synchronized (this) {
            supervised = false;
            current = process;
            process = null;
        }
        if (current != null) {
            terminate(current, grace);
        }
        delete(locations.pidFile());
        delete(locations.runJar());
    }

    /** SIGKILL, as a crash would; the supervisor restarts the service. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void launch() {
        try {
            copyJar();
            Files.writeString(locations.log(), "---- yubin devstack: starting " + name + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(locations.log().toFile()))
                    .redirectInput(Redirect.from(nullDevice()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process started = builder.start();
            process = started;
            startedAt = Instant.now();
            Files.writeString(locations.pidFile(), started.pid() + "\n");
            started.onExit().thenAccept(this::exited);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private synchronized void exited(Process ended) {
        if (ended != process || !supervised) {
            return;  // stopped on purpose, or an old process
        }
        process = null;
        if (Duration.between(startedAt, Instant.now()).compareTo(STABLE_RUN) > 0) {
            backoff = FIRST_BACKOFF;
        }
        console.accept(name + " exited (code " + ended.exitValue() + "), restarting");
        scheduleRestart();
    }

    private void scheduleRestart() {
        Duration delay = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart() {
        if (supervised && process == null) {
            try {
                launch();
            } catch (UncheckedIOException e) {
                // e.g. the jar is being rebuilt right now: try again later
                console.accept(e.getMessage() + "; trying again");
                scheduleRestart();
            }
        }
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void terminate(Process process, Duration grace) {
        terminate(process.toHandle(), grace);
    }

    /** Copies to a temporary name first: a half-copied jar must never be run. */
    private void copyJar() throws IOException {
        Path partial = locations.runJar().resolveSibling(locations.runJar().getFileName() + ".partial");
        Files.copy(locations.builtJar(), partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, locations.runJar(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            console.accept("cannot delete " + file + ": " + e.getMessage());
        }
    }

    /** A service never reads stdin; it must not hold the launcher's terminal. */
    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
