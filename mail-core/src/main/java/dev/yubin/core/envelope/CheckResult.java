package dev.yubin.core.envelope;

/** The outcome of one check on a message (e.g. {@code spf}, {@code pass}, {@code smtp.mailfrom=...}). */
public record CheckResult(String name, String result, String detail) {

    public CheckResult {
        if (name == null || name.isBlank() || result == null) {
            throw new IllegalArgumentException("a check result needs a name and a result");
        }
        detail = detail == null ? "" : detail;
    }
}
