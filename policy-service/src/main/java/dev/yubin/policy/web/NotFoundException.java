package dev.yubin.policy.web;

/** The resource named by the request does not exist: a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
