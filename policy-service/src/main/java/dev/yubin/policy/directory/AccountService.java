package dev.yubin.policy.directory;

import dev.yubin.core.address.MailAddress;
import dev.yubin.policy.web.ConflictException;
import dev.yubin.policy.web.InvalidInputException;
import dev.yubin.policy.web.NotFoundException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class AccountService {

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final Passwords passwords;
    private final Directory directory;
    private final Clock clock;

    AccountService(DomainRepository domains, AccountRepository accounts, AliasRepository aliases,
                   Passwords passwords, Directory directory, Clock clock) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.passwords = passwords;
        this.directory = directory;
        this.clock = clock;
    }

    Account create(String requestedAddress, String password, Long quotaBytes, AccountLimits limits) {
        MailAddress address = Names.address(requestedAddress);
        if (!domains.existsById(address.domain())) {
            throw new InvalidInputException(address.domain() + " is not a local domain");
        }
        String key = address.key();
        if (accounts.existsById(key)) {
            throw new ConflictException("account " + key + " already exists");
        }
        if (aliases.existsById(key)) {
            throw new ConflictException(key + " is already an alias");
        }
        Account account = new Account(key, address.domain(), passwords.hash(password), quotaBytes, limits,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        directory.changed();
        return accounts.save(account);
    }

    @Transactional(readOnly = true)
    List<Account> list(String domain) {
        if (domain == null || domain.isBlank()) {
            return accounts.findAllByOrderByAddressAsc();
        }
        return Names.lookupDomain(domain).map(accounts::findByDomainOrderByAddressAsc).orElse(List.of());
    }

    @Transactional(readOnly = true)
    Account get(String address) {
        return Names.lookupKey(address).flatMap(accounts::findById)
                .orElseThrow(() -> new NotFoundException("no account " + address));
    }

    void changePassword(String address, String newPassword) {
        get(address).changePasswordHash(passwords.hash(newPassword));
    }

    void changeLimits(String address, AccountLimits limits) {
        get(address).changeLimits(limits);
        directory.changed();
    }

    /** The account's own address first, then its aliases; never empty. */
    @Transactional(readOnly = true)
    List<String> senders(String address) {
        List<String> senders = Names.lookupKey(address).map(directory::sendersOf).orElse(List.of());
        if (senders.isEmpty()) {
            throw new NotFoundException("no account " + address);
        }
        return senders;
    }

    void delete(String address) {
        accounts.delete(get(address));
        directory.changed();
    }
}
