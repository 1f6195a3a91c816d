package io.sipvista.sip;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sip.* anomaly id named in this package's source has a catalog row, and every sip.* row is used. */
class SipAnomalyIdsTest {
    private static Set<String> idsInSource() throws IOException {
        Path dir = sourceDir();
        Pattern id = Pattern.compile("\"(sip(?:\\.[a-z_0-9]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = id.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used;
    }

    private static Path sourceDir() {
        Path rel = Paths.get("src/main/java/io/sipvista/sip");
        Path p = Paths.get("").toAbsolutePath();
        while (p != null) {
            for (Path candidate : new Path[] {p.resolve(rel), p.resolve("sipvista-core").resolve(rel)}) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
            p = p.getParent();
        }
        throw new IllegalStateException("sip sources not found above " + Paths.get("").toAbsolutePath());
    }

    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Set<String> used = idsInSource();
        assertThat(used).contains("sip.header.no_colon", "sip.content_length.mismatch", "sip.stream.gap");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everySipCatalogRowIsUsed() throws IOException {
        Set<String> used = idsInSource();
        Set<String> rows = new TreeSet<>();
        AnomalyCatalog.standard().entries().keySet().stream().filter(k -> k.startsWith("sip.")).forEach(rows::add);
        assertThat(rows).isEqualTo(used);
    }

    @Test
    void textReadsAsTitleThenDetail() {
        var a = io.sipvista.anomaly.Anomaly.of("sip.header.missing", "Call-ID");
        assertThat(a.text()).isEqualTo("Mandatory header is missing: Call-ID");
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
    }
}
