package io.sipvista.insight;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** findings.tsv against the detector: every id used has a row, every row is used, every row is well formed. */
class FindingCatalogTest {
    private static final Pattern ID_LITERAL = Pattern.compile("\"([a-z]+(?:\\.[a-z0-9_]+)+)\"");

    /** The detectors: FindingDetector, and MediaFindings for the media rows. */
    private static final List<String> DETECTORS = List.of("insight/FindingDetector.java",
            "analysis/MediaFindings.java");

    private static Set<String> idsInDetector() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String detector : DETECTORS) {
            Path p = Paths.get("src/main/java/io/sipvista/" + detector);
            if (!Files.exists(p)) {
                p = Paths.get(System.getProperty("sipvista.root", "."),
                        "sipvista-core/src/main/java/io/sipvista/" + detector);
            }
            Matcher m = ID_LITERAL.matcher(Files.readString(p));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void everyIdTheDetectorUsesHasARow() throws IOException {
        Set<String> used = idsInDetector();
        assertThat(used).isNotEmpty();
        assertThat(FindingCatalog.standard().entries().keySet()).containsAll(used);
    }

    @Test
    void everyRowIsUsedByTheDetector() throws IOException {
        assertThat(idsInDetector()).containsAll(FindingCatalog.standard().entries().keySet());
    }

    @Test
    void everyRowIsWellFormed() {
        for (FindingCatalog.Entry e : FindingCatalog.standard().entries().values()) {
            assertThat(e.id()).as(e.id()).matches("[a-z]+(\\.[a-z0-9_]+)+");
            assertThat(e.severity()).as(e.id()).isIn("info", "warning", "error");
            assertThat(e.title()).as(e.id()).isNotBlank();
            assertThat(e.rfc()).as(e.id()).matches("RFC \\d+( §[0-9.]+)?");
            assertThat(e.remedy()).as(e.id()).isNotBlank().doesNotContain("{");
            assertThat(e.title()).as(e.id()).doesNotContain("{");
        }
    }

    @Test
    void everyPlaceholderIsFilledWhenValuesAreGiven() {
        for (FindingCatalog.Entry e : FindingCatalog.standard().entries().values()) {
            Map<String, String> v = new HashMap<>();
            for (String name : e.placeholders()) {
                v.put(name, "<" + name + ">");
            }
            String text = e.render(v);
            assertThat(text).as(e.id()).doesNotContain("{").doesNotContain("}");
            for (String name : e.placeholders()) {
                assertThat(text).as(e.id()).contains("<" + name + ">");
            }
        }
    }

    @Test
    void aMissingPlaceholderValueIsAProgrammingError() {
        FindingCatalog.Entry e = FindingCatalog.standard().entry("call.busy");
        assertThat(e.placeholders()).contains("code", "reason");
        assertThatThrownBy(() -> e.render(Map.of("code", "486"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownIdIsAProgrammingError() {
        assertThatThrownBy(() -> FindingCatalog.standard().entry("no.such_finding"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowWithABadSeverityIsRejected() {
        assertThatThrownBy(() -> FindingCatalog.parse("x.y\tfatal\tT\ttext\tRFC 1\tfix\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseSkipsCommentsAndKeepsFileOrder() {
        FindingCatalog c = FindingCatalog.parse("# c\nb.b\tinfo\tB\tb {x}\tRFC 1\tfix b\n\na.a\terror\tA\ta\tRFC 2\tfix a\n");
        assertThat(List.copyOf(c.entries().keySet())).containsExactly("b.b", "a.a");
        Finding f = c.finding("b.b", Map.of("x", "1"), List.of(3L), null);
        assertThat(f.text()).isEqualTo("b 1");
        assertThat(f.severity()).isEqualTo("info");
        assertThat(f.frames()).containsExactly(3L);
    }

    @Test
    void aFindingKnowsItsRemedy() {
        Finding f = FindingCatalog.standard().finding("call.busy",
                Map.of("call", "call-1", "caller", "a", "callee", "b", "code", "486", "reason", "Busy Here"),
                List.of(1L, 3L), "call-1");
        assertThat(f.remedy()).isEqualTo(FindingCatalog.standard().entry("call.busy").remedy());
    }
}
