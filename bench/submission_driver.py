#!/usr/bin/env python3
"""Submission load: N messages over C concurrent sessions, each session doing STARTTLS and
AUTH PLAIN once and then sending its share of the messages (as a mail client with a queue does).

Usage: submission_driver.py HOST:PORT USER PASSWORD SENDER RECIPIENT SIZE MESSAGES SESSIONS
Prints: messages_per_second p50_ms p99_ms (per-message time from MAIL to the 250 after DATA).
"""
import smtplib
import ssl
import sys
import threading
import time


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    user, password, sender, recipient = sys.argv[2:6]
    size, messages, sessions = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
    head = "From: <%s>\r\nTo: <%s>\r\nSubject: submission bench\r\n\r\n" % (sender, recipient)
    line = "x" * 78 + "\r\n"
    body = (head + line * max(1, (size - len(head)) // len(line))).encode()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    latencies, errors, lock = [], [], threading.Lock()

    def session(count):
        try:
            with smtplib.SMTP(host, int(port), local_hostname="bench.client.example", timeout=60) as smtp:
                smtp.starttls(context=context)
                smtp.login(user, password)
                for _ in range(count):
                    start = time.perf_counter()
                    smtp.sendmail(sender, [recipient], body)
                    with lock:
                        latencies.append((time.perf_counter() - start) * 1000)
        except Exception as e:  # a failed session is reported, not hidden
            with lock:
                errors.append(repr(e))

    shares = [messages // sessions + (1 if i < messages % sessions else 0) for i in range(sessions)]
    threads = [threading.Thread(target=session, args=(n,)) for n in shares]
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
    print("%.0f %.2f %.2f" % (n / elapsed, latencies[n // 2], latencies[min(n - 1, int(n * 0.99))]))


if __name__ == "__main__":
    main()
