package io.sipvista.label;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every label.* id the package's source names has a catalog row, and every label.* row is used. */
class LabelAnomalyIdsTest {
    private static Path sources() {
        for (String candidate : new String[] {"src/main/java/io/sipvista/label",
                "sipvista-core/src/main/java/io/sipvista/label"}) {
            Path p = Paths.get(candidate);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("label sources not found from " + Paths.get("").toAbsolutePath());
    }

    private static Set<String> usedIds() throws IOException {
        Pattern id = Pattern.compile("\"(label(?:\\.[a-z0-9_]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(sources())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = id.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used;
    }

    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Set<String> used = usedIds();
        assertThat(used).contains("label.dns.name.loop", "label.rtcp.truncated", "label.arp.truncated",
                "label.icmp.quote.truncated", "label.stun.truncated");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyLabelRowInTheCatalogIsUsed() throws IOException {
        Set<String> rows = AnomalyCatalog.standard().entries().keySet().stream()
                .filter(k -> k.startsWith("label.")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).isEqualTo(usedIds());
    }
}
