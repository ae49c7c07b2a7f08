package dev.yubin.mda.web;

/** The policy service could not answer a password check: we can say neither yes nor no. */
class PolicyUnavailableException extends RuntimeException {

    PolicyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
