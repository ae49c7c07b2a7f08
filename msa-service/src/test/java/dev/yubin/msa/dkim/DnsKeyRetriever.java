package dev.yubin.msa.dkim;

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

/** jDKIM's key lookup, asking the test DNS server with dnsjava: {@code selector._domainkey.domain TXT}. */
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
            Name name = Name.fromString(selector + "._domainkey." + token + ".");
            Message response = resolver.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)));
            List<String> records = new ArrayList<>();
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record instanceof TXTRecord txt) {
                    records.add(String.join("", txt.getStrings()));
                }
            }
            return records;
        } catch (IOException e) {
            throw new TempFailException("DNS lookup failed: " + e.getMessage());
        }
    }
}
