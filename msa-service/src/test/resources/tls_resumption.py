#!/usr/bin/env python3
"""Connects twice to a submission port and says whether the second TLS handshake resumed the
first session, as mail clients (Thunderbird, Python's smtplib with a session) do.

Usage: tls_resumption.py HOST PORT starttls|implicit TLSv1_2|TLSv1_3
Prints: "resumed" or "full handshake"; exits 1 on any other outcome.
"""
import smtplib
import ssl
import sys


def handshake(host, port, mode, context, session):
    if mode == "starttls":
        smtp = smtplib.SMTP(host, port, local_hostname="client.example", timeout=30)
        smtp.ehlo()
        code, _ = smtp.docmd("STARTTLS")
        if code != 220:
            raise SystemExit("STARTTLS answered %d" % code)
        smtp.sock = context.wrap_socket(smtp.sock, server_hostname="msa.yubin.test", session=session)
        smtp.file = None
    else:
        smtp = smtplib.SMTP(local_hostname="client.example", timeout=30)
        smtp.sock = context.wrap_socket(__import__("socket").create_connection((host, port), 30),
                                        server_hostname="msa.yubin.test", session=session)
        smtp.file = None
        smtp.getreply()   # the greeting
    # a reply after the handshake: a TLS 1.3 ticket comes after the handshake, with the first data
    code, _ = smtp.ehlo()
    if code != 250:
        raise SystemExit("EHLO answered %d" % code)
    tls = smtp.sock
    resumed, ticket = tls.session_reused, tls.session
    smtp.quit()
    return resumed, ticket


def main():
    host, port, mode, version = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = context.maximum_version = getattr(ssl.TLSVersion, version)
    first_resumed, session = handshake(host, port, mode, context, None)
    if first_resumed:
        raise SystemExit("the first handshake cannot be a resumption")
    resumed, _ = handshake(host, port, mode, context, session)
    print("resumed" if resumed else "full handshake")


if __name__ == "__main__":
    main()
