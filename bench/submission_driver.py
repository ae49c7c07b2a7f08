#!/usr/bin/env python3
"""Submission load: N messages over C concurrent sessions with STARTTLS and AUTH PLAIN.

Two ways of sending, as mail clients do:
- PER_CONNECTION 0 (default): each of the C sessions connects once, does STARTTLS and AUTH, then
  sends its share of the messages (a client flushing its outbox over one connection).
- PER_CONNECTION k > 0: each of the C workers opens a new connection (STARTTLS + AUTH) for every k
  messages (Thunderbird sends each message over its own connection: k = 1), resuming its previous
  TLS session as clients do (TLS 1.3 session tickets).

Usage: submission_driver.py HOST:PORT USER PASSWORD SENDER RECIPIENT SIZE MESSAGES SESSIONS [PER_CONNECTION]
Prints: messages_per_second p50_ms p99_ms resumed_handshakes/handshakes. A message's time runs from
MAIL to the 250 after DATA; with PER_CONNECTION > 0 it also holds its share of connect, TLS and AUTH
(the whole connection, divided by its messages).
"""
import smtplib
import ssl
import sys
import threading
import time


class ResumingSMTP(smtplib.SMTP):
    """smtplib's STARTTLS, handing the previous TLS session to the handshake."""

    def starttls_resuming(self, context, session):
        self.ehlo_or_helo_if_needed()
        code, reply = self.docmd("STARTTLS")
        if code != 220:
            raise smtplib.SMTPResponseException(code, reply)
        self.sock = context.wrap_socket(self.sock, server_hostname=self._host, session=session)
        self.file = None
        self.helo_resp = self.ehlo_resp = None
        self.esmtp_features = {}
        self.does_esmtp = False


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    user, password, sender, recipient = sys.argv[2:6]
    size, messages, sessions = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
    per_connection = int(sys.argv[9]) if len(sys.argv) > 9 else 0
    head = "From: <%s>\r\nTo: <%s>\r\nSubject: submission bench\r\n\r\n" % (sender, recipient)
    line = "x" * 78 + "\r\n"
    body = (head + line * max(1, (size - len(head)) // len(line))).encode()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    latencies, errors, lock = [], [], threading.Lock()
    handshakes = {"all": 0, "resumed": 0}

    def connection(count, session):
        """Sends count messages over one connection; returns its TLS session for the next one."""
        opened = time.perf_counter()
        timings = []
        with ResumingSMTP(host, int(port), local_hostname="bench.client.example", timeout=60) as smtp:
            smtp.starttls_resuming(context, session)
            smtp.login(user, password)
            setup = time.perf_counter() - opened
            for _ in range(count):
                start = time.perf_counter()
                smtp.sendmail(sender, [recipient], body)
                timings.append(time.perf_counter() - start)
            tls = smtp.sock
            with lock:
                handshakes["all"] += 1
                handshakes["resumed"] += 1 if tls.session_reused else 0
                # per-connection mode: each message carries its share of connect, TLS and AUTH
                share = setup / count if per_connection else 0
                latencies.extend((t + share) * 1000 for t in timings)
            return tls.session

    def worker(count):
        try:
            if per_connection == 0:
                connection(count, None)
                return
            session = None
            while count > 0:
                n = min(per_connection, count)
                session = connection(n, session)
                count -= n
        except Exception as e:  # a failed session is reported, not hidden
            with lock:
                errors.append(repr(e))

    shares = [messages // sessions + (1 if i < messages % sessions else 0) for i in range(sessions)]
    threads = [threading.Thread(target=worker, args=(n,)) for n in shares]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        print("errors: %d, first: %s" % (len(errors), errors[0]), file=sys.stderr)
    latencies.sort()
    n = len(latencies)
    print("%.0f %.2f %.2f %d/%d" % (n / elapsed, latencies[n // 2], latencies[min(n - 1, int(n * 0.99))],
                                    handshakes["resumed"], handshakes["all"]))


if __name__ == "__main__":
    main()
