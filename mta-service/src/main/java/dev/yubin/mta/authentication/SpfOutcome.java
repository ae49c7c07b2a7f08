package dev.yubin.mta.authentication;

import dev.yubin.core.address.ReversePath;
import dev.yubin.core.policy.PolicyCheck;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SPF result of a transaction, as the MAIL decision of the policy service recorded it
 * ({@code spf=pass (mailfrom=a@example.org, ip=192.0.2.1)}, docs/policy.md), for DMARC and for
 * Authentication-Results.
 *
 * @param result   {@code pass}, {@code fail}, ..., {@code none} when SPF was not evaluated
 * @param property {@code mailfrom} or {@code helo}: which identity was checked
 * @param identity the MAIL FROM address or the HELO name
 * @param domain   the domain of that identity, which DMARC aligns; null when there is none
 */
record SpfOutcome(String result, String property, String identity, String domain) {

    private static final Pattern DETAIL = Pattern.compile("^spf=([a-z]+) \\((mailfrom|helo)=([^,)]+)");

    /**
     * @param mailChecks the checks of the MAIL decision; when they hold no {@code spf} entry
     *                   (SPF off, or not asked), the result is {@code none} for the MAIL FROM
     *                   domain (or the HELO name for the null sender)
     */
    static SpfOutcome of(List<PolicyCheck> mailChecks, ReversePath sender, String helo) {
        for (PolicyCheck check : mailChecks) {
            if (!"spf".equals(check.name()) || check.detail() == null) {
                continue;
            }
            Matcher matcher = DETAIL.matcher(check.detail());
            if (matcher.find()) {
                String identity = matcher.group(3).strip();
                return new SpfOutcome(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2), identity,
                        domainOf(identity));
            }
            if (check.detail().startsWith("spf=none")) {
                break;
            }
        }
        if (!sender.isNull()) {
            return new SpfOutcome("none", "mailfrom", sender.address(), domainOf(sender.address()));
        }
        String name = helo == null || helo.isBlank() ? null : helo.strip();
        return new SpfOutcome("none", "helo", name, name == null || name.startsWith("[") ? null : name);
    }

    private static String domainOf(String identity) {
        int at = identity.lastIndexOf('@');
        String domain = at < 0 ? identity : identity.substring(at + 1);
        return domain.isBlank() || domain.startsWith("[") ? null : domain.toLowerCase(Locale.ROOT);
    }
}
