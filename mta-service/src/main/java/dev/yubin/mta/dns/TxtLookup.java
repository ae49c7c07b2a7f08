package dev.yubin.mta.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * TXT lookups through {@code yubin.dns.servers} (DKIM keys), cached by TTL in a cache of our own.
 * Each lookup waits at most as long as its caller allows; what does not answer in time is a
 * temporary failure, never "no such record".
 */
public class TxtLookup {

    public enum Status {
        /** TXT records exist at the name. */
        FOUND,
        /** NXDOMAIN or no TXT record: a definite "there is none". */
        NONE,
        /** A timeout or a server failure: asking later may tell. */
        TEMPORARY_FAILURE
    }

    /** @param texts each record's strings joined into one value (RFC 6376 §3.6.2.2) */
    public record Answer(Status status, List<String> texts, String error) {
        public Answer {
            texts = List.copyOf(texts);
        }
    }

    private final LookupSession session;

    public TxtLookup(Resolver resolver, Cache cache) {
        this.session = LookupSession.builder().resolver(resolver).cache(cache).clearSearchPath().build();
    }

    /** The TXT records at {@code name}, waiting at most {@code wait}. */
    public Answer txt(String name, Duration wait) {
        Name absolute;
        try {
            absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Answer(Status.NONE, List.of(), e.getMessage());
        }
        if (wait.isNegative() || wait.isZero()) {
            return new Answer(Status.TEMPORARY_FAILURE, List.of(), "no time left to ask");
        }
        try {
            LookupResult result = session.lookupAsync(absolute, Type.TXT).toCompletableFuture()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            List<String> texts = result.getRecords().stream()
                    .filter(TXTRecord.class::isInstance)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                    .toList();
            return new Answer(texts.isEmpty() ? Status.NONE : Status.FOUND, texts, null);
        } catch (TimeoutException e) {
            return new Answer(Status.TEMPORARY_FAILURE, List.of(), "no answer within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Status.TEMPORARY_FAILURE, List.of(), "interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
                return new Answer(Status.NONE, List.of(), cause.getClass().getSimpleName());
            }
            return new Answer(Status.TEMPORARY_FAILURE, List.of(), cause.toString());
        }
    }
}
