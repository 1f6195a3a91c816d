package io.sipvista.cli;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.AnomalyCatalog;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capture's warnings on standard error, after the output: each in full up to {@link #PER_KIND} of one kind, then
 * one line saying how many more of that kind there are. A damaged capture can have hundreds of the same warning
 * (fragments never completed); {@code analyze} (text or JSON) lists every one.
 */
final class WarningLines {
    /** How many warnings of one kind are printed in full. */
    static final int PER_KIND = 5;

    private WarningLines() {
    }

    static void print(PrintWriter err, List<Anomaly> warnings) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Anomaly w : warnings) {
            int n = seen.merge(w.id(), 1, Integer::sum);
            if (n <= PER_KIND) {
                err.println("sipvista: warning: " + w.text());
            }
        }
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
            int more = e.getValue() - PER_KIND;
            if (more > 0) {
                err.println("sipvista: warning: " + more + " more like this: "
                        + AnomalyCatalog.standard().title(e.getKey()) + " (" + e.getValue()
                        + " in all; sipvista analyze lists every one)");
            }
        }
    }
}
