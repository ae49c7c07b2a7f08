#!/usr/bin/env bash
# Inbound benchmark: Postfix's smtp-source against the MTA of a running devstack and against a
# private Postfix 3.7 (Maildir, default fsync) on another loopback port, in the same run.
#
# Prerequisites: `./yubin up` running with default ports; apt packages postfix (smtp-source,
# and the baseline), postgresql-client (psql), python3. See bench/README.md.
# Usage: bench/inbound.sh [MESSAGES_PER_RUN] [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
SIZE=${2:-10240}
SMTP=${YUBIN_BENCH_SMTP:-127.0.0.1:2525}
PG_PORT=${YUBIN_POSTGRES_PORT:-15432}
PF_DIR=${YUBIN_BENCH_POSTFIX_DIR:-/tmp/yubin-bench/postfix}
PF_PORT=${YUBIN_BENCH_POSTFIX_PORT:-2626}
DATA=${YUBIN_DATA_DIR:-./data}
RCPT=bench@bench.test
FROM=sender@remote.example

now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/($3-$2):.0f}')"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
yubin_count() {
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d yubin_mda -tAc \
    "select count(*) from mailbox_entry where mailbox = '$RCPT'"
}
postfix_count() { bench/postfix-private.sh count "$PF_DIR"; }
wait_for_count() { # $1 = counter function, $2 = target
  local deadline=$(( $(date +%s) + 600 ))
  while [ "$($1)" -lt "$2" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for $2 messages" >&2; return 1; }
    sleep 0.05
  done
}
rss_mb() { # peak resident memory of each devstack service
  for pidfile in "$DATA"/run/*.pid; do
    [ -f "$pidfile" ] || continue
    printf '%s=%sMB ' "$(basename "$pidfile" .pid)" \
      "$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo '?')"
  done
}

./yubin domain add bench.test >/dev/null 2>&1 || true
./yubin user add "$RCPT" --password 'bench-password' >/dev/null 2>&1 || true
bench/postfix-private.sh stop "$PF_DIR" >/dev/null 2>&1 || true
bench/postfix-private.sh start "$PF_DIR" "$PF_PORT" >/dev/null
trap 'bench/postfix-private.sh stop "$PF_DIR" >/dev/null 2>&1 || true' EXIT

# warm-up: JIT and connection pools, not measured
smtp-source -c -s 10 -m 500 -l "$SIZE" -f "$FROM" -t "$RCPT" "$SMTP" >/dev/null
wait_for_count yubin_count 500 >/dev/null || true
smtp-source -c -s 10 -m 500 -l "$SIZE" -f "$FROM" -t "$RCPT" "127.0.0.1:$PF_PORT" >/dev/null

printf '%-8s %-9s %12s %12s\n' sessions server accepted/s stored/s
for SESSIONS in 10 50; do
  for server in yubin postfix; do
    if [ "$server" = yubin ]; then target=$SMTP; counter=yubin_count; else target=127.0.0.1:$PF_PORT; counter=postfix_count; fi
    before=$($counter)
    t0=$(now)
    smtp-source -c -s "$SESSIONS" -m "$N" -l "$SIZE" -f "$FROM" -t "$RCPT" "$target" >/dev/null
    t1=$(now)
    wait_for_count "$counter" $((before + N))
    t2=$(now)
    accepted=$(rate "$N" "$t0" "$t1"); stored=$(rate "$N" "$t0" "$t2")
    printf '%-8s %-9s %12s %12s\n' "$SESSIONS" "$server" "$accepted" "$stored"
    eval "${server}_acc_$SESSIONS=$accepted; ${server}_sto_$SESSIONS=$stored"
  done
done

read -r y50 y99 < <(bench/session_latency.py "$SMTP" "$FROM" "$RCPT" "$SIZE" 300)
read -r p50 p99 < <(bench/session_latency.py "127.0.0.1:$PF_PORT" "$FROM" "$RCPT" "$SIZE" 300)
echo
echo "single-message session: yubin p50 ${y50} ms p99 ${y99} ms; postfix p50 ${p50} ms p99 ${p99} ms"
echo "ratios yubin/postfix (10 sessions): accept $(ratio "$yubin_acc_10" "$postfix_acc_10"), end-to-end $(ratio "$yubin_sto_10" "$postfix_sto_10")"
echo "ratios yubin/postfix (50 sessions): accept $(ratio "$yubin_acc_50" "$postfix_acc_50"), end-to-end $(ratio "$yubin_sto_50" "$postfix_sto_50")"
echo "p99 ratio yubin/postfix: $(ratio "$y99" "$p99")"
echo "peak RSS: $(rss_mb)"
