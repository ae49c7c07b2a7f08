package dev.yubin.policy.check.lists;

import dev.yubin.policy.web.NotFoundException;
import java.util.Locale;

/** The two lists, as they appear in the path {@code /api/v1/lists/{allow|block}} and the table. */
enum ListKind {
    ALLOW, BLOCK;

    static ListKind fromPath(String path) {
        return switch (path == null ? "" : path.toLowerCase(Locale.ROOT)) {
            case "allow" -> ALLOW;
            case "block" -> BLOCK;
            default -> throw new NotFoundException("There is no list '" + path + "': use allow or block");
        };
    }

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
