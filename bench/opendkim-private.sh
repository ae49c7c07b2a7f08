#!/usr/bin/env bash
# Starts (or stops) a private OpenDKIM signer for DOMAIN with a fresh 2048-bit RSA key,
# relaxed/relaxed, rsa-sha256 — what our MSA signs with — so that bench/submission.sh can compare
# with a Postfix that signs too. The milter listens on the UNIX socket DIR/milter.sock, as
# Debian's package sets it up (over TCP on loopback each message stalled about 90 ms, with the
# CPU three quarters idle). Apt package: opendkim.
# Usage: bench/opendkim-private.sh start|stop [DIR] [DOMAIN]
set -euo pipefail
action=${1:?start or stop}
dir=${2:-/tmp/yubin-bench/opendkim}
domain=${3:-bench.test}
socket=$dir/milter.sock

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
Socket local:$socket
# Postfix's smtpd, another user, connects to it
UMask 000
PidFile $dir/opendkim.pid
UserID opendkim
Syslog no
# the benchmark lives under /tmp, which every user may write
RequireSafeKeys false
CONF
  rm -f "$socket"
  opendkim -x "$dir/opendkim.conf"
  for _ in $(seq 50); do   # until the milter listens
    [ -S "$socket" ] && exit 0
    sleep 0.1
  done
  echo "opendkim did not start listening on $socket" >&2
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
