package io.sipvista.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code sipvista serve [CAPTURE|DIR ...]}: the web page and API over captures, until stopped. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serves a web page for exploring captures, and its JSON API (docs/api.md),",
                "on 127.0.0.1 unless told otherwise, until stopped (Ctrl-C).",
                "Each capture is analysed and its frames indexed in the background, one",
                "capture at a time, with progress shown. The page shows the overview, each",
                "call's ladder and streams, and the timeline with filters (call, method,",
                "status, address, text); it links the HTML report. A directory offers the",
                "captures directly in it. Captures can be uploaded (POST /api/captures, or",
                "dropped on the page) and removed (DELETE /api/captures/ID). Frame indexes",
                "are kept, compressed, in a private temporary directory while it runs."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CAPTURE|DIR", arity = "0..*", description = "capture files, or directories of them")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "port to listen on (default 8080; 0: any free port)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR", description = "address to listen on (default 127.0.0.1: this machine only)")
    String bind;

    @Option(names = "--max-upload", defaultValue = "200", paramLabel = "MiB", description = "largest upload accepted, MiB (default 200)")
    long maxUploadMiB;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var err = spec.commandLine().getErr();
        if (port < 0 || port > 65535 || maxUploadMiB < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 0-65535 and --max-upload at least 1");
        }
        List<Path> captures = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    files.filter(Files::isRegularFile).filter(ServeCommand::looksLikeACapture).sorted()
                            .forEach(captures::add);
                } catch (IOException e) {
                    err.println("sipvista: " + p + ": cannot list: " + e.getMessage());
                    return 1;
                }
            } else if (Files.isRegularFile(p)) {
                captures.add(p);
            } else {
                err.println("sipvista: " + p + ": no such file or directory");
                return 1;
            }
        }
        try (CaptureServer server = new CaptureServer(bind, port, captures, maxUploadMiB * 1024 * 1024)) {
            // Ctrl-C or a kill: the uploads and frame indexes go with the server
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the temporary directory is the system's to clean
                }
            }));
            spec.commandLine().getOut().println("sipvista: serving " + captures.size()
                    + (captures.size() == 1 ? " capture" : " captures") + " at http://"
                    + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port() + "/ (Ctrl-C stops)");
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();
            return 0;
        } catch (IOException e) {
            err.println("sipvista: cannot serve on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        }
    }

    private static boolean looksLikeACapture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap") || n.endsWith(".pcap.gz")
                || n.endsWith(".pcapng.gz");
    }
}
