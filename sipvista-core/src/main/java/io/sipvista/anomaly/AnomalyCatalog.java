package io.sipvista.anomaly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The wording of every anomaly, loaded from {@code anomalies.tsv} (id, severity, title). Detection lives in the
 * decoders; the words live here. An id that is missing from the catalog is a bug, caught by a test.
 */
public final class AnomalyCatalog {
    /** One row of the catalog. */
    public record Entry(String id, Severity severity, String title) {
    }

    private static final AnomalyCatalog STANDARD = load();

    private final Map<String, Entry> entries;

    private AnomalyCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static AnomalyCatalog standard() {
        return STANDARD;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public boolean contains(String id) {
        return entries.containsKey(id);
    }

    public Severity severity(String id) {
        Entry e = entries.get(id);
        return e == null ? Severity.WARNING : e.severity();
    }

    public String title(String id) {
        Entry e = entries.get(id);
        return e == null ? id : e.title();
    }

    private static AnomalyCatalog load() {
        Map<String, Entry> map = new LinkedHashMap<>();
        try (InputStream in = AnomalyCatalog.class.getResourceAsStream("anomalies.tsv")) {
            if (in == null) {
                throw new IllegalStateException("anomalies.tsv missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalStateException("anomalies.tsv: bad row: " + line);
                }
                Entry e = new Entry(f[0], Severity.valueOf(f[1].toUpperCase(Locale.ROOT)), f[2]);
                if (map.put(e.id(), e) != null) {
                    throw new IllegalStateException("anomalies.tsv: duplicate id " + e.id());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AnomalyCatalog(map);
    }
}
