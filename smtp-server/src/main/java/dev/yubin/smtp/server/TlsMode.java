package dev.yubin.smtp.server;

/** How a listener speaks TLS. */
public enum TlsMode {
    /** No TLS at all (no certificate): STARTTLS is not offered. */
    NONE,
    /** STARTTLS offered, plain text allowed (port 25, RFC 3207). */
    STARTTLS,
    /** STARTTLS required before anything but EHLO, STARTTLS, NOOP and QUIT (submission, RFC 6409). */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (submissions on port 465, RFC 8314). */
    IMPLICIT;

    boolean offersStartTls() {
        return this == STARTTLS || this == STARTTLS_REQUIRED;
    }
}
