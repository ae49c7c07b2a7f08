package dev.yubin.devstack.cli;

/** A failure to report to the user as one line on stderr, with exit code 1 (no stack trace). */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
