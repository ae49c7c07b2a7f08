package dev.yubin.core.policy;

/**
 * The outcome of verifying one {@code DKIM-Signature} of a message (RFC 6376), as the MTA reports
 * it to the policy service at DATA for DMARC.
 *
 * @param domain   the signing domain, {@code d=}
 * @param selector the selector, {@code s=}
 * @param result   an RFC 8601 §2.7.1 result: {@code pass}, {@code fail}, {@code neutral},
 *                 {@code temperror} or {@code permerror}
 */
public record DkimResult(String domain, String selector, String result) {

    public boolean passed() {
        return "pass".equalsIgnoreCase(result);
    }
}
