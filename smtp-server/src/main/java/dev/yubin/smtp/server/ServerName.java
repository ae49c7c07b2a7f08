package dev.yubin.smtp.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The name a listener announces in its banner, EHLO reply and Received header. */
public final class ServerName {

    private static final Logger log = LoggerFactory.getLogger(ServerName.class);

    private ServerName() {}

    /**
     * The configured name, else the local host name, else {@code localhost} with a warning.
     *
     * @param property the setting that configures it, named in the warning
     */
    public static String resolve(String configured, String property) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            log.warn("Cannot tell the local host name ({}): announcing 'localhost'; set {}", e.getMessage(), property);
            return "localhost";
        }
    }
}
