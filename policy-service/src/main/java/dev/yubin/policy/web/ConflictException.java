package dev.yubin.policy.web;

/** The request clashes with what is stored (a duplicate, or a domain still in use): a 409 problem. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
