package dev.yubin.core.policy;

/**
 * The question a listener asks {@code POST /api/v1/policy/check} (CONTRACT §6). Fields that do
 * not apply to the stage are null. Readers ignore fields they do not know.
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
        Long size) {

    public static PolicyRequest rcpt(String queueId, String clientAddress, String helo, String sender,
                                     String recipient, String saslUsername) {
        return new PolicyRequest(Stage.RCPT, queueId, clientAddress, null, helo, sender, recipient, saslUsername, null);
    }
}
