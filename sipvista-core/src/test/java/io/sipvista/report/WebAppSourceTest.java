package io.sipvista.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app's sources ({@code io/sipvista/web}): nothing from a capture can become markup or code, because app.js
 * has no way to make either from a string; the shell page has no inline script or style.
 */
class WebAppSourceTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = WebAppSourceTest.class.getResourceAsStream("/io/sipvista/web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void appJsHasNoWayToTurnTextIntoMarkupOrCode() throws IOException {
        String js = resource("app.js");
        for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "Function(", "srcdoc", "createContextualFragment", "javascript:")) {
            assertThat(js).as("app.js must not use " + banned).doesNotContain(banned);
        }
        assertThat(Pattern.compile("set(Timeout|Interval)\\s*\\(\\s*['\"`]").matcher(js).find())
                .as("setTimeout/setInterval with a string").isFalse();
        assertThat(Pattern.compile("\\beval\\b").matcher(js).find()).as("eval").isFalse();
        assertThat(Pattern.compile("setAttribute\\(\\s*['\"]on", Pattern.CASE_INSENSITIVE).matcher(js).find())
                .as("event handler attributes").isFalse();
    }

    @Test
    void theLadderIsParsedAsSvgAndImported() throws IOException {
        String js = resource("app.js");
        assertThat(js).contains("new DOMParser().parseFromString(text, 'image/svg+xml')")
                .contains("document.importNode(root, true)");
    }

    @Test
    void appJsAndAppCssCanBeInlinedInTheReport() throws IOException {
        for (String name : List.of("app.js", "app.css")) {
            String lower = resource(name).toLowerCase(Locale.ROOT);
            assertThat(lower).as(name).doesNotContain("</script").doesNotContain("</style").doesNotContain("<!--")
                    .doesNotContain("\r");
        }
    }

    @Test
    void theShellLinksTheAppAndHasNothingInline() throws IOException {
        String html = resource("index.html");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"/app.css\">")
                .contains("<script src=\"/app.js\" defer></script>").contains("<div id=\"app\"></div>");
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<style").doesNotContain(" style=")
                .doesNotContain("<script>").doesNotContain(" on").doesNotContain("http");
    }
}
