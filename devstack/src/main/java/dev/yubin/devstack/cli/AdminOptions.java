package dev.yubin.devstack.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.yubin.devstack.launcher.TokenStore;
import picocli.CommandLine.Option;

/** Where the admin CLI finds the services and its token; mixed into every admin command. */
final class AdminOptions {

    static final String DEFAULT_POLICY_URL = "http://127.0.0.1:8084";
    static final String DEFAULT_MDA_URL = "http://127.0.0.1:8083";

    @Option(names = "--policy-url", paramLabel = "URL",
            description = "policy service (default: $YUBIN_POLICY_URL or " + DEFAULT_POLICY_URL + ")")
    String policyUrl;

    @Option(names = "--mda-url", paramLabel = "URL",
            description = "mda service (default: $YUBIN_MDA_URL or " + DEFAULT_MDA_URL + ")")
    String mdaUrl;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "admin token (default: $YUBIN_ADMIN_TOKEN, else DATA/admin-token)")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "devstack data directory holding admin-token (default: ./data)")
    Path dataDir;

    /** The environment; a field so the rules can be tested without touching the real one. */
    UnaryOperator<String> env = System::getenv;

    ApiClient policy() {
        return new ApiClient(uri(firstOf(policyUrl, env.apply("YUBIN_POLICY_URL"), DEFAULT_POLICY_URL)), token());
    }

    ApiClient mda() {
        return new ApiClient(uri(firstOf(mdaUrl, env.apply("YUBIN_MDA_URL"), DEFAULT_MDA_URL)), token());
    }

    String token() {
        String chosen = firstOf(token, env.apply("YUBIN_ADMIN_TOKEN"), null);
        if (chosen != null) {
            return chosen;
        }
        Path file = dataDir.resolve("admin-token");
        return TokenStore.read(file).orElseThrow(() -> new CliException(
                "no admin token: pass --token, set YUBIN_ADMIN_TOKEN, or point --data-dir at the devstack data ("
                        + file.toAbsolutePath() + " does not exist)"));
    }

    private static URI uri(String url) {
        String withSlash = url.endsWith("/") ? url : url + "/";
        try {
            return URI.create(withSlash);
        } catch (IllegalArgumentException e) {
            throw new CliException("not a URL: " + url);
        }
    }

    private static String firstOf(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : fallback;
    }
}
