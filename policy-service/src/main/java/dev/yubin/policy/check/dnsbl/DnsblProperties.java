package dev.yubin.policy.check.dnsbl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DNS blocklists asked at CONNECT, as Postfix's postscreen does: the weights of the zones that
 * list the client are added up; at or above the threshold the client is refused. A bad zone
 * spelling stops startup.
 *
 * @param zones     {@code zone}, {@code zone=weight} or {@code zone=weight:127.0.0.2,127.0.0.4};
 *                  empty (the default): no DNSBL lookups
 * @param threshold the score at which a client is refused
 */
@ConfigurationProperties("yubin.policy.dnsbl")
record DnsblProperties(List<String> zones, @DefaultValue("1") int threshold) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    DnsblProperties {
        zones = joinAnswerCodes(zones == null ? List.of() : zones.stream().filter(z -> !z.isBlank()).toList());
        zones.forEach(DnsblZone::parse);
        if (threshold < 1) {
            throw new IllegalArgumentException("yubin.policy.dnsbl.threshold must be at least 1");
        }
    }

    /**
     * A comma-separated property ({@code zen.example=2:127.0.0.2,127.0.0.4}, also as an environment
     * variable) reaches us split at every comma: an element that is only an address continues the
     * answer codes of the zone before it.
     */
    private static List<String> joinAnswerCodes(List<String> elements) {
        List<String> zones = new ArrayList<>();
        for (String element : elements) {
            String text = element.strip();
            if (IPV4.matcher(text).matches()) {
                if (zones.isEmpty() || !zones.get(zones.size() - 1).contains(":")) {
                    throw new IllegalArgumentException("yubin.policy.dnsbl.zones: answer code " + text
                            + " follows no zone=weight:codes entry");
                }
                zones.set(zones.size() - 1, zones.get(zones.size() - 1) + "," + text);
            } else {
                zones.add(text);
            }
        }
        return List.copyOf(zones);
    }

    List<DnsblZone> parsedZones() {
        return zones.stream().map(DnsblZone::parse).toList();
    }
}
