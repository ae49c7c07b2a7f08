package dev.yubin.policy.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.yubin.core.address.MailAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The read side of the directory, for the policy checks and authentication.
 *
 * <p>What the checks ask on every RCPT (is the domain local, is there such an account, where does
 * an alias lead, whom may an account send as) is cached for {@code yubin.policy.directory.cache-ttl}
 * (5s), bounded by {@code cache-size}. Every write through this replica's REST API clears the
 * cache (again after its commit, so no reader caches the old state meanwhile); other replicas
 * share no cache and see a change within the TTL. Each login reads the account afresh; only
 * {@link Passwords} remembers which password matched which stored hash.
 */
@Service
public class Directory {

    /** The outcome of a password check; the two failures differ only in the decision log. */
    public enum PasswordCheck { ACCEPTED, UNKNOWN_ACCOUNT, WRONG_PASSWORD }

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final Passwords passwords;
    private final AliasExpander expander;
    private final Cache<String, Boolean> localDomains;
    private final Cache<String, Optional<AccountLimits>> accountLimits;
    private final Cache<String, Optional<List<String>>> aliasTargets;
    private final Cache<String, Expansion> expansions;
    private final Cache<String, List<String>> senders;

    Directory(DomainRepository domains, AccountRepository accounts, AliasRepository aliases, Passwords passwords,
              DirectoryProperties properties) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.passwords = passwords;
        this.localDomains = cache(properties);
        this.accountLimits = cache(properties);
        this.aliasTargets = cache(properties);
        this.expansions = cache(properties);
        this.senders = cache(properties);
        this.expander = new AliasExpander(new AliasExpander.Lookup() {
            @Override
            public boolean isLocalDomain(String domain) {
                return Directory.this.isLocalDomain(domain);
            }

            @Override
            public boolean isAccount(String key) {
                return limitsOf(key).isPresent();
            }

            @Override
            public Optional<List<String>> aliasTargets(String key) {
                return targetsOf(key);
            }
        });
    }

    private static <V> Cache<String, V> cache(DirectoryProperties properties) {
        return Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.cacheTtl().isZero() ? 0 : properties.cacheSize())
                .build();
    }

    /**
     * Forgets every cached answer, now and once the current transaction (the write) commits: an
     * alias expansion depends on domains, accounts and aliases alike, and writes are rare.
     */
    void changed() {
        invalidateAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidateAll();
                }
            });
        }
    }

    private void invalidateAll() {
        localDomains.invalidateAll();
        accountLimits.invalidateAll();
        aliasTargets.invalidateAll();
        expansions.invalidateAll();
        senders.invalidateAll();
    }

    /** @param domain a domain in its stored form (lower-case A-label), as MailAddress keeps it */
    public boolean isLocalDomain(String domain) {
        return localDomains.get(domain, domains::existsById);
    }

    /** The mailboxes and remote addresses that mail to {@code address} reaches. */
    public Expansion resolve(MailAddress address) {
        // Keyed by the spelling: a remote address keeps its local part as written.
        return expansions.get(address.toString(), key -> expander.expand(address));
    }

    /**
     * Whether the account {@code accountKey} may send as {@code address}: its own address, or a
     * local alias whose expansion reaches the account's mailbox. The reason is for the decision log.
     */
    public Ownership ownership(String accountKey, MailAddress address) {
        if (limitsOf(accountKey).isEmpty()) {
            return new Ownership(false, "no account " + accountKey);
        }
        String key = address.key();
        if (key.equals(accountKey)) {
            return new Ownership(true, key + " is the account's own address");
        }
        if (!isLocalDomain(address.domain())) {
            return new Ownership(false, address + " is not in a local domain");
        }
        if (targetsOf(key).isEmpty()) {
            return new Ownership(false, key + " is neither " + accountKey + " nor an alias");
        }
        if (reaches(address, accountKey)) {
            return new Ownership(true, "alias " + key + " reaches " + accountKey);
        }
        return new Ownership(false, "alias " + key + " does not reach " + accountKey);
    }

    /**
     * Every address the account may send as: its own first, then the aliases that reach it, in
     * order. Empty when there is no such account.
     */
    public List<String> sendersOf(String accountKey) {
        return senders.get(accountKey, this::findSendersOf);
    }

    private List<String> findSendersOf(String accountKey) {
        if (limitsOf(accountKey).isEmpty()) {
            return List.of();
        }
        // Walk the alias graph backwards from the account, then let the expander confirm each
        // candidate, so that depth limits and loops mean the same here as at RCPT and MAIL.
        Set<String> candidates = new TreeSet<>();
        Set<String> seen = new HashSet<>(Set.of(accountKey));
        Set<String> frontier = Set.of(accountKey);
        for (int depth = 0; depth < AliasExpander.MAX_DEPTH && !frontier.isEmpty(); depth++) {
            Set<String> next = new HashSet<>();
            for (String alias : aliases.findAddressesTargeting(frontier)) {
                if (seen.add(alias)) {
                    next.add(alias);
                }
            }
            candidates.addAll(next);
            frontier = next;
        }
        List<String> senders = new ArrayList<>();
        senders.add(accountKey);
        for (String alias : candidates) {
            if (reaches(asAddress(alias), accountKey)) {
                senders.add(alias);
            }
        }
        return List.copyOf(senders);
    }

    /** The account's own sending limits (nulls: the defaults), or empty when there is no such account. */
    public Optional<AccountLimits> limitsOf(String accountKey) {
        return accountLimits.get(accountKey, key -> accounts.findById(key).map(Account::limits));
    }

    private Optional<List<String>> targetsOf(String aliasKey) {
        return aliasTargets.get(aliasKey, key -> aliases.findById(key).map(Alias::targets));
    }

    /** Always reads the account: a changed password or a deleted account counts at once, on every replica. */
    public PasswordCheck checkPassword(MailAddress username, String password) {
        Optional<Account> account = accounts.findById(username.key());
        if (account.isEmpty()) {
            passwords.spendDecoyCheck(password);
            return PasswordCheck.UNKNOWN_ACCOUNT;
        }
        return passwords.matches(password, account.get().passwordHash())
                ? PasswordCheck.ACCEPTED
                : PasswordCheck.WRONG_PASSWORD;
    }

    private boolean reaches(MailAddress alias, String accountKey) {
        return alias != null && expander.expand(alias).recipients().stream()
                .anyMatch(recipient -> recipient.local() && recipient.address().equals(accountKey));
    }

    /** A stored key as an address, split rather than parsed: a key's local part is not quoted. */
    private static MailAddress asAddress(String key) {
        int at = key.lastIndexOf('@');
        return at <= 0 || at == key.length() - 1 ? null : new MailAddress(key.substring(0, at), key.substring(at + 1));
    }

    /** Whether an account may use an address as its sender, and why (for the decision log). */
    public record Ownership(boolean owned, String reason) {}
}
