package dev.yubin.core.policy;

/**
 * The question a listener asks {@code POST /api/v1/policy/check} (CONTRACT §6). Fields that do
 * not apply to the stage are null. Readers ignore fields they do not know, so fields are only
 * ever added at the end.
 *
 * @param headerFrom     at DATA: the address of the message's {@code From:} header
 * @param recipientCount at RCPT: how many recipients the transaction has, this one included
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
        Integer recipientCount) {

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
