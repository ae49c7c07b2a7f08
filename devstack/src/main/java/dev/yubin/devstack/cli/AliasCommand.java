package dev.yubin.devstack.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "alias", description = "Manage aliases (policy service).", mixinStandardHelpOptions = true)
final class AliasCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Add an alias delivering to one or more targets.", mixinStandardHelpOptions = true)
    int add(@Parameters(index = "0", paramLabel = "ADDRESS") String address,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET") List<String> targets,
            @Mixin AdminOptions admin) {
        admin.policy().post("api/v1/aliases", Map.of("address", address, "targets", targets));
        out().println("alias " + address + " -> " + String.join(", ", targets) + " added");
        return 0;
    }

    @Command(name = "list", description = "List the aliases.", mixinStandardHelpOptions = true)
    int list(@Mixin AdminOptions admin) {
        String table = Output.jsonTable(admin.policy().get("api/v1/aliases"), List.of("address", "targets"));
        out().print(table.isEmpty() ? "no aliases\n" : table);
        return 0;
    }

    @Command(name = "remove", description = "Remove an alias.", mixinStandardHelpOptions = true)
    int remove(@Parameters(paramLabel = "ADDRESS") String address, @Mixin AdminOptions admin) {
        admin.policy().delete("api/v1/aliases/" + Output.segment(address));
        out().println("alias " + address + " removed");
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
