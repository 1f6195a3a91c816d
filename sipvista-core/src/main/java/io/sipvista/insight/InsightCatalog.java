package io.sipvista.insight;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of every per-message insight, loaded once from {@code insights.tsv} (id, template with {@code {name}}
 * placeholders), and the order in which entries are looked up: from the most specific context to the most general
 * (STYLE.md). For a request: {@code METHOD.request.QUALIFIER}, {@code METHOD.request}, {@code request}. For a
 * response: {@code METHOD.STATUS.QUALIFIER}, {@code METHOD.STATUS}, {@code STATUS.QUALIFIER}, {@code STATUS},
 * {@code METHOD.Nxx.QUALIFIER}, {@code METHOD.Nxx}, {@code Nxx}, {@code response}: a status with a meaning of its own
 * (481, 482, 401...) is more specific than a method's words for its whole class. METHOD is the CSeq method, so an entry
 * that starts with a method is reachable only from messages of that method. Immutable; detection lives in
 * {@link MessageExplainer}.
 */
public final class InsightCatalog {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9-]*)}");
    private static final InsightCatalog STANDARD = load();

    /**
     * One row of the catalog.
     *
     * @param id       the lookup key
     * @param template the wording, with {@code {name}} placeholders
     */
    public record Entry(String id, String template) {
        /** The placeholder names of the template, in order. */
        public List<String> placeholders() {
            List<String> out = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }

        /** The template filled from {@code values}; empty when a placeholder has no value. */
        public Optional<String> render(Map<String, String> values) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder(template.length() + 32);
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) {
                    return Optional.empty();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            return Optional.of(out.toString());
        }
    }

    private final Map<String, Entry> entries;

    private InsightCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The catalog shipped with sipvista. */
    public static InsightCatalog standard() {
        return STANDARD;
    }

    /**
     * Reads a catalog from its text: one {@code id<TAB>template} row per line, {@code #} comments and blank lines
     * skipped.
     *
     * @throws IllegalArgumentException on a malformed row or a duplicate id (the catalog is code, not wire data)
     */
    public static InsightCatalog parse(String text) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t");
            if (f.length != 2 || f[0].isEmpty() || f[1].isEmpty()) {
                throw new IllegalArgumentException("insights.tsv: bad row: " + l);
            }
            if (map.put(f[0], new Entry(f[0], f[1])) != null) {
                throw new IllegalArgumentException("insights.tsv: duplicate id " + f[0]);
            }
        }
        return new InsightCatalog(map);
    }

    private static InsightCatalog load() {
        try (InputStream in = InsightCatalog.class.getResourceAsStream("insights.tsv")) {
            if (in == null) {
                throw new IllegalStateException("insights.tsv missing from the classpath");
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

    /** The entry with this id; null when there is none. */
    public Entry entry(String id) {
        return entries.get(id);
    }

    /**
     * The ids to try, most specific first, that exist in the catalog.
     *
     * @param method     the CSeq method (any case; an unknown method reaches only the generic entries)
     * @param status     the response status, or 0 for a request
     * @param qualifiers the role or dialog state of the message, most specific first (e.g. {@code hold}, {@code
     *                   answer}); may be empty
     */
    public List<String> chain(String method, int status, List<String> qualifiers) {
        String mth = method == null ? "" : method.toUpperCase(Locale.ROOT);
        List<String> keys = new ArrayList<>();
        if (status == 0) {
            if (!mth.isEmpty()) {
                qualified(keys, mth + ".request", qualifiers);
            }
            keys.add("request");
        } else {
            String code = Integer.toString(status);
            String cls = (status / 100) + "xx";
            if (!mth.isEmpty()) {
                qualified(keys, mth + "." + code, qualifiers);
            }
            qualified(keys, code, qualifiers);
            if (!mth.isEmpty()) {
                qualified(keys, mth + "." + cls, qualifiers);
            }
            keys.add(cls);
            keys.add("response");
        }
        keys.removeIf(k -> !entries.containsKey(k));
        return keys;
    }

    private static void qualified(List<String> keys, String base, List<String> qualifiers) {
        for (String q : qualifiers) {
            keys.add(base + "." + q);
        }
        keys.add(base);
    }

    /**
     * The first entry of {@code ids} whose placeholders all have values, rendered.
     *
     * @return the insight; empty when no entry could be filled
     */
    public Optional<Insight> render(long frame, List<String> ids, Map<String, String> values) {
        for (String id : ids) {
            Entry e = entries.get(id);
            if (e == null) {
                continue;
            }
            Optional<String> text = e.render(values);
            if (text.isPresent()) {
                return Optional.of(new Insight(frame, id, text.get()));
            }
        }
        return Optional.empty();
    }
}
