package dev.yubin.mta.authentication;

import dev.yubin.core.policy.DkimResult;
import dev.yubin.mta.dns.TxtLookup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.Message;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376) with Apache jDKIM, the keys looked
 * up through {@code yubin.dns.servers}. Bounded: at most {@code maxSignatures} signatures, and
 * all key lookups of one message within {@code keyLookupBudget}; a key lookup that fails or runs
 * out of time is {@code temperror}. Never throws: a message jDKIM cannot parse is
 * {@code permerror} for its signatures.
 */
class DkimVerifier {

    private static final String FIELD = "DKIM-Signature";

    private final TxtLookup dns;
    private final DkimProperties properties;
    private final Clock clock;

    DkimVerifier(TxtLookup dns, DkimProperties properties, Clock clock) {
        this.dns = dns;
        this.properties = properties;
        this.clock = clock;
    }

    /** One result per verified signature; empty when the message has none. */
    List<DkimResult> verify(byte[] message) {
        return verify(message, HeaderSection.of(message));
    }

    /** The same, with the header section the caller has already found. */
    List<DkimResult> verify(byte[] message, HeaderSection headers) {
        if (headers.fields(FIELD).isEmpty() || properties.maxSignatures() == 0) {
            return List.of();
        }
        Message parsed;
        try {
            parsed = new Message(new ByteArrayInputStream(message));
        } catch (IOException | RuntimeException | org.apache.james.mime4j.MimeException e) {
            return List.of(new DkimResult(null, null, "permerror"));
        }
        try {
            DKIMVerifier verifier = new DKIMVerifier(new KeyLookup(clock.instant().plus(properties.keyLookupBudget())));
            try {
                verifier.verify(new FirstSignatures(parsed, properties.maxSignatures()), parsed.getBodyInputStream());
            } catch (FailException e) {
                // no signature verified: each one's reason is in the results
            }
            List<DkimResult> results = new ArrayList<>();
            for (Result result : verifier.getResults()) {
                results.add(toResult(result));
            }
            return results;
        } catch (IOException | RuntimeException e) {
            return List.of(new DkimResult(null, null, "permerror"));
        } finally {
            parsed.dispose();
        }
    }

    private static DkimResult toResult(Result result) {
        String type = switch (result.getResultType()) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case TEMPERROR -> "temperror";
            case POLICY -> "policy";
            case NEUTRAL, NONE -> "neutral";
            case PERMERROR -> "permerror";
        };
        SignatureRecord record = result.getRecord();
        if (result.getResultType() == Result.Type.PERMERROR || record == null) {
            // jDKIM stands in a "d=invalid" template for a signature it could not even parse
            return new DkimResult(null, null, type);
        }
        return new DkimResult(text(record.getDToken()), text(record.getSelector()), type);
    }

    private static String text(CharSequence value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    /** The message's fields, with only its first {@code max} DKIM-Signature fields visible to jDKIM. */
    private record FirstSignatures(Headers headers, int max) implements Headers {

        @Override
        public List<String> getFields() {
            return headers.getFields();
        }

        @Override
        public List<String> getFields(String name) {
            List<String> fields = headers.getFields(name);
            return FIELD.equalsIgnoreCase(name) && fields != null && fields.size() > max ? fields.subList(0, max) : fields;
        }
    }

    /** jDKIM's key lookup ({@code SELECTOR._domainkey.DOMAIN TXT}) within the message's deadline. */
    private final class KeyLookup implements PublicKeyRecordRetriever {

        private final Instant deadline;

        KeyLookup(Instant deadline) {
            this.deadline = deadline;
        }

        @Override
        public List<String> getRecords(CharSequence method, CharSequence selector, CharSequence domain)
                throws TempFailException, PermFailException {
            if (!"dns/txt".equalsIgnoreCase(method.toString())) {
                throw new PermFailException("unsupported key query method " + method);
            }
            String name = selector + "._domainkey." + domain;
            TxtLookup.Answer answer = dns.txt(name, Duration.between(clock.instant(), deadline));
            return switch (answer.status()) {
                case FOUND -> answer.texts();
                case NONE -> List.of();   // jDKIM: "no key for signature"
                case TEMPORARY_FAILURE -> throw new TempFailException("TXT " + name + ": " + answer.error());
            };
        }
    }
}
