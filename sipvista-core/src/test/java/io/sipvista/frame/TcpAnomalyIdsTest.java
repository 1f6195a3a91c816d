package io.sipvista.frame;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every tcp.* anomaly id the TCP reassembly code names has a row in the catalog. */
class TcpAnomalyIdsTest {
    @Test
    void everyIdUsedIsInTheCatalog() {
        Set<String> used = SourceIds.find(Pattern.compile("\"(tcp(?:\\.[a-z_]+)+)\""),
                SourceIds.mainSources("frame/TcpStreams.java"), SourceIds.mainSources("net/TcpReassembler.java"));
        assertThat(used).containsExactlyInAnyOrder("tcp.out_of_order", "tcp.gap", "tcp.streams.limit", "tcp.buffer.limit",
                "tcp.overlap.conflict", "tcp.held_at_end");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }
}
