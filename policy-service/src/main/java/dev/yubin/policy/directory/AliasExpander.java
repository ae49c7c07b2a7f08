package dev.yubin.policy.directory;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.ResolvedRecipient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands an address through aliases, depth first. Each alias is expanded at most once per
 * expansion (so a→b→a ends), nesting stops at {@link #MAX_DEPTH}, and a target reached twice
 * is delivered once.
 */
final class AliasExpander {

    /** How many aliases deep an expansion follows; deeper chains are almost surely mistakes. */
    static final int MAX_DEPTH = 10;

    /** What the expander needs to know of the directory. Keys are MailAddress.key() forms. */
    interface Lookup {
        boolean isLocalDomain(String domain);

        boolean isAccount(String key);

        /** The targets of an alias, or empty when {@code key} is not an alias. */
        Optional<List<String>> aliasTargets(String key);
    }

    private final Lookup lookup;

    AliasExpander(Lookup lookup) {
        this.lookup = lookup;
    }

    Expansion expand(MailAddress address) {
        Walk walk = new Walk();
        walk.visit(address, 0);
        return new Expansion(List.copyOf(walk.reached.values()), walk.notes);
    }

    private final class Walk {
        private final Map<String, ResolvedRecipient> reached = new LinkedHashMap<>();
        private final Set<String> expandedAliases = new HashSet<>();
        private final List<String> notes = new ArrayList<>();

        void visit(MailAddress address, int depth) {
            String key = address.key();
            if (!lookup.isLocalDomain(address.domain())) {
                // Remote local parts may be case-sensitive: keep the spelling, dedupe on the key.
                reached.putIfAbsent(key, new ResolvedRecipient(address.toString(), false));
                return;
            }
            if (lookup.isAccount(key)) {
                reached.putIfAbsent(key, new ResolvedRecipient(key, true));
                return;
            }
            Optional<List<String>> targets = lookup.aliasTargets(key);
            if (targets.isEmpty()) {
                notes.add(key + " is neither an account nor an alias");
                return;
            }
            if (!expandedAliases.add(key)) {
                notes.add("alias loop: " + key + " already expanded");
                return;
            }
            if (depth >= MAX_DEPTH) {
                notes.add("alias " + key + " not expanded: deeper than " + MAX_DEPTH + " aliases");
                return;
            }
            notes.add("alias " + key + " -> " + String.join(", ", targets.get()));
            for (String target : targets.get()) {
                try {
                    visit(MailAddress.parse(target), depth + 1);
                } catch (AddressException e) {
                    notes.add("alias " + key + " has an invalid target " + target);
                }
            }
        }
    }
}
