package dev.yubin.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Dockerfile: its instructions in order, continuation lines joined, comments dropped. */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {}

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String joined = current.toString().strip();
            current.setLength(0);
            if (joined.isEmpty()) {
                continue;
            }
            int space = joined.indexOf(' ');
            instructions.add(space < 0
                    ? new Instruction(joined.toUpperCase(), "")
                    : new Instruction(joined.substring(0, space).toUpperCase(), joined.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The instructions of the last stage (after the last FROM): what the image is. */
    Dockerfile finalStage() {
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return new Dockerfile(instructions.subList(lastFrom, instructions.size()));
    }

    /** ENV of this Dockerfile (or stage) as name → value, quotes removed. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String arguments : all("ENV")) {
            Matcher pair = ENV_PAIR.matcher(arguments);
            while (pair.find()) {
                String value = pair.group(2);
                env.put(pair.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }
}
