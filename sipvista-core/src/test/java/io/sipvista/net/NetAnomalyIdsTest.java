package io.sipvista.net;

import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.anomaly.SourceIds;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every anomaly id named in this package's source (link, IP, transport, tunnels) has a row in the catalog. */
class NetAnomalyIdsTest {
    @Test
    void everyIdUsedIsInTheCatalog() {
        Pattern id = Pattern.compile("Anomaly\\.of\\(\"([a-z0-9_]+(?:\\.[a-z0-9_]+)+)\"|cutShort\\([^,]+, [^,]+, \"([a-z0-9_.]+)\""
                + "|truncated\\([^,]+, [^,]+, \"([a-z0-9_.]+)\"");
        Set<String> used = SourceIds.find(id, SourceIds.mainSources("net"));
        assertThat(used).contains("link.truncated", "ip.truncated", "tunnel.too_deep", "tunnel.inner.undecoded",
                "tunnel.gre.truncated", "tunnel.gtp.truncated", "tunnel.mpls.unsupported", "tunnel.vxlan.truncated");
        assertThat(used).allSatisfy(u -> assertThat(AnomalyCatalog.standard().contains(u)).as(u).isTrue());
    }
}
