package dev.yubin.devstack.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "trace", description = "Show every event of one message, from acceptance to mailbox or bounce (mda service).",
        mixinStandardHelpOptions = true)
final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUEUE_ID")
    String queueId;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        JsonNode trace = admin.mda().get("api/v1/trace/" + Output.segment(queueId));
        spec.commandLine().getOut().print(format(queueId, trace));
        return 0;
    }

    /** The trace's own fields as {@code name: value} lines, then its events as a table. */
    static String format(String queueId, JsonNode trace) {
        StringBuilder out = new StringBuilder();
        if (trace.isObject()) {
            for (Map.Entry<String, JsonNode> field : trace.properties()) {
                if (!field.getValue().isArray()) {
                    out.append(field.getKey()).append(": ").append(Output.text(field.getValue())).append('\n');
                }
            }
        }
        String events = Output.jsonTable(trace, List.of("time", "timestamp", "type", "event", "service", "recipient", "detail"));
        out.append(events.isEmpty() ? "no events for " + queueId + "\n" : events);
        return out.toString();
    }
}
