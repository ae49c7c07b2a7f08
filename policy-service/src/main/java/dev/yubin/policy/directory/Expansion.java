package dev.yubin.policy.directory;

import dev.yubin.core.policy.ResolvedRecipient;
import java.util.List;

/**
 * Where mail for one address goes after alias expansion.
 *
 * @param recipients the mailboxes and remote addresses, each once, in order of first reach;
 *                   empty when the address leads nowhere
 * @param notes      what the expansion met on the way (aliases followed, dead targets, loops),
 *                   for the decision log
 */
public record Expansion(List<ResolvedRecipient> recipients, List<String> notes) {

    public Expansion {
        recipients = List.copyOf(recipients);
        notes = List.copyOf(notes);
    }

    public boolean leadsNowhere() {
        return recipients.isEmpty();
    }
}
