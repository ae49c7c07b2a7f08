package dev.yubin.devstack.cli;

import java.io.PrintWriter;

import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dkim", description = "DKIM signing keys (policy service).", mixinStandardHelpOptions = true)
final class DkimCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Create a signing key for a domain and print the DNS TXT record to publish.",
            mixinStandardHelpOptions = true)
    int add(@Parameters(paramLabel = "DOMAIN") String domain,
            @Option(names = "--algorithm", defaultValue = "rsa-sha256", paramLabel = "ALG",
                    description = "rsa-sha256 (default) or ed25519-sha256: a second signature next to the RSA one (RFC 8463)")
            String algorithm,
            @Mixin AdminOptions admin) {
        JsonNode key = admin.policy().post("api/v1/dkim/" + Output.segment(domain) + "?algorithm=" + Output.segment(algorithm), null);
        out().print(describe(domain, key));
        return 0;
    }

    /** What to publish where, from the {@code {"domain","selector","txt"}} answer. */
    static String describe(String domain, JsonNode key) {
        String selector = Output.text(key.path("selector"));
        String txt = Output.text(key.path("txt"));
        if (selector.isEmpty() || txt.isEmpty()) {
            throw new CliException("unexpected answer from the policy service: " + key);
        }
        String name = selector + "._domainkey." + domain;
        return "DKIM key created for " + domain + " (selector " + selector + ")\n"
                + "publish a TXT record at " + name + " with the value:\n"
                + txt + "\n"
                + "zone file:\n"
                + Output.zoneFileLine(name, txt) + "\n";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
