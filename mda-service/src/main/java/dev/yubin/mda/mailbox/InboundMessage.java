package dev.yubin.mda.mailbox;

import dev.yubin.core.envelope.Envelope;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One accepted message to store: its envelope (who gets a copy) and its bytes exactly as accepted.
 *
 * @param content the raw RFC 5322 message, never null
 * @param folder  the folder every copy goes to: {@code INBOX}, or e.g. {@code Junk} for a message
 *                the receiving MTA quarantined
 */
public record InboundMessage(Envelope envelope, byte[] content, String folder) {

    /** Folder names we file into: a sender-influenced header must not make up arbitrary folders. */
    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");

    public InboundMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        folder = folder == null ? MailboxEntry.INBOX : folder;
        if (!FOLDER_NAME.matcher(folder).matches()) {
            throw new IllegalArgumentException("not a folder name: " + folder);
        }
    }

    /** A message for the INBOX. */
    public InboundMessage(Envelope envelope, byte[] content) {
        this(envelope, content, MailboxEntry.INBOX);
    }

    public static boolean isFolderName(String folder) {
        return folder != null && FOLDER_NAME.matcher(folder).matches();
    }

    public String queueId() {
        return envelope.queueId().value();
    }
}
