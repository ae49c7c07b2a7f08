package dev.yubin.smtp.server;

/**
 * Counts the error replies (4xx, 5xx) one connection has had. A client that collects more than
 * the limit is probing or broken: it gets 421 and is disconnected. Confined to the session thread.
 */
final class ErrorCounter {

    private final int maxErrors;
    private int errors;
    private boolean exceeded;

    ErrorCounter(int maxErrors) {
        if (maxErrors < 0) {
            throw new IllegalArgumentException("the error limit must not be negative");
        }
        this.maxErrors = maxErrors;
    }

    /**
     * @return true exactly once: for the reply that takes the client over the limit. A 421
     *         closes the connection anyway, so it does not count.
     */
    boolean count(int replyCode) {
        if (replyCode < 400 || replyCode == 421 || exceeded) {
            return false;
        }
        errors++;
        exceeded = errors > maxErrors;
        return exceeded;
    }

    int errors() {
        return errors;
    }
}
