package io.sipvista.sip;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.Severity;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sip.* anomaly id named in this package's source has a catalog row, and every sip.* row is used. */
class SipAnomalyIdsTest {
    private static Set<String> idsInSource() {
        return SourceIds.find(Pattern.compile("\"(sip(?:\\.[a-z_0-9]+)+)\""), SourceIds.mainSources("sip"));
    }

    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = idsInSource();
        assertThat(used).contains("sip.header.no_colon", "sip.content_length.mismatch", "sip.stream.gap");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everySipCatalogRowIsUsed() {
        assertThat(SourceIds.rows(k -> k.startsWith("sip."))).isEqualTo(idsInSource());
    }

    @Test
    void textReadsAsTitleThenDetail() {
        var a = io.sipvista.anomaly.Anomaly.of("sip.header.missing", "Call-ID");
        assertThat(a.text()).isEqualTo("Mandatory header is missing: Call-ID");
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
    }
}
