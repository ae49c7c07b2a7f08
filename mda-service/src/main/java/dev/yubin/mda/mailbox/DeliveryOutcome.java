package dev.yubin.mda.mailbox;

import java.util.List;

/**
 * What one delivery did.
 *
 * @param stored    mailbox keys that got a new copy
 * @param duplicate mailbox keys that already had this message (a replayed record)
 */
public record DeliveryOutcome(List<String> stored, List<String> duplicate) {

    public DeliveryOutcome {
        stored = List.copyOf(stored);
        duplicate = List.copyOf(duplicate);
    }
}
