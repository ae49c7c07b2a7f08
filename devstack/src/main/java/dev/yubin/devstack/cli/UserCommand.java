package dev.yubin.devstack.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user", description = "Manage mailbox accounts (policy service).", mixinStandardHelpOptions = true)
final class UserCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Add an account; prompts for the password unless --password is given.",
            mixinStandardHelpOptions = true)
    int add(@Parameters(paramLabel = "ADDRESS") String address,
            @Option(names = "--password", paramLabel = "PASSWORD", description = "the password (else prompted twice)") String password,
            @Option(names = "--quota", paramLabel = "SIZE", description = "mailbox quota: bytes, or with K, M, G") String quota,
            @Mixin AdminOptions admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", address);
        body.put("password", password != null ? password : PasswordPrompt.newPassword(address));
        if (quota != null) {
            body.put("quotaBytes", Output.parseSize(quota));
        }
        admin.policy().post("api/v1/accounts", body);
        out().println("user " + address + " added");
        return 0;
    }

    @Command(name = "list", description = "List the accounts.", mixinStandardHelpOptions = true)
    int list(@Option(names = "--domain", paramLabel = "DOMAIN", description = "only this domain") String domain,
             @Mixin AdminOptions admin) {
        String path = "api/v1/accounts" + (domain == null ? "" : "?domain=" + Output.segment(domain));
        String table = Output.jsonTable(admin.policy().get(path), List.of("address", "quotaBytes"));
        out().print(table.isEmpty() ? "no users\n" : table);
        return 0;
    }

    @Command(name = "remove", description = "Remove an account.", mixinStandardHelpOptions = true)
    int remove(@Parameters(paramLabel = "ADDRESS") String address, @Mixin AdminOptions admin) {
        admin.policy().delete("api/v1/accounts/" + Output.segment(address));
        out().println("user " + address + " removed");
        return 0;
    }

    @Command(name = "passwd", description = "Set an account's password; prompts unless --password is given.",
            mixinStandardHelpOptions = true)
    int passwd(@Parameters(paramLabel = "ADDRESS") String address,
               @Option(names = "--password", paramLabel = "PASSWORD", description = "the new password (else prompted twice)") String password,
               @Mixin AdminOptions admin) {
        String chosen = password != null ? password : PasswordPrompt.newPassword(address);
        admin.policy().put("api/v1/accounts/" + Output.segment(address) + "/password", Map.of("password", chosen));
        out().println("password of " + address + " changed");
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
