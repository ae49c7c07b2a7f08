package dev.yubin.policy.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Accounts. No response ever carries the password or its hash. The sending limits are
 * optional: null means the {@code yubin.policy.submission.*} default; 0 stops the account's
 * submissions.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    // The upper bound keeps a hostile body from buying seconds of Argon2 time.
    record AccountRequest(@NotBlank String address,
                          @NotNull @Size(min = 8, max = 1024) String password,
                          @PositiveOrZero Long quotaBytes,
                          @PositiveOrZero Integer maxMessagesPerHour,
                          @PositiveOrZero Integer maxRecipientsPerMessage) {
        @Override
        public String toString() {
            return "AccountRequest[address=" + address + ", quotaBytes=" + quotaBytes
                    + ", maxMessagesPerHour=" + maxMessagesPerHour
                    + ", maxRecipientsPerMessage=" + maxRecipientsPerMessage + "]";
        }
    }

    /** Replaces both limits: a missing or null field goes back to the default. */
    record LimitsRequest(@PositiveOrZero Integer maxMessagesPerHour, @PositiveOrZero Integer maxRecipientsPerMessage) {}

    record PasswordRequest(@NotNull @Size(min = 8, max = 1024) String password) {
        @Override
        public String toString() {
            return "PasswordRequest[***]";
        }
    }

    record AccountResponse(String address, Long quotaBytes, Integer maxMessagesPerHour,
                           Integer maxRecipientsPerMessage, Instant createdAt) {
        static AccountResponse of(Account account) {
            AccountLimits limits = account.limits();
            return new AccountResponse(account.address(), account.quotaBytes(), limits.maxMessagesPerHour(),
                    limits.maxRecipientsPerMessage(), account.createdAt());
        }
    }

    /** The addresses an account may send as (MAIL FROM and header From:), its own first. */
    record SendersResponse(String address, List<String> senders) {}

    private final AccountService service;

    AccountController(AccountService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<AccountResponse> create(@Valid @RequestBody AccountRequest request) {
        Account account = service.create(request.address(), request.password(), request.quotaBytes(),
                new AccountLimits(request.maxMessagesPerHour(), request.maxRecipientsPerMessage()));
        return ResponseEntity.created(location(account.address()))
                .body(AccountResponse.of(account));
    }

    @GetMapping
    List<AccountResponse> list(@RequestParam(required = false) String domain) {
        return service.list(domain).stream().map(AccountResponse::of).toList();
    }

    @GetMapping("/{address}")
    AccountResponse get(@PathVariable String address) {
        return AccountResponse.of(service.get(address));
    }

    @PutMapping("/{address}/password")
    ResponseEntity<Void> changePassword(@PathVariable String address, @Valid @RequestBody PasswordRequest request) {
        service.changePassword(address, request.password());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{address}/limits")
    ResponseEntity<Void> changeLimits(@PathVariable String address, @Valid @RequestBody LimitsRequest request) {
        service.changeLimits(address,
                new AccountLimits(request.maxMessagesPerHour(), request.maxRecipientsPerMessage()));
        return ResponseEntity.noContent().build();
    }

    /** Also for the submission service (internal token), which caches the answer. */
    @GetMapping("/{address}/senders")
    SendersResponse senders(@PathVariable String address) {
        List<String> senders = service.senders(address);
        return new SendersResponse(senders.get(0), senders);
    }

    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(@PathVariable String address) {
        service.delete(address);
        return ResponseEntity.noContent().build();
    }

    /** The resource's URL; '@' may stay literal in a path segment, other specials get encoded. */
    private static URI location(String id) {
        return UriComponentsBuilder.fromPath("/api/v1/accounts").pathSegment(id).build().encode().toUri();
    }
}
