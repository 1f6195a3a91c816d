package io.sipvista.sip.sdp;

import io.sipvista.anomaly.AnomalyCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sdp.* id named in this package's source has a catalog row, and every sdp.* row is used. */
class SdpAnomalyIdsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/sipvista/sip/sdp");

    private static Set<String> usedIds() throws IOException {
        Pattern id = Pattern.compile("\"(sdp(?:\\.[a-z_0-9]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = id.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used;
    }

    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Set<String> used = usedIds();
        assertThat(used).contains("sdp.line.no_type", "sdp.crypto.invalid", "sdp.payload_type.no_rtpmap");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everySdpRowInTheCatalogIsUsed() throws IOException {
        Set<String> used = usedIds();
        Set<String> rows = new TreeSet<>();
        for (String id : AnomalyCatalog.standard().entries().keySet()) {
            if (id.startsWith("sdp.")) {
                rows.add(id);
            }
        }
        assertThat(rows).isEqualTo(used);
    }
}
