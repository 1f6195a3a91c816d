package io.sipvista.correlate;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every correlate.* id named in this package's source has a catalog row, and every correlate.* row is used. */
class CorrelateAnomalyIdsTest {
    private static Set<String> idsInSource() {
        return SourceIds.find(Pattern.compile("\"(correlate(?:\\.[a-z_0-9]+)+)\""), SourceIds.mainSources("correlate"));
    }

    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = idsInSource();
        assertThat(used).contains("correlate.message.uncorrelatable", "correlate.transactions.limit");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyCorrelateCatalogRowIsUsed() {
        assertThat(SourceIds.rows(k -> k.startsWith("correlate."))).isEqualTo(idsInSource());
    }
}
