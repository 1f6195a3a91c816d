package io.sipvista;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The dependency rules ARCHITECTURE.md states, checked on the sources so a violation fails the build. */
class ArchitectureTest {
    /** Package → packages it must never import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "sip", List.of("capture", "net", "frame", "report", "label"),
            "label", List.of("capture", "net", "frame", "report", "sip"),
            "capture", List.of("net", "frame", "report", "sip", "label"),
            "net", List.of("frame", "report", "sip", "label"),
            "frame", List.of("report", "analysis", "correlate", "insight"),
            "analysis", List.of("report"),
            "anomaly", List.of("capture", "net", "frame", "report", "sip", "label"),
            "correlate", List.of("capture", "net", "frame", "report", "label"),
            "insight", List.of("capture", "net", "frame", "report", "label"),
            "media", List.of("capture", "net", "frame", "report", "analysis", "correlate", "insight"));

    private static Path sources() {
        Path p = Paths.get("src/main/java/io/sipvista");
        if (!Files.isDirectory(p)) {
            p = Paths.get(System.getProperty("sipvista.root", "."), "sipvista-core/src/main/java/io/sipvista");
        }
        assertThat(p).isDirectory();
        return p;
    }

    @Test
    void packagesImportOnlyWhatTheArchitectureAllows() throws IOException {
        int checked = 0;
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(sources().resolve(rule.getKey()))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    for (String banned : rule.getValue()) {
                        assertThat(text).as("%s must not use io.sipvista.%s", f, banned)
                                .doesNotContain("import io.sipvista." + banned + ".")
                                .doesNotContain("io.sipvista." + banned + ".");
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void theStoreUsesNothingOfSipvista() throws IOException {
        int checked = 0;
        try (Stream<Path> files = Files.walk(sources().resolve("store"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8).replace("io.sipvista.store", "");
                assertThat(text).as("%s must not use other packages of sipvista", f).doesNotContain("io.sipvista.");
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }

    @Test
    void noMutableStaticFields() throws IOException {
        try (Stream<Path> files = Files.walk(sources())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String s = line.strip();
                    if (s.matches("(private |public |protected )?static (?!final)(?!class)(?!record)(?!enum)(?!interface)[\\w<>, \\[\\]]+ \\w+( =.*)?;")) {
                        throw new AssertionError(f + ": mutable static field: " + s);
                    }
                }
            }
        }
    }
}
