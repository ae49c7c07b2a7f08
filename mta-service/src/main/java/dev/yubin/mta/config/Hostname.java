package dev.yubin.mta.config;

/** The name this MTA announces in its greeting, its EHLO reply and its Received headers. */
public record Hostname(String value) {

    public Hostname {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the host name must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
