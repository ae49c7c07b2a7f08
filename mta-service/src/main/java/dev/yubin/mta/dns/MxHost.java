package dev.yubin.mta.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * One host to try for a destination, with its addresses in the order to try them.
 *
 * @param name       the MX target (or the domain itself for an implicit MX, or the smarthost)
 * @param preference the MX preference; lower is tried first
 * @param addresses  its A records first, then its AAAA records
 * @param port       the SMTP port to connect to
 */
public record MxHost(String name, int preference, List<InetAddress> addresses, int port) {

    public MxHost {
        addresses = List.copyOf(addresses);
    }
}
