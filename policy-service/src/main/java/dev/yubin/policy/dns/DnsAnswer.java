package dev.yubin.policy.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The answer to one question (name, type). A timeout or a server failure is its own status, never
 * mistaken for "no such name": each check decides whether it is a TEMPFAIL.
 *
 * @param name    the name asked, absolute, as written (e.g. {@code mx.example.org.})
 * @param records the records of the asked type, empty unless {@link Status#FOUND}
 */
public record DnsAnswer(String name, int type, Status status, List<Record> records) {

    public enum Status {
        /** Records of the asked type exist. */
        FOUND,
        /** The name does not exist (NXDOMAIN). */
        NXDOMAIN,
        /** The name exists but has no record of this type. */
        NODATA,
        /** No answer in time from any server. */
        TIMEOUT,
        /** The server answered with an error (SERVFAIL, REFUSED...) or could not be reached. */
        SERVFAIL
    }

    public DnsAnswer {
        records = records == null ? List.of() : List.copyOf(records);
    }

    public boolean isFound() {
        return status == Status.FOUND;
    }

    /** NXDOMAIN or NODATA: a definite "there is none". */
    public boolean isNegative() {
        return status == Status.NXDOMAIN || status == Status.NODATA;
    }

    /** TIMEOUT or SERVFAIL: we do not know, asking later may tell. */
    public boolean isTemporaryFailure() {
        return status == Status.TIMEOUT || status == Status.SERVFAIL;
    }

    /** The addresses of A and AAAA records. */
    public List<InetAddress> addresses() {
        return records.stream()
                .map(r -> r instanceof ARecord a ? a.getAddress()
                        : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null)
                .filter(a -> a != null)
                .toList();
    }

    /** The targets of PTR and MX records: lower case, without the final dot. */
    public List<String> names() {
        return records.stream()
                .map(r -> r instanceof PTRRecord p ? p.getTarget() : r instanceof MXRecord mx ? mx.getTarget() : null)
                .filter(n -> n != null)
                .map(n -> hostName(n.toString()))
                .toList();
    }

    /** TXT (and the old SPF type's) records, each one's strings joined (RFC 7208 §3.3). */
    public List<String> texts() {
        return records.stream()
                .map(r -> r instanceof TXTRecord txt ? txt.getStrings()
                        : r instanceof SPFRecord spf ? spf.getStrings() : null)
                .filter(strings -> strings != null)
                .map(strings -> String.join("", strings))
                .toList();
    }

    /** For the decision log, e.g. {@code A 2.0.2.192.zen.example: FOUND 127.0.0.2}. */
    public String describe() {
        String data = records.stream().map(Record::rdataToString).reduce((a, b) -> a + ", " + b).orElse("");
        return Type.string(type) + " " + hostName(name) + ": " + status + (data.isEmpty() ? "" : " " + data);
    }

    static String hostName(String absolute) {
        String lower = absolute.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }
}
