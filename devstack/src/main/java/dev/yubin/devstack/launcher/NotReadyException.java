package dev.yubin.devstack.launcher;

import java.util.List;

/** The platform (or a service) did not become ready; {@link #missing()} names the listeners that were not. */
public final class NotReadyException extends RuntimeException {

    private final List<String> missing;

    public NotReadyException(String reason, List<String> missing) {
        super(reason + (missing.isEmpty() ? "" : "; not ready: " + String.join(", ", missing)));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
