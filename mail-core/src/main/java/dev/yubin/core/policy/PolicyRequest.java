package dev.yubin.core.policy;

import java.util.List;

/**
 * The question a listener asks {@code POST /api/v1/policy/check} (CONTRACT §6). Fields that do
 * not apply to the stage are null. Readers ignore fields they do not know, so fields are only
 * ever added at the end.
 *
 * @param headerFrom     at DATA: the address of the message's {@code From:} header
 * @param recipientCount at RCPT: how many recipients the transaction has, this one included
 * @param spfResult      at DATA: the SPF result of the MAIL stage ({@code pass}, {@code fail}, ...,
 *                       {@code none} when SPF was not checked), for DMARC
 * @param spfDomain      at DATA: the domain SPF checked (the MAIL FROM domain, or the HELO name
 *                       for the null sender)
 * @param dkim           at DATA: one result per DKIM-Signature the MTA verified; empty when there
 *                       was none
 * @param sessionId      the SMTP session the request belongs to, the same at every stage of it (the
 *                       MTA's, for the connection concurrency limit); null when the caller keeps none
 */
public record PolicyRequest(
        Stage stage,
        String queueId,
        String clientAddress,
        String clientName,
        String helo,
        String sender,
        String recipient,
        String saslUsername,
        Long size,
        String headerFrom,
        Integer recipientCount,
        String spfResult,
        String spfDomain,
        List<DkimResult> dkim,
        String sessionId) {

    public PolicyRequest {
        dkim = dkim == null ? List.of() : List.copyOf(dkim);
    }

    /** The fields of version 3, before {@code sessionId}. */
    public PolicyRequest(Stage stage, String queueId, String clientAddress, String clientName, String helo,
                         String sender, String recipient, String saslUsername, Long size, String headerFrom,
                         Integer recipientCount, String spfResult, String spfDomain, List<DkimResult> dkim) {
        this(stage, queueId, clientAddress, clientName, helo, sender, recipient, saslUsername, size, headerFrom,
                recipientCount, spfResult, spfDomain, dkim, null);
    }

    /** This request as part of the SMTP session {@code sessionId}. */
    public PolicyRequest withSessionId(String sessionId) {
        return new PolicyRequest(stage, queueId, clientAddress, clientName, helo, sender, recipient, saslUsername,
                size, headerFrom, recipientCount, spfResult, spfDomain, dkim, sessionId);
    }

    /** The fields of version 2, before the DATA-stage authentication results. */
    public PolicyRequest(Stage stage, String queueId, String clientAddress, String clientName, String helo,
                         String sender, String recipient, String saslUsername, Long size, String headerFrom,
                         Integer recipientCount) {
        this(stage, queueId, clientAddress, clientName, helo, sender, recipient, saslUsername, size, headerFrom,
                recipientCount, null, null, List.of());
    }

    /** The fields of version 1, before {@code headerFrom} and {@code recipientCount}. */
    public PolicyRequest(Stage stage, String queueId, String clientAddress, String clientName, String helo,
                         String sender, String recipient, String saslUsername, Long size) {
        this(stage, queueId, clientAddress, clientName, helo, sender, recipient, saslUsername, size, null, null);
    }

    public static PolicyRequest rcpt(String queueId, String clientAddress, String helo, String sender,
                                     String recipient, String saslUsername) {
        return new PolicyRequest(Stage.RCPT, queueId, clientAddress, null, helo, sender, recipient, saslUsername, null);
    }
}
