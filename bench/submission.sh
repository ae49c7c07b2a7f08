#!/usr/bin/env bash
# Submission benchmark: N messages over C concurrent sessions with STARTTLS + AUTH PLAIN (+ DKIM
# signing on our side) against the MSA of a running devstack and against a private Postfix 3.7
# submission port (TLS + Cyrus SASL) in the same run — and a second Postfix submission port that
# signs through OpenDKIM (rsa-sha256, relaxed/relaxed, as we do) — sending two ways
# (bench/submission_driver.py, Python smtplib):
#   outbox:     each session does STARTTLS + AUTH once, then sends its share of the messages;
#   connection: one connection (STARTTLS resuming the TLS session, AUTH) per message, as
#               Thunderbird sends.
# The MSA is warmed up first (YUBIN_BENCH_WARMUP messages, default 3000: a long-running JVM has
# compiled its hot paths; the first thousands of messages pay for the JIT), Postfix with 300.
#
# Prerequisites: `./yubin up` running with default ports; apt packages postfix, sasl2-bin,
# opendkim, python3. See bench/README.md.
# Usage: bench/submission.sh [MESSAGES] [SESSIONS] [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
C=${2:-10}
SIZE=${3:-10240}
MSA=${YUBIN_BENCH_MSA:-127.0.0.1:2587}
DATA=${YUBIN_DATA_DIR:-./data}
PF_DIR=${YUBIN_BENCH_POSTFIX_DIR:-/tmp/yubin-bench/postfix-submission}
PF_PORT=${YUBIN_BENCH_POSTFIX_PORT:-2626}
PF_SUBMISSION=${YUBIN_BENCH_POSTFIX_SUBMISSION_PORT:-2687}
PF_DKIM_SUBMISSION=${YUBIN_BENCH_POSTFIX_DKIM_SUBMISSION_PORT:-2688}
DKIM_DIR=${YUBIN_BENCH_OPENDKIM_DIR:-/tmp/yubin-bench/opendkim}
USER_ADDRESS=bench@bench.test
PASSWORD=bench-password

./yubin domain add bench.test >/dev/null 2>&1 || true
./yubin user add "$USER_ADDRESS" --password "$PASSWORD" >/dev/null 2>&1 || true
./yubin dkim add bench.test >/dev/null
# the per-account hourly limit (default 200) would stop a benchmark: lift it for this account
curl -fsS -X PUT -H "Authorization: Bearer ${YUBIN_ADMIN_TOKEN:-$(cat "$DATA/admin-token")}" \
  -H 'Content-Type: application/json' -d '{"maxMessagesPerHour":100000000,"maxRecipientsPerMessage":100}' \
  "${YUBIN_POLICY_URL:-http://127.0.0.1:8084}/api/v1/accounts/$USER_ADDRESS/limits"

bench/postfix-private.sh stop "$PF_DIR" >/dev/null 2>&1 || true
bench/opendkim-private.sh stop "$DKIM_DIR" >/dev/null 2>&1 || true
bench/opendkim-private.sh start "$DKIM_DIR" bench.test
SUBMISSION_PORT=$PF_SUBMISSION DKIM_SUBMISSION_PORT=$PF_DKIM_SUBMISSION DKIM_MILTER="unix:$DKIM_DIR/milter.sock" \
  TLS_CERT="$(realpath "$DATA/tls/cert.pem")" TLS_KEY="$(realpath "$DATA/tls/key.pem")" \
  SASL_USER=$USER_ADDRESS SASL_PASSWORD=$PASSWORD bench/postfix-private.sh start "$PF_DIR" "$PF_PORT" >/dev/null
trap 'bench/postfix-private.sh stop "$PF_DIR" >/dev/null 2>&1 || true; bench/opendkim-private.sh stop "$DKIM_DIR" >/dev/null 2>&1 || true' EXIT

drive() { bench/submission_driver.py "$1" "$USER_ADDRESS" "$PASSWORD" "$USER_ADDRESS" "$USER_ADDRESS" "$SIZE" "$2" "$C" "$3"; }
drive "$MSA" "${YUBIN_BENCH_WARMUP:-3000}" 0 >/dev/null     # warm-up, not measured
drive "$MSA" 300 1 >/dev/null
for port in "$PF_SUBMISSION" "$PF_DKIM_SUBMISSION"; do
  drive "127.0.0.1:$port" 300 0 >/dev/null
  drive "127.0.0.1:$port" 300 1 >/dev/null
done
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
printf '%-16s %-10s %10s %10s %10s %12s\n' server mode msg/s p50_ms p99_ms tls_resumed
for mode in outbox connection; do
  per=0; [ "$mode" = connection ] && per=1
  read -r y_rate y50 y99 y_tls < <(drive "$MSA" "$N" "$per")
  read -r p_rate p50 p99 p_tls < <(drive "127.0.0.1:$PF_SUBMISSION" "$N" "$per")
  read -r d_rate d50 d99 d_tls < <(drive "127.0.0.1:$PF_DKIM_SUBMISSION" "$N" "$per")
  printf '%-16s %-10s %10s %10s %10s %12s\n' yubin "$mode" "$y_rate" "$y50" "$y99" "$y_tls" \
    postfix "$mode" "$p_rate" "$p50" "$p99" "$p_tls" postfix+opendkim "$mode" "$d_rate" "$d50" "$d99" "$d_tls"
  echo "ratio ($mode, accepted msg/s, $C sessions, $SIZE bytes): yubin/postfix $(ratio "$y_rate" "$p_rate"), yubin/postfix+opendkim $(ratio "$y_rate" "$d_rate")"
done
