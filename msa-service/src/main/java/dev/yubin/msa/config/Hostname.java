package dev.yubin.msa.config;

/** The name this MSA announces in its greeting and EHLO, and writes in Received and Message-ID. */
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
