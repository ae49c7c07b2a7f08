#!/bin/sh
# One-shot job of docker-compose.yml (service kafka-topics): creates Yubin's topics, which
# are never auto-created (docs/conventions.md). Safe to run again: existing topics are kept.
# Records are raw messages of up to 32 MiB, hence max.message.bytes. The retry topics are
# those of the default schedule (yubin.relay.retry.first 5m, doubling, max 1h); the relay
# declares the ones a changed schedule needs itself (mta-service RelayConfig).
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
PARTITIONS="${YUBIN_TOPIC_PARTITIONS:-6}"
REPLICATION="${YUBIN_TOPIC_REPLICATION:-1}"
TOPICS="yubin.mail.inbound
yubin.mail.outbound
yubin.mail.events
yubin.mail.inbound.dlt
yubin.mail.outbound.retry.5m
yubin.mail.outbound.retry.10m
yubin.mail.outbound.retry.20m
yubin.mail.outbound.retry.40m
yubin.mail.outbound.retry.1h"

for topic in $TOPICS; do
    "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
        --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION" \
        --config max.message.bytes=33554432
done
"$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --describe --topics-with-overrides
