#!/usr/bin/env bash
# Outbound relay benchmark: N messages queued on yubin.mail.outbound for 50 remote domains whose
# MX (found through a DNS server started here) is Postfix's smtp-sink on loopback; then the same
# with a 51st, black-hole domain in the mix (accepts TCP, never says a word).
#
# Prerequisites: a devstack started with the relay pointed at this script's DNS server and port:
#   YUBIN_DNS_SERVERS=127.0.0.1:$DNS_PORT YUBIN_RELAY_SMTP_PORT=$SINK_PORT ./yubin up
# apt package postfix (smtp-sink), python3, and a built checkout (mvn install). See bench/README.md.
# Usage: bench/relay.sh [MESSAGES] [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
SIZE=${2:-10240}
KAFKA=127.0.0.1:${YUBIN_KAFKA_PORT:-19092}
DNS_PORT=${YUBIN_BENCH_DNS_PORT:-5353}
SINK_PORT=${YUBIN_BENCH_SINK_PORT:-2526}
BUILD_DIR=${YUBIN_BENCH_BUILD_DIR:-target}   # mta-service's build folder (-Dyubin.build.dir)
WORK=${YUBIN_BENCH_DIR:-/tmp/yubin-bench/relay}
mkdir -p "$WORK"

# The benchmark driver and the DNS server are test classes of mta-service (RelayBench, TestDns).
if [ ! -f "mta-service/$BUILD_DIR/test-classes/dev/yubin/mta/relay/RelayBench.class" ]; then
  mvn -o -q -pl mta-service test-compile -Dyubin.build.dir="$BUILD_DIR"
fi
mvn -o -q -pl mta-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath" -Dyubin.build.dir="$BUILD_DIR" >/dev/null
CP="mta-service/$BUILD_DIR/test-classes:mta-service/$BUILD_DIR/classes:$(cat "$WORK/classpath")"
cat >"$WORK/logback.xml" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d %-5level %logger{20} %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="err"/></root>
</configuration>
XML
RELAY_BENCH=(java -Xmx512m -Dlogback.configurationFile="$WORK/logback.xml" -cp "$CP" dev.yubin.mta.relay.RelayBench)
bench() { "${RELAY_BENCH[@]}" "$@"; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

DOMAINS=()
specs=()
for i in $(seq -w 1 50); do
  DOMAINS+=("d$i.relay-bench.test"); specs+=("d$i.relay-bench.test=127.0.0.1")
done
BLACKHOLE=blackhole.relay-bench.test
specs+=("$BLACKHOLE=127.0.0.2")

# every MX listens on the same port (yubin.relay.smtp-port): the sink on 127.0.0.1, the black hole on 127.0.0.2
# smtp-sink refuses to run as root without -u (it drops to that user after opening the socket)
SINK_USER=()
if [ "$(id -u)" = 0 ]; then SINK_USER=(-u nobody); fi
smtp-sink "${SINK_USER[@]}" 127.0.0.1:"$SINK_PORT" 1024 >"$WORK/smtp-sink.log" 2>&1 & pids+=($!)
python3 - "$SINK_PORT" >"$WORK/blackhole.log" 2>&1 <<'PY' & pids+=($!)
import socket, sys
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.2", int(sys.argv[1])))
server.listen(1024)
held = []
while True:                       # accept and hold every connection, never answer
    held.append(server.accept()[0])
PY
# started directly, not through bench(), so that $! is the JVM and the trap stops it
"${RELAY_BENCH[@]}" dns "$DNS_PORT" "${specs[@]}" >"$WORK/dns.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q "dns ready" "$WORK/dns.log" && break; sleep 0.1; done
grep -q "dns ready" "$WORK/dns.log" || { echo "DNS server did not start: $WORK/dns.log" >&2; exit 1; }

domains=$(IFS=,; echo "${DOMAINS[*]}")
echo "warm-up (500 messages, not counted)"
bench load "$KAFKA" 500 "$SIZE" "$domains" >/dev/null
echo "50 domains:               $(bench load "$KAFKA" "$N" "$SIZE" "$domains")"
echo "50 domains + black hole:  $(bench load "$KAFKA" "$N" "$SIZE" "$domains" "$BLACKHOLE")"
