package dev.yubin.policy.check.spf;

import dev.yubin.policy.dns.DnsAnswer;
import dev.yubin.policy.dns.DnsLookup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.xbill.DNS.Type;

/**
 * jSPF's view of our resolver: the same servers, cache and timeouts as every other check. As
 * jSPF's own dnsjava service does, "none" is null and a timeout or server failure a
 * {@link TimeoutException}, which jSPF turns into temperror.
 */
final class SpfDns implements DNSService {

    private final DnsLookup dns;
    private volatile int recordLimit = 10;

    SpfDns(DnsLookup dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.TXT -> Type.TXT;
            case DNSRequest.SPF -> Type.SPF;
            default -> -1;
        };
        if (type < 0) {
            return null;
        }
        DnsAnswer answer = dns.lookup(request.getHostname(), type);
        if (answer.isTemporaryFailure()) {
            throw new TimeoutException(answer.describe());
        }
        if (!answer.isFound()) {
            return null;
        }
        // jSPF removes entries from the lists it gets: they must be mutable.
        return new ArrayList<>(switch (type) {
            case Type.A, Type.AAAA -> answer.addresses().stream().map(InetAddress::getHostAddress).toList();
            case Type.MX, Type.PTR -> answer.names();
            default -> answer.texts();
        });
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The %{r} macro: RFC 7208 §7.3 says "unknown" when there is no better name to give. */
    @Override
    public List<String> getLocalDomainNames() {
        return List.of("unknown");
    }

    /** Our resolver's timeouts are {@code yubin.dns.*}; jSPF does not override them. */
    @Override
    public void setTimeOut(int timeOut) {
        // deliberately ignored
    }

    @Override
    public int getRecordLimit() {
        return recordLimit;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        this.recordLimit = recordLimit;
    }
}
