package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker/kafka/create-topics.sh, the one-shot job of docker-compose.yml, run with a
 * stand-in kafka-topics.sh that records its arguments (no broker needed).
 */
class CreateTopicsScriptTest {

    private static final List<String> TOPICS = List.of("yubin.mail.inbound", "yubin.mail.outbound",
            "yubin.mail.events", "yubin.mail.inbound.dlt",
            // the retry topics of the relay's default schedule: 5m doubling up to 1h
            "yubin.mail.outbound.retry.5m", "yubin.mail.outbound.retry.10m", "yubin.mail.outbound.retry.20m",
            "yubin.mail.outbound.retry.40m", "yubin.mail.outbound.retry.1h");

    @Test
    void createsEveryTopicWithSixPartitionsAndRoomForThirtyTwoMebibyteRecords(@TempDir Path bin) throws Exception {
        Path log = bin.resolve("calls.log");
        stub(bin, "echo \"$*\" >> '" + log + "'");
        run(bin).assertSuccess();
        List<String> creates = Files.readAllLines(log).stream().filter(l -> l.contains("--create")).toList();
        assertThat(creates).hasSize(TOPICS.size());
        for (String topic : TOPICS) {
            assertThat(creates).as("create of %s", topic).anySatisfy(call -> assertThat(call)
                    .contains("--topic " + topic + " ")
                    .contains("--bootstrap-server kafka:9092")
                    .contains("--if-not-exists")
                    .contains("--partitions 6")
                    .contains("--config max.message.bytes=33554432"));
        }
    }

    @Test
    void failsWhenATopicCannotBeCreatedSoThatTheServicesDoNotStart(@TempDir Path bin) throws Exception {
        // the services wait for service_completed_successfully: a failure must be an exit code
        stub(bin, "case \"$*\" in *yubin.mail.outbound.retry.20m*) exit 1;; esac");
        assertThat(run(bin).exitCode()).isNotZero();
    }

    private static void stub(Path bin, String body) throws Exception {
        Path script = bin.resolve("kafka-topics.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Tools.Result run(Path bin) {
        return Tools.run(Repo.ROOT, Map.of("KAFKA_BIN", bin.toString(), "KAFKA_BOOTSTRAP", "",
                        "YUBIN_TOPIC_PARTITIONS", "", "YUBIN_TOPIC_REPLICATION", ""),
                List.of("/bin/sh", "deploy/docker/kafka/create-topics.sh"));
    }
}
