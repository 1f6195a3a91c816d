package io.sipvista.capture;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every capture.* anomaly id named in this package's source has a row in the catalog. */
class CaptureAnomalyIdsTest {
    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = SourceIds.find(Pattern.compile("\"(capture(?:\\.[a-z_]+)+)\""), SourceIds.mainSources("capture"));
        assertThat(used).contains("capture.truncated", "capture.block.unknown", "capture.gzip.corrupt");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }
}
