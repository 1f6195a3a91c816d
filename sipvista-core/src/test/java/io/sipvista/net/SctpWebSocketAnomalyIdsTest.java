package io.sipvista.net;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sctp.* and websocket.* id the net sources name has a catalog row, and every such row is used. */
class SctpWebSocketAnomalyIdsTest {
    private static Set<String> usedIds() {
        return SourceIds.find(Pattern.compile("Anomaly\\.of\\(\"((?:sctp|websocket)(?:\\.[a-z0-9_]+)+)\""),
                SourceIds.mainSources("net"));
    }

    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = usedIds();
        assertThat(used).contains("sctp.truncated", "sctp.chunk.invalid", "sctp.data.retransmission",
                "websocket.frame.invalid", "websocket.message.too_large");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everySctpAndWebSocketRowIsUsed() {
        assertThat(SourceIds.rows(k -> k.startsWith("sctp.") || k.startsWith("websocket."))).isEqualTo(usedIds());
    }
}
