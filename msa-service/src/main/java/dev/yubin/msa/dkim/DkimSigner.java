package dev.yubin.msa.dkim;

import dev.yubin.msa.message.HeaderField;
import dev.yubin.msa.message.MessageParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes the DKIM-Signature fields of a message (RFC 6376), one per active key of the domain:
 * {@code a=rsa-sha256}, and {@code a=ed25519-sha256} (RFC 8463) when the domain has such a key
 * too; {@code c=relaxed/relaxed}, signing the header fields of {@link #SIGNED} that are present
 * ({@code from} always is), each instance, bottom up; {@code from} once more than present
 * (RFC 6376 §8.15), so that a From: added anywhere on the way breaks the signature. Neither
 * signature covers the other: a verifier that knows one algorithm only checks that one. The
 * signature itself comes from a {@link Signer}, so the private key can stay where it is kept.
 */
@Component
public class DkimSigner {

    /** The fields a recipient sees or threads by; what a relay may add (Received...) is left out. */
    static final List<String> SIGNED = List.of("from", "sender", "reply-to", "to", "cc", "subject", "date",
            "message-id", "in-reply-to", "references", "mime-version", "content-type",
            "content-transfer-encoding", "content-disposition", "list-unsubscribe", "list-unsubscribe-post");

    private static final int MAX_LINE = 76;

    private final Signer signer;

    public DkimSigner(Signer signer) {
        this.signer = signer;
    }

    /**
     * @param domain the signing domain ({@code d=}): the domain of the From address
     * @return the DKIM-Signature fields, each with its final CRLF, to put before the message;
     *         empty when the domain has no key
     * @throws SigningException when the domain has a key but no signature can be had now
     */
    public Optional<String> sign(MessageParts message, String domain, Instant now) {
        List<SigningKey> keys = signer.keys(domain);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<HeaderField> fields = signedFields(message);
        List<String> signedNames = new ArrayList<>(fields.stream().map(HeaderField::lowerCaseName).toList());
        // a name listed once more than it occurs signs its absence
        signedNames.add(signedNames.lastIndexOf("from") + 1, "from");
        String names = String.join(":", signedNames);
        String bodyHash = base64(sha256(Canonicalization.relaxedBody(message.body())));
        StringBuilder signatures = new StringBuilder();
        for (SigningKey key : keys) {
            String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm() + "; c=relaxed/relaxed; d=" + domain
                    + "; s=" + key.selector() + ";\r\n\tt=" + now.getEpochSecond()
                    + "; bh=" + bodyHash + ";\r\n\th=" + names + ";\r\n\tb=";
            byte[] signature = signer.sign(domain, key, bytesToSign(fields, unsigned));
            signatures.append(unsigned)
                    .append(fold(base64(signature), unsigned.length() - unsigned.lastIndexOf('\n') - 1))
                    .append("\r\n");
        }
        return Optional.of(signatures.toString());
    }

    /** RFC 6376 §5.4.2: for a name signed n times, its n lowest instances, from the bottom up. */
    static List<HeaderField> signedFields(MessageParts message) {
        List<HeaderField> signed = new ArrayList<>();
        for (String name : SIGNED) {
            List<HeaderField> instances = message.fields(name);
            for (int i = instances.size() - 1; i >= 0; i--) {
                signed.add(instances.get(i));
            }
        }
        return signed;
    }

    /** RFC 6376 §3.7: the canonicalized signed fields, then the new field without its CRLF and with b= empty. */
    static byte[] bytesToSign(List<HeaderField> fields, String unsignedSignatureField) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (HeaderField field : fields) {
            data.writeBytes(Canonicalization.relaxedHeader(field.raw()).getBytes(StandardCharsets.ISO_8859_1));
        }
        String own = Canonicalization.relaxedHeader(unsignedSignatureField + "\r\n");
        data.writeBytes(own.substring(0, own.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
        return data.toByteArray();
    }

    /** Folds base64 text (which may be split anywhere: verifiers drop the blanks) into lines. */
    private static String fold(String value, int firstLineUsed) {
        StringBuilder out = new StringBuilder();
        int room = Math.max(MAX_LINE - firstLineUsed, 8);
        int at = 0;
        while (at < value.length()) {
            int end = Math.min(value.length(), at + room);
            if (at > 0) {
                out.append("\r\n\t");
            }
            out.append(value, at, end);
            at = end;
            room = MAX_LINE - 2;
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
