package io.sipvista.correlate;

import io.sipvista.anomaly.AnomalyCatalog;
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

/** Every correlate.* id named in this package's source has a catalog row, and every correlate.* row is used. */
class CorrelateAnomalyIdsTest {
    private static Set<String> idsInSource() throws IOException {
        Pattern id = Pattern.compile("\"(correlate(?:\\.[a-z_0-9]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(sourceDir())) {
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
        Path rel = Paths.get("src/main/java/io/sipvista/correlate");
        Path p = Paths.get("").toAbsolutePath();
        while (p != null) {
            for (Path candidate : new Path[] {p.resolve(rel), p.resolve("sipvista-core").resolve(rel)}) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
            p = p.getParent();
        }
        throw new IllegalStateException("correlate sources not found above " + Paths.get("").toAbsolutePath());
    }

    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Set<String> used = idsInSource();
        assertThat(used).contains("correlate.message.uncorrelatable", "correlate.transactions.limit");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyCorrelateCatalogRowIsUsed() throws IOException {
        Set<String> rows = new TreeSet<>();
        AnomalyCatalog.standard().entries().keySet().stream().filter(k -> k.startsWith("correlate."))
                .forEach(rows::add);
        assertThat(rows).isEqualTo(idsInSource());
    }
}
