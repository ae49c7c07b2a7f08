package dev.yubin.policy.check;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.PolicyRequest;
import java.util.Optional;

/**
 * The authenticated account of a submission, as the listener names it in {@code saslUsername}.
 * The submission checks apply only when it is set: the MTA's inbound path never sets it.
 */
public final class Submitter {

    private Submitter() {}

    /** Whether the request comes from an authenticated session (submission), not the MTA's inbound path. */
    public static boolean isAuthenticated(PolicyRequest request) {
        return request.saslUsername() != null && !request.saslUsername().isBlank();
    }

    /** The account's lookup key; empty when the name is no address (then it owns nothing). */
    public static Optional<String> accountKey(PolicyRequest request) {
        try {
            return Optional.of(MailAddress.parse(request.saslUsername().strip()).key());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
