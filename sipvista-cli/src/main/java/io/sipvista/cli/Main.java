package io.sipvista.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;

/** Entry point of the {@code sipvista} command. */
@Command(name = "sipvista",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reads VoIP packet captures (pcap, pcapng, gzip) and explains them.",
        subcommands = {AnalyzeCommand.class, FramesCommand.class, CallsCommand.class, FlowCommand.class, ExportCommand.class, ReportCommand.class, ServeCommand.class, AudioCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:error (unreadable or not a capture)", "2:usage error"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input as this run sees it ("-" as a capture name reads it). */
    private final InputStream stdin;

    private Main(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Runs the command line in-process (used by tests) and returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main(stdin));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            err.println("sipvista: internal error: " + ex);
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try 'sipvista frames CAPTURE')");
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"sipvista " + (v == null ? "dev" : v)};
        }
    }
}
