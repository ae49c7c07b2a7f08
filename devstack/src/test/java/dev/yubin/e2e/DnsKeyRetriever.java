package dev.yubin.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * jDKIM's key lookup over real DNS: {@code SELECTOR._domainkey.DOMAIN TXT}, asked with dnsjava of
 * one server (the test's) instead of the system's resolver.
 */
final class DnsKeyRetriever implements PublicKeyRecordRetriever {

    private final SimpleResolver resolver;

    DnsKeyRetriever(int port) {
        resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(port);
    }

    @Override
    public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
            throws TempFailException {
        try {
            Name name = Name.fromString(selector + "._domainkey." + token, Name.root);
            Message response = resolver.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)));
            List<String> records = new ArrayList<>();
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record instanceof TXTRecord txt) {
                    // a record split into several strings is one value (RFC 6376 §3.6.2.2)
                    records.add(String.join("", txt.getStrings()));
                }
            }
            return records;
        } catch (IOException e) {
            throw new TempFailException("DNS lookup failed: " + e.getMessage());
        }
    }
}
