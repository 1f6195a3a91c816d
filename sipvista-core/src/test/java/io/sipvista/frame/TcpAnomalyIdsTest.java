package io.sipvista.frame;

import io.sipvista.anomaly.AnomalyCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every tcp.* anomaly id the TCP reassembly code names has a row in the catalog. */
class TcpAnomalyIdsTest {
    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Path src = CorpusSipTest.corpus().getParent().resolve("sipvista-core/src/main/java/io/sipvista");
        Pattern id = Pattern.compile("\"(tcp(?:\\.[a-z_]+)+)\"");
        Set<String> used = new TreeSet<>();
        for (Path f : new Path[]{src.resolve("frame/TcpStreams.java"), src.resolve("net/TcpReassembler.java")}) {
            Matcher m = id.matcher(Files.readString(f));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).containsExactlyInAnyOrder("tcp.out_of_order", "tcp.gap", "tcp.streams.limit", "tcp.buffer.limit",
                "tcp.overlap.conflict", "tcp.held_at_end");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }
}
