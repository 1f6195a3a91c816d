package io.sipvista.cli;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Warnings on standard error: a few of each kind in full, then how many more, whatever the capture's damage. */
class WarningLinesTest {
    private static List<String> printed(List<Anomaly> warnings) {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            WarningLines.print(w, warnings);
        }
        return s.toString().lines().toList();
    }

    @Test
    void aFewWarningsArePrintedInFull() {
        Anomaly cut = Anomaly.of("capture.truncated", "record 9 at offset 100: 3 of 16 header bytes");
        assertThat(printed(List.of(cut))).containsExactly("sipvista: warning: " + cut.text());
    }

    @Test
    void manyOfOneKindAreCountedAfterTheFirstFiveAndOtherKindsStillShow() {
        List<Anomaly> warnings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            warnings.add(Anomaly.of("ip.fragment.incomplete", "datagram " + i));
        }
        warnings.add(Anomaly.of("capture.truncated", "record 9"));
        List<String> lines = printed(warnings);
        assertThat(lines).hasSize(WarningLines.PER_KIND + 2);
        assertThat(lines.subList(0, WarningLines.PER_KIND)).allSatisfy(l -> assertThat(l).contains("datagram "));
        assertThat(lines.get(WarningLines.PER_KIND)).contains("record 9");
        assertThat(lines.get(WarningLines.PER_KIND + 1)).isEqualTo("sipvista: warning: 95 more like this: "
                + "IP datagram never completed: fragments missing at end of capture "
                + "(100 in all; sipvista analyze lists every one)");
    }
}
