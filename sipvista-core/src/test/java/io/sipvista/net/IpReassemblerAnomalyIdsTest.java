package io.sipvista.net;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import io.sipvista.anomaly.Severity;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ip.fragment.* id the reassembler can produce has a catalog row, and its rows are all used. */
class IpReassemblerAnomalyIdsTest {
    private static Set<String> usedIds() {
        return SourceIds.find(Pattern.compile("\"(ip\\.fragment(?:\\.[a-z0-9_]+)+)\""),
                SourceIds.mainSources("net/IpReassembler.java"));
    }

    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = usedIds();
        assertThat(used).contains("ip.fragment.overlap", "ip.fragment.overlap_conflict", "ip.fragment.duplicate",
                "ip.fragment.timeout", "ip.fragment.limit", "ip.fragment.too_large", "ip.fragment.incomplete",
                "ip.fragment.invalid", "ip.fragment.cut", "ip.fragment.beyond_end");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyReassemblyRowIsUsed() {
        assertThat(SourceIds.rows(k -> k.startsWith("ip.fragment."))).isEqualTo(usedIds());
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
