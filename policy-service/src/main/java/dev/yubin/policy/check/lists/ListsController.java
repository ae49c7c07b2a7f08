package dev.yubin.policy.check.lists;

import dev.yubin.policy.web.InvalidInputException;
import dev.yubin.policy.web.NotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
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
 * {@code GET/POST/DELETE /api/v1/lists/{allow|block}} (admin token): IP addresses, CIDR networks
 * and domains. Values are stored in canonical form ({@code 2001:DB8::/32} becomes
 * {@code 2001:db8:0:0:0:0:0:0/32}, a domain its lower-case A-label), so DELETE takes any spelling.
 */
@RestController
@RequestMapping("/api/v1/lists/{kind}")
class ListsController {

    private static final int MAX_COMMENT = 1000;

    /** @param comment why the entry is there, for the operators and the decision log */
    record NewEntry(String value, String comment) {}

    private final AccessLists lists;

    ListsController(AccessLists lists) {
        this.lists = lists;
    }

    @GetMapping
    List<AccessLists.Entry> list(@PathVariable String kind) {
        return lists.entries(ListKind.fromPath(kind));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccessLists.Entry add(@PathVariable String kind, @RequestBody NewEntry entry) {
        ListKind list = ListKind.fromPath(kind);
        String comment = entry.comment() == null || entry.comment().isBlank() ? null : entry.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment is longer than " + MAX_COMMENT + " characters");
        }
        return lists.add(list, ListValue.parse(entry.value()), comment);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String kind, @RequestParam String value) {
        ListKind list = ListKind.fromPath(kind);
        ListValue parsed = ListValue.parse(value);
        if (!lists.remove(list, parsed)) {
            throw new NotFoundException(parsed.text() + " is not on the " + list.column() + " list");
        }
    }
}
