package io.sipvista.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of the {@code sipvista} command. */
@Command(name = "sipvista",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reads VoIP packet captures (pcap, pcapng, gzip) and explains them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:error (unreadable or not a capture)", "2:usage error"})
public final class Main implements Runnable {
    /**
     * The subcommands by name, in the order help lists them. A run whose first argument names one of them (other
     * than {@code help}) builds only that one: picocli reads every registered command's annotations by reflection
     * before parsing, ~50 ms of a 0.5 s start for the seven not run (its classes are too old for the class-data
     * archive that serves the rest). Anything else (no command, an unknown one, an option, {@code help}) gets all.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("analyze", AnalyzeCommand.class);
        m.put("frames", FramesCommand.class);
        m.put("calls", CallsCommand.class);
        m.put("flow", FlowCommand.class);
        m.put("export", ExportCommand.class);
        m.put("report", ReportCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("audio", AudioCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

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
        Class<?> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null && named != CommandLine.HelpCommand.class) {
            cl.addSubcommand(args[0], named);
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
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
