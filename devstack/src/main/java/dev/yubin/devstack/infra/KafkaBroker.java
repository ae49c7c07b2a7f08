package dev.yubin.devstack.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), run inside this
 * JVM, with its log and cluster id kept under one directory so it survives restarts.
 *
 * <p>Call order: {@link #start()}, then any number of {@link #stop()} / {@link #start()}
 * pairs. The broker listens on {@code 127.0.0.1:port} (PLAINTEXT) and its controller on
 * {@code 127.0.0.1:controllerPort}.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The platform's largest record (32 MiB): 25 MiB of mail plus base64 and headers. */
    public static final int MAX_MESSAGE_BYTES = 33_554_432;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Formats the log directory on first use, then starts the broker; returns once it has started. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaExitGuard.install();
        Properties props = properties();
        format(props);
        KafkaRaftServer raft = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            raft.startup();
        } catch (RuntimeException e) {
            raft.shutdown();
            raft.awaitShutdown();
            throw new IllegalStateException("Kafka did not start on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
        server = raft;
    }

    /** Controlled shutdown; returns when the broker and controller have stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
        // one node: every internal topic must live with a single replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // topics are provisioned explicitly (conventions.md): a typo must not create a topic
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private void format(Properties props) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "written by the yubin devstack on every start");
            }
            String[] args = {"format", "-t", clusterId(), "-c", config.toString(), "--ignore-formatted"};
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int status;
            try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                status = StorageTool.execute(args, out);
            }
            if (status != 0) {
                throw new IllegalStateException("cannot format the Kafka log directory " + dir + ": "
                        + buffer.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster id is generated once; formatting again with another one would refuse the old logs. */
    private String clusterId() throws IOException {
        Path file = dir.resolve("cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n");
        return id;
    }
}
