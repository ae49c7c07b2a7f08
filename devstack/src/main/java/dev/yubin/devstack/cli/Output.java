package dev.yubin.devstack.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import tools.jackson.databind.JsonNode;

/** Text the admin CLI prints: aligned tables from JSON lists, DNS records, sizes. Pure functions. */
final class Output {

    private Output() {}

    /** Columns padded to the widest cell, two spaces apart, no trailing blanks. */
    static String table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(cell(row, i));
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - cell(row, i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * A JSON list as a table: {@code preferred} columns first (when present), then the other
     * fields in order of appearance. Accepts a bare array, or an object wrapping one (a page).
     * Fields naming a password or secret are never shown, nor other columns empty in every row.
     * Empty when the list is.
     */
    static String jsonTable(JsonNode json, List<String> preferred) {
        JsonNode list = unwrapList(json);
        if (list.isEmpty()) {
            return "";
        }
        Set<String> columns = new LinkedHashSet<>();
        boolean scalars = false;
        for (JsonNode item : list) {
            if (item.isObject()) {
                item.propertyNames().stream().filter(name -> !isSecret(name)).forEach(columns::add);
            } else {
                scalars = true;
            }
        }
        List<String> headers = new ArrayList<>();
        preferred.stream().filter(columns::contains).forEach(headers::add);
        columns.stream().filter(c -> !headers.contains(c)).forEach(headers::add);
        if (scalars && headers.isEmpty()) {
            headers.add(preferred.isEmpty() ? "value" : preferred.get(0));
        }
        headers.removeIf(h -> !preferred.contains(h) && allEmpty(list, h));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : list) {
            rows.add(item.isObject() ? headers.stream().map(h -> text(item.path(h))).toList() : List.of(text(item)));
        }
        return table(headers, rows);
    }

    private static boolean allEmpty(JsonNode list, String field) {
        for (JsonNode item : list) {
            if (!text(item.path(field)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The array in {@code json}: itself, or the first array field of an object (e.g. a page's content). */
    static JsonNode unwrapList(JsonNode json) {
        if (json.isArray()) {
            return json;
        }
        if (json.isObject()) {
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                if (field.getValue().isArray()) {
                    return field.getValue();
                }
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    /** A JSON value as one cell: strings bare, arrays comma-joined, absent values empty. */
    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            StringJoiner joined = new StringJoiner(", ");
            value.forEach(v -> joined.add(text(v)));
            return joined.toString();
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /**
     * The DKIM record as a zone-file line. DNS character-strings hold 255 octets at most, so a
     * 2048-bit key is split into several quoted strings (resolvers join them).
     */
    static String zoneFileLine(String name, String txt) {
        StringJoiner strings = new StringJoiner(" ");
        for (int i = 0; i < txt.length(); i += 255) {
            strings.add("\"" + txt.substring(i, Math.min(txt.length(), i + 255)) + "\"");
        }
        return name + ". IN TXT ( " + strings + " )";
    }

    /** {@code 1048576}, {@code 512K}, {@code 100M}, {@code 2G} (binary units) → bytes. */
    static long parseSize(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            case 'T' -> unit = 1L << 40;
            default -> { }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long value = Long.parseLong(digits.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CliException("not a size: '" + size + "' (use bytes or a K, M, G suffix)");
        }
    }

    /** One path segment, percent-encoded (an address's {@code @} and {@code +} included). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isSecret(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("hash");
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }
}
