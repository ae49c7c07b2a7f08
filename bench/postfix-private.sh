#!/usr/bin/env bash
# Starts (or stops) a private Postfix 3.7 on 127.0.0.1:$PORT that delivers bench@bench.test to a
# Maildir with Postfix's default fsync, as the baseline of bench/inbound.sh.
# Usage: bench/postfix-private.sh start|stop|count [DIR] [PORT]
# With SUBMISSION_PORT, TLS_CERT, TLS_KEY, SASL_USER and SASL_PASSWORD set, it also offers
# submission (STARTTLS, then SASL PLAIN/LOGIN from a Cyrus sasldb; apt package sasl2-bin) on
# 127.0.0.1:$SUBMISSION_PORT, relaying for authenticated clients only. With DKIM_SUBMISSION_PORT
# and DKIM_MILTER as well, a second such port signs every message through that milter (Postfix's
# notation, e.g. unix:/tmp/yubin-bench/opendkim/milter.sock from bench/opendkim-private.sh).
set -euo pipefail
action=${1:?start, stop or count}
dir=${2:-/tmp/yubin-bench/postfix}
port=${3:-2626}
etc=$dir/etc

case "$action" in
start)
  mkdir -p "$etc" "$dir/spool" "$dir/data" "$dir/vmail"
  cp /etc/postfix/master.cf /etc/postfix/dynamicmaps.cf "$etc/"
  cat > "$etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/spool
data_directory = $dir/data
mail_owner = postfix
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = postfix.bench.localdomain
mydestination =
mynetworks = 127.0.0.0/8
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
virtual_mailbox_domains = bench.test
virtual_mailbox_base = $dir/vmail
virtual_mailbox_maps = inline:{ bench@bench.test=bench/ }
virtual_uid_maps = static:5000
virtual_gid_maps = static:5000
virtual_destination_concurrency_limit = 20
default_process_limit = 200
smtpd_client_connection_count_limit = 0
maillog_file = $dir/maillog
maillog_file_prefixes = /var, /tmp, $dir
CONF
  postconf -c "$etc" -X -M smtp/inet 2>/dev/null || true
  postconf -c "$etc" -M "127.0.0.1:$port/inet=127.0.0.1:$port inet n - n - - smtpd"
  if [ -n "${SUBMISSION_PORT:-}" ]; then
    mkdir -p "$etc/sasl"
    printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\nsasldb_path: %s\n' \
      "$dir/sasldb2" > "$etc/sasl/smtpd.conf"
    echo "$SASL_PASSWORD" | saslpasswd2 -p -c -f "$dir/sasldb2" -u bench.test "${SASL_USER%@*}"
    chown postfix "$dir/sasldb2"
    postconf -c "$etc" -e "cyrus_sasl_config_path = $etc/sasl" "smtpd_sasl_local_domain = bench.test" \
      "smtpd_tls_cert_file = $TLS_CERT" "smtpd_tls_key_file = $TLS_KEY" "smtpd_tls_security_level = may"
    postconf -c "$etc" -M "127.0.0.1:$SUBMISSION_PORT/inet=127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd"
    postconf -c "$etc" -P "127.0.0.1:$SUBMISSION_PORT/inet/smtpd_tls_security_level=encrypt" \
      "127.0.0.1:$SUBMISSION_PORT/inet/smtpd_sasl_auth_enable=yes" \
      "127.0.0.1:$SUBMISSION_PORT/inet/smtpd_tls_auth_only=yes" \
      "127.0.0.1:$SUBMISSION_PORT/inet/smtpd_recipient_restrictions=permit_sasl_authenticated,reject" \
      "127.0.0.1:$SUBMISSION_PORT/inet/mynetworks=127.0.0.2/32"
    if [ -n "${DKIM_SUBMISSION_PORT:-}" ]; then
      service="127.0.0.1:$DKIM_SUBMISSION_PORT/inet"
      postconf -c "$etc" -M "$service=127.0.0.1:$DKIM_SUBMISSION_PORT inet n - n - - smtpd"
      postconf -c "$etc" -P "$service/smtpd_tls_security_level=encrypt" "$service/smtpd_sasl_auth_enable=yes" \
        "$service/smtpd_tls_auth_only=yes" "$service/mynetworks=127.0.0.2/32" \
        "$service/smtpd_recipient_restrictions=permit_sasl_authenticated,reject" \
        "$service/smtpd_milters=${DKIM_MILTER:?}" "$service/milter_default_action=tempfail"
    fi
  fi
  postconf -c "$etc" -F '*/*/chroot = n'
  install -d -o 5000 -g 5000 "$dir/vmail/bench"
  chown postfix "$dir/data"
  # Postfix runs a second configuration only when the default one names it.
  current=$(postconf -h alternate_config_directories)
  case " $current " in *" $etc "*) ;; *) postconf -e "alternate_config_directories = $current $etc" ;; esac
  postfix -c "$etc" post-install create-missing >/dev/null 2>&1 || true
  postfix -c "$etc" check
  postfix -c "$etc" start
  ;;
stop)
  postfix -c "$etc" stop || true
  ;;
count)
  find "$dir/vmail/bench/new" -type f 2>/dev/null | wc -l
  ;;
esac
