package dev.yubin.policy.postfix;

/** The peer does not speak the policy protocol (or abuses it): the connection is closed. */
class ProtocolViolation extends Exception {

    ProtocolViolation(String message) {
        super(message);
    }
}
