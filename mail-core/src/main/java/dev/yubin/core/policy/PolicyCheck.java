package dev.yubin.core.policy;

/** One check's verdict as the decision reports it: its name, its result and the full reason. */
public record PolicyCheck(String name, String result, String detail) {}
