#!/usr/bin/env bash
# Starts (or stops) a private OpenDKIM signer (milter on 127.0.0.1:PORT) for DOMAIN with a fresh
# 2048-bit RSA key, relaxed/relaxed, rsa-sha256 — what our MSA signs with — so that
# bench/submission.sh can compare with a Postfix that signs too. Apt package: opendkim.
# Usage: bench/opendkim-private.sh start|stop [DIR] [PORT] [DOMAIN]
set -euo pipefail
action=${1:?start or stop}
dir=${2:-/tmp/yubin-bench/opendkim}
port=${3:-8891}
domain=${4:-bench.test}

case "$action" in
start)
  mkdir -p "$dir"
  if [ ! -f "$dir/bench.private" ]; then
    openssl genrsa -out "$dir/bench.private" 2048 2>/dev/null
  fi
  chown -R opendkim:opendkim "$dir"
  chmod 600 "$dir/bench.private"
  cat > "$dir/opendkim.conf" <<CONF
Mode s
Domain $domain
Selector bench
KeyFile $dir/bench.private
Canonicalization relaxed/relaxed
SignatureAlgorithm rsa-sha256
Socket inet:$port@127.0.0.1
PidFile $dir/opendkim.pid
UserID opendkim
Syslog no
# the benchmark lives under /tmp, which every user may write
RequireSafeKeys false
CONF
  opendkim -x "$dir/opendkim.conf"
  for _ in $(seq 50); do   # until the milter listens
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0
    sleep 0.1
  done
  echo "opendkim did not start listening on $port" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/opendkim.pid" ]; then
    pid=$(cat "$dir/opendkim.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do   # the milter library takes a few seconds to let go
      kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid")" != Z ] || break
      sleep 0.1
    done
    rm -f "$dir/opendkim.pid"
  fi
  ;;
esac
