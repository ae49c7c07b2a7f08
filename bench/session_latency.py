#!/usr/bin/env python3
"""Times whole single-message SMTP sessions (connect .. 250 after DATA .. QUIT), one after another.

Usage: session_latency.py HOST:PORT SENDER RECIPIENT SIZE COUNT
Prints: p50_ms p99_ms (over COUNT sessions, after 10 warm-up sessions that are not counted).
"""
import smtplib
import sys
import time


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    sender, recipient, size, count = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    body = ("From: <%s>\r\nTo: <%s>\r\nSubject: latency\r\n\r\n" % (sender, recipient)).encode()
    line = b"x" * 78 + b"\r\n"
    body += line * max(1, (size - len(body)) // len(line))
    samples = []
    for i in range(count + 10):
        start = time.perf_counter()
        with smtplib.SMTP(host, int(port), local_hostname="bench.client.example", timeout=30) as smtp:
            smtp.sendmail(sender, [recipient], body)
        if i >= 10:
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p50 = samples[len(samples) // 2]
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print("%.2f %.2f" % (p50, p99))


if __name__ == "__main__":
    main()
