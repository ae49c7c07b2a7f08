package dev.yubin.policy.directory;

import dev.yubin.core.address.MailAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of the directory, for the policy checks and authentication. */
@Service
@Transactional(readOnly = true)
public class Directory {

    /** The outcome of a password check; the two failures differ only in the decision log. */
    public enum PasswordCheck { ACCEPTED, UNKNOWN_ACCOUNT, WRONG_PASSWORD }

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final Passwords passwords;
    private final AliasExpander expander;

    Directory(DomainRepository domains, AccountRepository accounts, AliasRepository aliases, Passwords passwords) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.passwords = passwords;
        this.expander = new AliasExpander(new AliasExpander.Lookup() {
            @Override
            public boolean isLocalDomain(String domain) {
                return domains.existsById(domain);
            }

            @Override
            public boolean isAccount(String key) {
                return accounts.existsById(key);
            }

            @Override
            public Optional<List<String>> aliasTargets(String key) {
                return aliases.findById(key).map(Alias::targets);
            }
        });
    }

    /** @param domain a domain in its stored form (lower-case A-label), as MailAddress keeps it */
    public boolean isLocalDomain(String domain) {
        return domains.existsById(domain);
    }

    /** The mailboxes and remote addresses that mail to {@code address} reaches. */
    public Expansion resolve(MailAddress address) {
        return expander.expand(address);
    }

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
}
