package dev.yubin.devstack.infra;

import org.apache.kafka.common.utils.Exit;

/**
 * Kafka ends the JVM on a fatal broker error ({@code Exit.exit}/{@code Exit.halt}). Inside the
 * launcher that would kill the supervisor of every service, so the call is turned into an
 * exception in the failing broker thread instead; the broker stops, the launcher does not.
 */
final class KafkaExitGuard {

    private KafkaExitGuard() {}

    static void install() {
        // Kafka's own hook is global to the JVM: setting the same procedures again is harmless
        Exit.setExitProcedure(KafkaExitGuard::refuse);
        Exit.setHaltProcedure(KafkaExitGuard::refuse);
    }

    private static void refuse(int status, String message) {
        String text = "Kafka asked to end the JVM (status " + status + "): " + message;
        System.err.println("yubin devstack: " + text);
        throw new KafkaFatalException(text);
    }

    /** Thrown in place of a JVM exit requested by the broker. */
    static final class KafkaFatalException extends RuntimeException {
        KafkaFatalException(String message) {
            super(message);
        }
    }
}
