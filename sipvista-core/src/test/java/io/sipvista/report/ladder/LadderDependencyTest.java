package io.sipvista.report.ladder;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder package draws a model the caller builds: it may use java.* and io.sipvista.report, nothing else. */
class LadderDependencyTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("io\\.sipvista\\.(\\w+)");

    @Test
    void usesOnlyJavaAndTheReportPackage() throws IOException {
        Path dir = Paths.get("src/main/java/io/sipvista/report/ladder");
        if (!Files.isDirectory(dir)) {
            dir = Paths.get(System.getProperty("sipvista.root", "."),
                    "sipvista-core/src/main/java/io/sipvista/report/ladder");
        }
        List<Path> sources;
        try (Stream<Path> s = Files.list(dir)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(7);
        for (Path f : sources) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                assertThat(m.group(2)).as("%s imports", f)
                        .matches("java\\..*|io\\.sipvista\\.report\\.(ladder\\.)?[A-Z].*");
            }
            Matcher q = QUALIFIED.matcher(text);
            while (q.find()) {
                assertThat(q.group(1)).as("%s names io.sipvista.%s", f, q.group(1)).isEqualTo("report");
            }
        }
    }
}
