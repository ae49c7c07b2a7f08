package dev.yubin.devstack.launcher;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Spring properties the service processes' environment already sets. Spring reads
 * {@code yubin.mta.smtp-port} from {@code YUBIN_MTA_SMTPPORT} and from the legacy form
 * {@code YUBIN_MTA_SMTP_PORT}; a command-line argument would win over either, so the launcher
 * passes an argument only for a property the user did not set.
 */
record SpringEnvironment(Map<String, String> variables) {

    Optional<String> get(String property) {
        return envNames(property).stream()
                .map(variables::get)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }

    boolean isSet(String property) {
        return get(property).isPresent();
    }

    /** The two environment variable names Spring's relaxed binding maps to {@code property}. */
    static List<String> envNames(String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }
}
