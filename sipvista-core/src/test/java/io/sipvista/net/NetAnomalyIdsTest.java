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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every anomaly id named in this package's source (link, IP, transport, tunnels) has a row in the catalog. */
class NetAnomalyIdsTest {
    @Test
    void everyIdUsedIsInTheCatalog() throws IOException {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("sipvista-core/src/main/java/io/sipvista/net"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root above the working directory").isNotNull();
        Path dir = p.resolve("sipvista-core/src/main/java/io/sipvista/net");
        Pattern id = Pattern.compile("Anomaly\\.of\\(\"([a-z0-9_]+(?:\\.[a-z0-9_]+)+)\"|cutShort\\([^,]+, [^,]+, \"([a-z0-9_.]+)\""
                + "|truncated\\([^,]+, [^,]+, \"([a-z0-9_.]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = id.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        assertThat(used).contains("link.truncated", "ip.truncated", "tunnel.too_deep", "tunnel.inner.undecoded",
                "tunnel.gre.truncated", "tunnel.gtp.truncated", "tunnel.mpls.unsupported", "tunnel.vxlan.truncated");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }
}
