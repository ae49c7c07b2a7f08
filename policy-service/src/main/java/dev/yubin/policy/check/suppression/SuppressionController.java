package dev.yubin.policy.check.suppression;

import dev.yubin.core.address.MailAddress;
import dev.yubin.policy.web.InvalidInputException;
import dev.yubin.policy.web.NotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/suppressions}: the recipients that hard-bounced. GET and DELETE take the admin
 * token; POST also the internal one, for the MTA's relay on a 5.1.x bounce. Addresses compare
 * case-insensitively.
 */
@RestController
@RequestMapping("/api/v1/suppressions")
class SuppressionController {

    private static final int MAX_REASON = 1000;

    /** @param reason why, e.g. the remote server's reply; shown to operators and in the decision log */
    record NewSuppression(String address, String reason) {}

    private final SuppressionList suppressions;

    SuppressionController(SuppressionList suppressions) {
        this.suppressions = suppressions;
    }

    /** Every entry, or with {@code address} only that one (an empty list when it is not suppressed). */
    @GetMapping
    List<SuppressionList.Entry> list(@RequestParam(required = false) String address) {
        if (address == null || address.isBlank()) {
            return suppressions.entries();
        }
        return suppressions.find(MailAddress.parse(address.strip())).stream().toList();
    }

    /** 201 with the entry when new; 200 when the address was already suppressed (the reason is replaced). */
    @PostMapping
    ResponseEntity<SuppressionList.Entry> add(@RequestBody NewSuppression body) {
        if (body.address() == null || body.address().isBlank()) {
            throw new InvalidInputException("address is required");
        }
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidInputException("reason is longer than " + MAX_REASON + " characters");
        }
        SuppressionList.Added added = suppressions.add(MailAddress.parse(body.address().strip()), reason);
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK).body(added.entry());
    }

    @DeleteMapping("/{address}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String address) {
        MailAddress parsed = MailAddress.parse(address.strip());
        if (!suppressions.remove(parsed)) {
            throw new NotFoundException(parsed + " is not suppressed");
        }
    }
}
