package io.sipvista.net;

import io.sipvista.anomaly.AnomalyCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sctp.* and websocket.* id the net sources name has a catalog row, and every such row is used. */
class SctpWebSocketAnomalyIdsTest {
    private static Path sources() {
        for (String candidate : new String[] {"src/main/java/io/sipvista/net",
                "sipvista-core/src/main/java/io/sipvista/net"}) {
            Path p = Paths.get(candidate);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("net sources not found from " + Paths.get("").toAbsolutePath());
    }

    private static Set<String> usedIds() throws IOException {
        Pattern id = Pattern.compile("Anomaly\\.of\\(\"((?:sctp|websocket)(?:\\.[a-z0-9_]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(sources())) {
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
        assertThat(used).contains("sctp.truncated", "sctp.chunk.invalid", "sctp.data.retransmission",
                "websocket.frame.invalid", "websocket.message.too_large");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }

    @Test
    void everySctpAndWebSocketRowIsUsed() throws IOException {
        Set<String> rows = AnomalyCatalog.standard().entries().keySet().stream()
                .filter(k -> k.startsWith("sctp.") || k.startsWith("websocket."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).isEqualTo(usedIds());
    }
}
