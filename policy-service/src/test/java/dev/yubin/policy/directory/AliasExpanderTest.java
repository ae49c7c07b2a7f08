package dev.yubin.policy.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.ResolvedRecipient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AliasExpanderTest {

    /** A directory in memory: the expander only needs these three answers. */
    private static final class Table implements AliasExpander.Lookup {
        final Set<String> domains = Set.of("example.test", "other.test");
        final Set<String> accounts = Set.of("alice@example.test", "bob@example.test", "carol@other.test");
        final Map<String, List<String>> aliases = new HashMap<>();

        @Override
        public boolean isLocalDomain(String domain) {
            return domains.contains(domain);
        }

        @Override
        public boolean isAccount(String key) {
            return accounts.contains(key);
        }

        @Override
        public Optional<List<String>> aliasTargets(String key) {
            return Optional.ofNullable(aliases.get(key));
        }

        Table alias(String address, String... targets) {
            aliases.put(address, List.of(targets));
            return this;
        }

        Expansion expand(String address) {
            return new AliasExpander(this).expand(MailAddress.parse(address));
        }
    }

    @Test
    void accountResolvesToItsMailbox() {
        assertThat(new Table().expand("Alice@EXAMPLE.test").recipients())
                .containsExactly(new ResolvedRecipient("alice@example.test", true));
    }

    @Test
    void remoteAddressStaysRemoteWithItsSpelling() {
        assertThat(new Table().expand("Partner@Remote.Example").recipients())
                .containsExactly(new ResolvedRecipient("Partner@remote.example", false));
    }

    @Test
    void unknownLocalAddressLeadsNowhere() {
        Expansion expansion = new Table().expand("nobody@example.test");
        assertThat(expansion.leadsNowhere()).isTrue();
        assertThat(expansion.notes()).containsExactly("nobody@example.test is neither an account nor an alias");
    }

    @Test
    void aliasExpandsToLocalAndRemoteTargetsInOrder() {
        Table table = new Table().alias("team@example.test", "bob@example.test", "x@remote.example",
                "carol@other.test");
        assertThat(table.expand("team@example.test").recipients()).containsExactly(
                new ResolvedRecipient("bob@example.test", true),
                new ResolvedRecipient("x@remote.example", false),
                new ResolvedRecipient("carol@other.test", true));
    }

    @Test
    void nestedAliasesAreFollowedAndDuplicatesRemoved() {
        Table table = new Table()
                .alias("all@example.test", "staff@example.test", "alice@example.test", "X@remote.example")
                .alias("staff@example.test", "alice@example.test", "bob@example.test", "x@REMOTE.example");
        assertThat(table.expand("all@example.test").recipients()).containsExactly(
                new ResolvedRecipient("alice@example.test", true),
                new ResolvedRecipient("bob@example.test", true),
                new ResolvedRecipient("x@remote.example", false));
    }

    @Test
    void loopsEnd() {
        Table table = new Table()
                .alias("a@example.test", "b@example.test")
                .alias("b@example.test", "a@example.test", "bob@example.test")
                .alias("self@example.test", "self@example.test");
        Expansion loop = table.expand("a@example.test");
        assertThat(loop.recipients()).containsExactly(new ResolvedRecipient("bob@example.test", true));
        assertThat(loop.notes()).contains("alias loop: a@example.test already expanded");
        assertThat(table.expand("self@example.test").leadsNowhere()).isTrue();
    }

    @Test
    void deepChainsStopAtTheLimit() {
        Table table = new Table();
        int links = AliasExpander.MAX_DEPTH + 5;
        for (int i = 0; i < links; i++) {
            table.alias("l" + i + "@example.test", "l" + (i + 1) + "@example.test");
        }
        table.alias("l" + links + "@example.test", "alice@example.test");
        Expansion tooDeep = table.expand("l0@example.test");
        assertThat(tooDeep.leadsNowhere()).isTrue();
        assertThat(tooDeep.notes()).anyMatch(note -> note.contains("deeper than " + AliasExpander.MAX_DEPTH));

        Table shallow = new Table();
        for (int i = 0; i < AliasExpander.MAX_DEPTH - 1; i++) {
            shallow.alias("l" + i + "@example.test", "l" + (i + 1) + "@example.test");
        }
        shallow.alias("l" + (AliasExpander.MAX_DEPTH - 1) + "@example.test", "alice@example.test");
        assertThat(shallow.expand("l0@example.test").recipients())
                .containsExactly(new ResolvedRecipient("alice@example.test", true));
    }

    @Test
    void deadTargetsAreSkippedButNoted() {
        Table table = new Table().alias("list@example.test", "gone@example.test", "bob@example.test");
        Expansion expansion = table.expand("list@example.test");
        assertThat(expansion.recipients()).containsExactly(new ResolvedRecipient("bob@example.test", true));
        assertThat(expansion.notes()).contains("gone@example.test is neither an account nor an alias");
    }
}
