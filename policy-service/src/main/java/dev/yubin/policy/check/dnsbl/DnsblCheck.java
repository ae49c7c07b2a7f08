package dev.yubin.policy.check.dnsbl;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.dns.DnsAnswer;
import dev.yubin.policy.dns.DnsLookup;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * CONNECT: asks every configured zone at once and adds up the weights of those that list the
 * client; a score at or above {@code yubin.policy.dnsbl.threshold} is 554 5.7.1 with a text that
 * names no list (the decision log does). A zone that does not answer counts nothing: a DNSBL
 * outage must not stop our mail.
 */
@Component
@Order(30)
class DnsblCheck implements Check {

    private final DnsLookup dns;
    private final List<DnsblZone> zones;
    private final int threshold;

    DnsblCheck(DnsLookup dns, DnsblProperties properties) {
        this.dns = dns;
        this.zones = properties.parsedZones();
        this.threshold = properties.threshold();
    }

    @Override
    public String name() {
        return "dnsbl";
    }

    @Override
    public Stage stage() {
        return Stage.CONNECT;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return !zones.isEmpty();
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        Optional<InetAddress> client = IpLiterals.parse(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("no client address to look up");
        }
        String reversed = reversed(client.get());
        List<CompletableFuture<DnsAnswer>> answers = zones.stream()
                .map(zone -> dns.lookupAsync(reversed + "." + zone.zone(), Type.A))
                .toList();
        int score = 0;
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            DnsblZone zone = zones.get(i);
            DnsAnswer answer = answers.get(i).join();
            if (answer.isFound() && zone.lists(answer.addresses())) {
                score += zone.weight();
                findings.add(zone.zone() + " lists it " + codes(answer) + " (weight " + zone.weight() + ")");
            } else if (answer.isFound()) {
                findings.add(zone.zone() + " answered " + codes(answer) + ", not a listing code");
            } else {
                findings.add(zone.zone() + ": " + answer.status());
            }
        }
        String detail = client.get().getHostAddress() + " scores " + score + " of threshold " + threshold + ": "
                + String.join("; ", findings);
        return score >= threshold ? Verdict.reject(SmtpReply.POLICY_REJECT, detail) : Verdict.dunno(detail);
    }

    /** {@code 192.0.2.1} → {@code 1.2.0.192}; IPv6 as 32 reversed nibbles (RFC 5782 §2.4). */
    static String reversed(InetAddress address) {
        String name = ReverseMap.fromAddress(address).toString();
        return name.substring(0, name.length() - (name.endsWith(".in-addr.arpa.") ? ".in-addr.arpa.".length()
                : ".ip6.arpa.".length()));
    }

    private static String codes(DnsAnswer answer) {
        return answer.addresses().stream().map(InetAddress::getHostAddress).toList().toString();
    }
}
