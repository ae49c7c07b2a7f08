package dev.yubin.mta.authentication;

import dev.yubin.core.envelope.CheckResult;
import dev.yubin.core.smtp.SmtpReply;
import java.util.List;
import java.util.Optional;

/** What {@link MessageAuthenticator} concluded about a message at the end of DATA. */
public sealed interface Authentication {

    /**
     * The message may be stored.
     *
     * @param message the message as it is to be stored: our Authentication-Results field first,
     *                then the received bytes without the fields that claimed our authserv-id
     * @param folder  the mailbox folder for local recipients when not the INBOX (DMARC quarantine)
     * @param checks  the SPF, DKIM and DMARC results, for the envelope headers
     */
    record Accepted(byte[] message, Optional<String> folder, List<CheckResult> checks) implements Authentication {
        public Accepted {
            checks = List.copyOf(checks);
        }
    }

    /**
     * The message is refused with {@code reply} (DMARC reject, or the policy service not
     * answering); {@code reason} is for our log, never for the client.
     */
    record Refused(SmtpReply reply, String reason) implements Authentication {}
}
