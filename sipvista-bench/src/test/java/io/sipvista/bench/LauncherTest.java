package io.sipvista.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher script ({@code ./sipvista}) as a user runs it: its first run makes the class-data archive beside the
 * jar, later runs load picocli from it, and a run with a class-file hook on (Flight Recorder here; an agent is the
 * same) does not crash the JVM, as an archive made from the whole class list did on JDK 17.0.15.
 *
 * <p>It runs in this module because the modules before it have built the jar by then ({@code mvn verify} from the
 * top); run alone without the jar it is skipped. It runs a copy of the launcher, the jar and the included capture in
 * a directory of its own, where no source is newer than the jar, so it never builds and leaves the tree alone.
 */
class LauncherTest {
    private static Path root;

    @TempDir
    static Path dir;

    @BeforeAll
    static void copyLauncher() throws IOException {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("sipvista"))) {
            p = p.getParent();
        }
        assertThat(p).as("the directory holding the launcher").isNotNull();
        Path jar = p.resolve("sipvista-cli/target/sipvista.jar");
        assumeTrue(Files.isRegularFile(jar), "the jar is built (mvn verify from the top builds it before this module)");
        root = dir.resolve("copy");
        Files.createDirectories(root.resolve("sipvista-cli/target"));
        Files.createDirectories(root.resolve("examples"));
        Files.copy(p.resolve("sipvista"), root.resolve("sipvista"));
        Files.copy(jar, root.resolve("sipvista-cli/target/sipvista.jar"));
        Files.copy(p.resolve("examples/sip-register-and-call.pcap"),
                root.resolve("examples/sip-register-and-call.pcap"));
    }

    @Test
    void firstRunMakesTheArchiveAndLaterRunsLoadPicocliFromIt() throws Exception {
        Path jsa = root.resolve("sipvista-cli/target/sipvista.jsa");
        Run first = run(Map.of());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("78 frames, 72 SIP messages");
        assertThat(jsa).isRegularFile();
        try (var names = Files.list(jsa.getParent())) {
            assertThat(names.map(n -> n.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("sipvista.jar", "sipvista.jsa");
        }

        Path log = dir.resolve("classes.log");
        Run second = run(Map.of("SIPVISTA_JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
        assertThat(second.exit()).as(second.err()).isZero();
        List<String> picocli = Files.readAllLines(log).stream().filter(l -> l.contains(" picocli.")).toList();
        long archived = picocli.stream().filter(l -> l.endsWith("source: shared objects file")).count();
        // an archive written at exit holds none of them (Java 5 class files); the dump links three as it starts
        assertThat(picocli).hasSizeGreaterThan(100);
        assertThat(archived).as("picocli classes from the archive, of %d", picocli.size())
                .isGreaterThanOrEqualTo(picocli.size() - 5);
    }

    @Test
    void aRunWithFlightRecorderOnDoesNotCrash() throws Exception {
        Path recording = dir.resolve("run.jfr");
        Run r = run(Map.of("SIPVISTA_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + recording));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("78 frames, 72 SIP messages");
        assertThat(recording).isRegularFile();
    }

    private record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("sipvista").toString(), "frames",
                root.resolve("examples/sip-register-and-call.pcap").toString());
        pb.directory(dir.toFile()); // a JVM that crashes writes its hs_err files here, not into the module
        pb.environment().remove("SIPVISTA_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
