package io.sipvista.capture;

import io.sipvista.anomaly.AnomalyCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every capture.* anomaly id named in this package's source has a row in the catalog. */
class CaptureAnomalyIdsTest {
    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Path dir = CorpusCaptureTest.repoRoot().resolve("sipvista-core/src/main/java/io/sipvista/capture");
        Pattern id = Pattern.compile("\"(capture(?:\\.[a-z_]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = id.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("capture.truncated", "capture.block.unknown", "capture.gzip.corrupt");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }
}
