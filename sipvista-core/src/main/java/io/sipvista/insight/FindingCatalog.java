package io.sipvista.insight;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of findings ({@code findings.tsv}): per finding id its severity, title, text template with named
 * {@code {placeholders}}, RFC reference and remedy hint. Wording is data; {@link FindingDetector} decides which
 * finding applies and supplies the values.
 */
public final class FindingCatalog {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9-]*)}");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "error");
    private static final FindingCatalog STANDARD = load();

    private final Map<String, Entry> entries;

    private FindingCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * One row.
     *
     * @param id       the finding id
     * @param severity info, warning or error
     * @param title    a short phrase
     * @param template the text with {@code {name}} placeholders
     * @param rfc      the RFC reference
     * @param remedy   what to check or change
     */
    public record Entry(String id, String severity, String title, String template, String rfc, String remedy) {
        /** The placeholder names of the template, in order of first use. */
        public List<String> placeholders() {
            List<String> out = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!out.contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
            return out;
        }

        /** The template with every placeholder replaced; a placeholder without a value is a programming error. */
        public String render(Map<String, String> values) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) {
                    throw new IllegalArgumentException("no value for {" + m.group(1) + "} of " + id);
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }

    /** The catalog shipped as {@code findings.tsv}. */
    public static FindingCatalog standard() {
        return STANDARD;
    }

    /** Reads catalog text: {@code #} comment lines and blank lines are skipped; six tab-separated columns. */
    public static FindingCatalog parse(String text) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 6) {
                throw new IllegalArgumentException("findings row needs 6 columns: " + line);
            }
            if (!SEVERITIES.contains(c[1])) {
                throw new IllegalArgumentException("bad severity in findings row: " + line);
            }
            if (map.put(c[0], new Entry(c[0], c[1], c[2], c[3], c[4], c[5])) != null) {
                throw new IllegalArgumentException("duplicate finding id: " + c[0]);
            }
        }
        return new FindingCatalog(map);
    }

    private static FindingCatalog load() {
        try (InputStream in = FindingCatalog.class.getResourceAsStream("findings.tsv")) {
            if (in == null) {
                throw new IllegalStateException("findings.tsv missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry by id, in file order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** The entry of this id; an unknown id is a programming error. */
    public Entry entry(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no findings.tsv row for " + id);
        }
        return e;
    }

    /** A finding of this id with its text rendered from {@code values}. */
    public Finding finding(String id, Map<String, String> values, List<Long> frames, String callId) {
        Entry e = entry(id);
        return new Finding(id, e.severity(), e.title(), e.render(values), e.rfc(), frames, callId);
    }
}
