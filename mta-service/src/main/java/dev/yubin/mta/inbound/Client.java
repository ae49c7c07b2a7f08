package dev.yubin.mta.inbound;

import java.util.Optional;

/**
 * The SMTP client as the session saw it.
 *
 * @param address its IP address
 * @param helo    the name it gave in HELO/EHLO, or empty
 * @param tls     the TLS protocol and cipher, when STARTTLS was done
 */
public record Client(String address, String helo, Optional<Tls> tls) {

    public Client {
        address = address == null ? "" : address;
        helo = helo == null ? "" : helo;
        tls = tls == null ? Optional.empty() : tls;
    }

    public record Tls(String protocol, String cipherSuite) {}
}
