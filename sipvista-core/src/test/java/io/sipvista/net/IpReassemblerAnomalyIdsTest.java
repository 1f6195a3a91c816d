package io.sipvista.net;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Every ip.fragment.* id the reassembler can produce has a catalog row, and its rows are all used. */
class IpReassemblerAnomalyIdsTest {
    private static Path source() {
        for (String candidate : new String[] {"src/main/java/io/sipvista/net/IpReassembler.java",
                "sipvista-core/src/main/java/io/sipvista/net/IpReassembler.java"}) {
            Path p = Paths.get(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("IpReassembler.java not found from " + Paths.get("").toAbsolutePath());
    }

    private static Set<String> usedIds() throws IOException {
        Matcher m = Pattern.compile("\"(ip\\.fragment(?:\\.[a-z0-9_]+)+)\"").matcher(Files.readString(source()));
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        return used;
    }

    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Set<String> used = usedIds();
        assertThat(used).contains("ip.fragment.overlap", "ip.fragment.overlap_conflict", "ip.fragment.duplicate",
                "ip.fragment.timeout", "ip.fragment.limit", "ip.fragment.too_large", "ip.fragment.incomplete",
                "ip.fragment.invalid", "ip.fragment.cut", "ip.fragment.beyond_end");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyReassemblyRowIsUsed() throws IOException {
        Set<String> rows = new TreeSet<>();
        for (String id : AnomalyCatalog.standard().entries().keySet()) {
            if (id.startsWith("ip.fragment.") && !id.equals("ip.fragment.not_reassembled")) {
                rows.add(id); // not_reassembled is the frames view's, for fragments it does not reassemble
            }
        }
        assertThat(rows).isEqualTo(usedIds());
    }

    @Test
    void severitiesSayHowBadEachIs() {
        AnomalyCatalog c = AnomalyCatalog.standard();
        assertThat(c.severity("ip.fragment.duplicate")).isEqualTo(Severity.INFO);
        assertThat(c.severity("ip.fragment.cut")).isEqualTo(Severity.INFO);
        assertThat(c.severity("ip.fragment.overlap_conflict")).isEqualTo(Severity.WARNING);
        assertThat(c.severity("ip.fragment.too_large")).isEqualTo(Severity.ERROR);
    }
}
