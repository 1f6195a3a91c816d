package io.sipvista.media;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every media.* id the package's sources name has a catalog row, and every media.* row is used. */
class MediaAnomalyIdsTest {
    private static Set<String> usedIds() {
        return SourceIds.find(Pattern.compile("\"(media(?:\\.[a-z0-9_]+)+)\""), SourceIds.mainSources("media"));
    }

    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = usedIds();
        assertThat(used).contains("media.dtmf.truncated", "media.dtmf.clock_rate", "media.dtmf.limit",
                "media.info_dtmf.malformed", "media.info_dtmf.duration");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everyDtmfAndInfoRowInTheCatalogIsUsed() {
        // media.dtmf.* and media.info_dtmf.* are this part's rows; other media.* rows belong to stream statistics
        java.util.function.Predicate<String> ours = k -> k.startsWith("media.dtmf.") || k.startsWith("media.info_dtmf.");
        assertThat(SourceIds.rows(ours)).isEqualTo(usedIds().stream().filter(ours)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }
}
