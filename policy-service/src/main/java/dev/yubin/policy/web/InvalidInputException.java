package dev.yubin.policy.web;

/** A well-formed request whose content we refuse (bad domain, non-local domain...): a 400 problem. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String detail) {
        super(detail);
    }
}
