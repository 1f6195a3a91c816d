package io.sipvista.label;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every label.* id the package's source names has a catalog row, and every label.* row is used. */
class LabelAnomalyIdsTest {
    private static Set<String> usedIds() {
        return SourceIds.find(Pattern.compile("\"(label(?:\\.[a-z0-9_]+)+)\""), SourceIds.mainSources("label"));
    }

    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = usedIds();
        assertThat(used).contains("label.dns.name.loop", "label.rtcp.truncated", "label.arp.truncated",
                "label.icmp.quote.truncated", "label.stun.truncated");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyLabelRowInTheCatalogIsUsed() {
        assertThat(SourceIds.rows(k -> k.startsWith("label."))).isEqualTo(usedIds());
    }
}
