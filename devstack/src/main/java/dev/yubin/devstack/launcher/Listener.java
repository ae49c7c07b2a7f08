package dev.yubin.devstack.launcher;

/**
 * A port the platform waits for. An HTTP listener is ready when it accepts connections and
 * {@code GET /actuator/health/readiness} answers 200; any other when it accepts connections.
 */
record Listener(String owner, String kind, int port, boolean http) {

    static Listener http(String service, int port) {
        return new Listener(service, "http", port, true);
    }

    static Listener tcp(String owner, String kind, int port) {
        return new Listener(owner, kind, port, false);
    }

    String describe() {
        return owner + " " + kind + " 127.0.0.1:" + port;
    }
}
