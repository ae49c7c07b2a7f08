package dev.yubin.devstack.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "domain", description = "Manage the local mail domains (policy service).",
        mixinStandardHelpOptions = true)
final class DomainCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Add a local domain.", mixinStandardHelpOptions = true)
    int add(@Parameters(paramLabel = "NAME") String name, @Mixin AdminOptions admin) {
        admin.policy().post("api/v1/domains", Map.of("name", name));
        out().println("domain " + name + " added");
        return 0;
    }

    @Command(name = "list", description = "List the local domains.", mixinStandardHelpOptions = true)
    int list(@Mixin AdminOptions admin) {
        String table = Output.jsonTable(admin.policy().get("api/v1/domains"), List.of("name"));
        out().print(table.isEmpty() ? "no domains\n" : table);
        return 0;
    }

    @Command(name = "remove", description = "Remove a local domain.", mixinStandardHelpOptions = true)
    int remove(@Parameters(paramLabel = "NAME") String name, @Mixin AdminOptions admin) {
        admin.policy().delete("api/v1/domains/" + Output.segment(name));
        out().println("domain " + name + " removed");
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
