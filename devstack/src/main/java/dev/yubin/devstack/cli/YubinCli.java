package dev.yubin.devstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./yubin}: the devstack launcher ({@code up}) and the admin CLI over the REST APIs.
 * Every failure the user can fix is one line on stderr and exit code 1.
 */
@Command(name = "yubin", mixinStandardHelpOptions = true, version = "yubin devstack 0.1.0",
        description = "Run the Yubin mail platform on this machine and administer it.",
        footer = {"", "Commands at a glance:",
                "  yubin up [--data-dir DIR] [--infra-only]",
                "  yubin domain add|list|remove [NAME]",
                "  yubin user add|remove|passwd ADDRESS [--password P]   yubin user list [--domain D]",
                "  yubin alias add ADDRESS TARGET...   yubin alias list   yubin alias remove ADDRESS",
                "  yubin dkim add DOMAIN",
                "  yubin trace QUEUE_ID",
                "Admin commands take --token (default $YUBIN_ADMIN_TOKEN, else ./data/admin-token), --data-dir,",
                "--policy-url and --mda-url. 'yubin COMMAND --help' for details."},
        subcommands = {UpCommand.class, DomainCommand.class, UserCommand.class, AliasCommand.class,
                DkimCommand.class, TraceCommand.class, HelpCommand.class})
public final class YubinCli implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        // picocli's writers flush on println only; tables are printed with print
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    /** The command tree, for {@code main} and for tests ({@code commandLine().execute("domain", "add", ...)}). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new YubinCli());
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof CliException) {
                command.getErr().println("yubin: " + e.getMessage());
                command.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
