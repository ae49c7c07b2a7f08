package dev.yubin.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CliParsingTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = YubinCli.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("up", "domain", "user", "alias", "dkim", "trace",
                "yubin user add|remove|passwd ADDRESS");
    }

    @Test
    void dkimAddMakesAnRsaKeyUnlessAskedForEd25519() {
        ParseResult rsa = YubinCli.commandLine().parseArgs("dkim", "add", "example.test").subcommand().subcommand();
        ParseResult ed25519 = YubinCli.commandLine().parseArgs("dkim", "add", "example.test", "--algorithm", "ed25519-sha256")
                .subcommand().subcommand();

        assertThat((String) rsa.matchedPositional(0).getValue()).isEqualTo("example.test");
        assertThat(rsa.matchedOption("--algorithm")).isNull();
        assertThat((String) ed25519.matchedOption("--algorithm").getValue()).isEqualTo("ed25519-sha256");
    }

    @Test
    void userAddTakesAddressPasswordQuotaAndConnectionOptions() {
        ParseResult parsed = YubinCli.commandLine().parseArgs(
                "user", "add", "alice@example.test", "--password", "s3cret", "--quota", "1G",
                "--policy-url", "http://127.0.0.1:9999", "--token", "t");

        ParseResult add = parsed.subcommand().subcommand();
        assertThat(add.commandSpec().name()).isEqualTo("add");
        assertThat((String) add.matchedPositional(0).getValue()).isEqualTo("alice@example.test");
        assertThat((String) add.matchedOption("--password").getValue()).isEqualTo("s3cret");
        assertThat((String) add.matchedOption("--quota").getValue()).isEqualTo("1G");
        assertThat((String) add.matchedOption("--policy-url").getValue()).isEqualTo("http://127.0.0.1:9999");
    }

    @Test
    void aliasAddNeedsAtLeastOneTarget() {
        ParseResult parsed = YubinCli.commandLine().parseArgs("alias", "add", "all@example.test", "a@example.test", "b@example.test");
        List<String> targets = parsed.subcommand().subcommand().matchedPositional(1).getValue();
        assertThat(targets).containsExactly("a@example.test", "b@example.test");

        assertThatThrownBy(() -> YubinCli.commandLine().parseArgs("alias", "add", "all@example.test"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void upTakesDataDirAndInfraOnly() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--data-dir", "/tmp/x", "--infra-only", "--kafka-port", "29092");

        assertThat(up.dataDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(up.infraOnly).isTrue();
        assertThat(up.kafkaPort).isEqualTo(29092);
    }

    @Test
    void tokenComesFromTheOptionElseTheEnvironmentElseTheDataDirectory() throws Exception {
        AdminOptions options = new AdminOptions();
        options.dataDir = dir;
        Map<String, String> env = new java.util.HashMap<>();
        options.env = env::get;

        assertThatThrownBy(options::token).isInstanceOf(CliException.class).hasMessageContaining("no admin token");
        Files.writeString(dir.resolve("admin-token"), "from-file\n");
        assertThat(options.token()).isEqualTo("from-file");
        env.put("YUBIN_ADMIN_TOKEN", "from-env");
        assertThat(options.token()).isEqualTo("from-env");
        options.token = "from-option";
        assertThat(options.token()).isEqualTo("from-option");
    }

    @Test
    void anUnreachableServiceIsOneLineOnStderrAndExitCode1() {
        StringWriter err = new StringWriter();
        CommandLine cli = YubinCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("domain", "list", "--policy-url", "http://127.0.0.1:1", "--token", "t");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("yubin: cannot connect to http://127.0.0.1:1/ (is ./yubin up running?)" + System.lineSeparator());
    }

    @Test
    void userAddWithoutPasswordAndWithoutTerminalSaysWhatToDo() {
        StringWriter err = new StringWriter();
        CommandLine cli = YubinCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("user", "add", "alice@example.test", "--token", "t", "--policy-url", "http://127.0.0.1:1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no terminal to read the password of alice@example.test from: pass --password");
    }
}
