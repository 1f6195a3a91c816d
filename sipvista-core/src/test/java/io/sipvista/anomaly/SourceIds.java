package io.sipvista.anomaly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test plumbing shared by the per-package anomaly-id tests: finds the ids a package's sources name and the catalog
 * rows of an area, so each test only states its own pattern and expectations.
 */
public final class SourceIds {
    private SourceIds() {
    }

    /** {@code sipvista-core/src/main/java/io/sipvista/<relative>}, found from the module or any directory above. */
    public static Path mainSources(String relative) {
        Path rel = Paths.get("src/main/java/io/sipvista").resolve(relative);
        for (Path q = Paths.get("").toAbsolutePath(); q != null; q = q.getParent()) {
            for (Path candidate : new Path[] {q.resolve(rel), q.resolve("sipvista-core").resolve(rel)}) {
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(rel + " not found above " + Paths.get("").toAbsolutePath());
    }

    /**
     * Every match of {@code id} in the given files, or in the {@code .java} files directly inside the given
     * directories: the first non-null group of each match.
     */
    public static Set<String> find(Pattern id, Path... places) {
        Set<String> out = new TreeSet<>();
        try {
            for (Path place : places) {
                if (Files.isDirectory(place)) {
                    try (Stream<Path> files = Files.list(place)) {
                        for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                            collect(id, f, out);
                        }
                    }
                } else {
                    collect(id, place, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void collect(Pattern id, Path file, Set<String> out) throws IOException {
        Matcher m = id.matcher(Files.readString(file));
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    out.add(m.group(g));
                    break;
                }
            }
        }
    }

    /** The catalog rows whose id {@code which} accepts, sorted. */
    public static Set<String> rows(Predicate<String> which) {
        return AnomalyCatalog.standard().entries().keySet().stream().filter(which)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
