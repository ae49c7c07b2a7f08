package dev.yubin.mta.authentication;

import dev.yubin.core.policy.PolicyCheck;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DMARC result of the DATA decision, read from its {@code dmarc} entry
 * ({@code dmarc=fail (p=reject dis=reject) header.from=example.org; …}, docs/policy.md).
 *
 * @param result     pass, fail, none, temperror or permerror; none without a {@code dmarc} entry
 * @param comment    the policy as the record states it (e.g. {@code p=quarantine dis=quarantine}), or null
 * @param headerFrom the From: domain evaluated, or null
 */
record DmarcOutcome(String result, String comment, String headerFrom) {

    private static final Pattern DETAIL = Pattern.compile(
            "^dmarc=(pass|fail|none|temperror|permerror)(?: \\(([a-z0-9=; ]+)\\))?(?: header\\.from=([A-Za-z0-9._-]+))?");

    static final DmarcOutcome NONE = new DmarcOutcome("none", null, null);

    static DmarcOutcome of(List<PolicyCheck> dataChecks) {
        for (PolicyCheck check : dataChecks) {
            if ("dmarc".equals(check.name()) && check.detail() != null) {
                Matcher matcher = DETAIL.matcher(check.detail());
                if (matcher.find()) {
                    return new DmarcOutcome(matcher.group(1), matcher.group(2), matcher.group(3));
                }
            }
        }
        return NONE;
    }
}
