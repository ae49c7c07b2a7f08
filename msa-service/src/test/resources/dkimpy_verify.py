#!/usr/bin/env python3
"""Verifies every DKIM-Signature of a message with dkimpy (RFC 6376 and RFC 8463 ed25519),
answering key lookups from NAME=TXT arguments instead of the DNS.

Usage: dkimpy_verify.py MESSAGE_FILE NAME=TXT...
Prints one line per signature, top down: "<a= tag> pass" or "<a= tag> fail".
"""
import re
import sys

import dkim


def main():
    message = open(sys.argv[1], "rb").read()
    records = dict(arg.split("=", 1) for arg in sys.argv[2:])

    def dnsfunc(name, timeout=5):
        name = name.decode() if isinstance(name, bytes) else name
        return records.get(name.rstrip("."), "").encode()

    verifier = dkim.DKIM(message, minkey=1024)
    headers = [v for k, v in verifier.headers if k.lower() == b"dkim-signature"]
    for index, value in enumerate(headers):
        algorithm = re.search(rb"a=([\w-]+)", value).group(1).decode()
        try:
            ok = verifier.verify(idx=index, dnsfunc=dnsfunc)
        except dkim.ValidationError:
            ok = False  # a body hash mismatch is raised, a bad signature returned
        print(algorithm, "pass" if ok else "fail")


if __name__ == "__main__":
    main()
