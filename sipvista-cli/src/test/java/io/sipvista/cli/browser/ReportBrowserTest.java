package io.sipvista.cli.browser;

import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sipvista.cli.browser.ReportPages.js;
import static io.sipvista.cli.browser.ReportPages.screenshot;
import static io.sipvista.cli.browser.ReportPages.shown;
import static io.sipvista.cli.browser.ReportPages.until;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed capture's report opened from file:// in headless Chromium: every view of the app, under its own CSP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {
    private ChromeDriver d;
    private Path seed;
    private String url;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        d = Chromium.start(true);
        seed = dir.resolve("seed.pcap");
        url = ReportPages.report(dir, "seed.pcap", SeedCapture.bytes()).toUri().toString();
    }

    @AfterAll
    void stop() {
        if (d != null) {
            d.quit();
        }
    }

    private void open(String hash) {
        d.get("about:blank");
        d.get(url + hash);
    }

    @Test
    void theOverviewShowsTheCallRowAndHidesTheStaticReport() throws IOException {
        open("");
        WebElement row = shown(d, "#calls tr[data-call='call-1']");
        assertThat(row.getText()).contains("4505656010").contains("4182618006").contains("answered 200")
                .contains("PCMU/8000").contains("60 ms").contains("6.32 s");
        assertThat(d.findElement(By.id("static-report")).isDisplayed()).isFalse();
        assertThat(d.findElement(By.id("facts")).getText()).contains("seed.pcap").contains("78");
        assertThat(d.findElement(By.id("streams")).findElements(By.cssSelector("tbody tr"))).hasSize(2);
        assertThat(d.findElement(By.id("registrations")).getText()).contains("sip:4182618006@virtsanity.mtl.broadsoft.com");
        assertThat(d.findElement(By.id("subscriptions")).getText()).contains("call-info").contains("line-seize");
        screenshot(d, "report-overview", row);
    }

    @Test
    void theAppRunsUnderItsOwnPolicy() {
        open("");
        shown(d, "#calls tr[data-call='call-1']");
        open("#/report/call/call-1");
        shown(d, "#ladder g.arrow");
        List<String> problems = new ArrayList<>();
        for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
            problems.add(e.getLevel() + " " + e.getMessage());
        }
        assertThat(problems).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"))
                .noneMatch(m -> m.startsWith("SEVERE"));
    }

    @Test
    void clickingTheCallOpensItsLadderAndAnArrowOpensItsFrame() throws IOException {
        open("");
        shown(d, "#calls tr[data-call='call-1']").click();
        WebElement view = shown(d, "#call-view[data-call='call-1']");
        List<WebElement> arrows = until(d, x -> {
            List<WebElement> a = x.findElements(By.cssSelector("#ladder g.arrow[data-frame]"));
            return a.isEmpty() ? null : a;
        });
        assertThat(arrows.size()).isGreaterThan(20);
        assertThat(view.findElement(By.cssSelector(".call-legs")).getText()).contains("6e656a5f-be5dcbdd-8e03cee@192.168.9.212");
        WebElement invite = d.findElement(By.cssSelector("#ladder g.arrow[data-frame='27']"));
        invite.click();
        WebElement card = shown(d, "#frame-card[data-frame='27']");
        assertThat(card.findElement(By.cssSelector(".start-line")).getText())
                .isEqualTo("INVITE sip:4182618006@virtsanity.mtl.broadsoft.com;user=phone SIP/2.0");
        assertThat(card.getText()).contains("192.168.9.212:5060 \u2192 192.168.13.180:5060")
                .contains("User-Agent").contains("PolycomSoundPointIP-SPIP_500-UA/2.0.3.0127")
                .contains("audio 2222 RTP/AVP: PCMA/8000, PCMU/8000, G729/8000, telephone-event/8000");
        assertThat(card.findElement(By.cssSelector(".insight")).getText()).contains("4505656010 calls 4182618006");
        screenshot(d, "report-call-ladder", card);
        // the keyboard: the next arrow by ArrowDown, opened by Enter
        WebElement next = d.findElement(By.cssSelector("#ladder g.arrow[data-frame='28']"));
        js(d, "arguments[0].focus()", invite);
        invite.sendKeys(Keys.ARROW_DOWN);
        assertThat(js(d, "return document.activeElement.getAttribute('data-frame')")).isEqualTo("28");
        next.sendKeys(Keys.ENTER);
        assertThat(shown(d, "#frame-card[data-frame='28'] .start-line").getText()).isEqualTo("SIP/2.0 100 Trying");
    }

    @Test
    void eachStreamOfTheCallHasAChart() throws IOException {
        open("#/report/call/call-1");
        shown(d, "#call-view[data-call='call-1']");
        List<WebElement> charts = d.findElements(By.cssSelector("#call-streams figure.stream-chart"));
        assertThat(charts).hasSize(2);
        // both seed streams have a one-second series, no loss: axes, no loss bar; a jitter line where jitter was
        // measured (the 3-packet stream), none where it was not (the 1-packet stream)
        for (WebElement c : charts) {
            assertThat(c.findElements(By.cssSelector("svg.chart line.axis"))).hasSize(3);
            assertThat(c.findElements(By.cssSelector("svg.chart rect.bar"))).isEmpty();
        }
        assertThat(charts.get(0).findElements(By.cssSelector("svg.chart path.jitter"))).hasSize(1);
        assertThat(charts.get(1).findElements(By.cssSelector("svg.chart path.jitter"))).isEmpty();
        screenshot(d, "report-call-streams", charts.get(0));
    }

    @Test
    void aStreamWithASeriesIsDrawnAsLossBarsAndAJitterLine(@TempDir Path tmp) throws IOException {
        // the seed's report with its first stream's series made longer (with loss and jitter), the second made null
        String page = java.nio.file.Files.readString(Path.of(java.net.URI.create(url)));
        String series = "\"series\":{\"intervalMs\":1000,\"packets\":[50,50,48,50,41,50],\"lost\":[0,0,2,0,9,0],"
                + "\"jitterMaxMs\":[1.5,2.25,null,3.0,12.5,4.0]},";
        // the seed's own series (as AnalysisWriter writes them) replaced: the first by a longer one, the second by null
        String patched = page.replace("\"series\":{\"intervalMs\":1000,\"packets\":[3],\"lost\":[0],\"jitterMaxMs\":[0.0]}",
                        series.substring(0, series.length() - 1))
                .replace("\"series\":{\"intervalMs\":1000,\"packets\":[1],\"lost\":[0],\"jitterMaxMs\":[null]}",
                        "\"series\":null");
        assertThat(patched).isNotEqualTo(page);
        Path html = tmp.resolve("series.html");
        java.nio.file.Files.writeString(html, patched);
        d.get(html.toUri() + "#/report/call/call-1");
        WebElement chart = shown(d, "#call-streams figure.stream-chart svg.chart");
        assertThat(chart.findElements(By.cssSelector("rect.bar"))).hasSize(2);
        assertThat(chart.findElement(By.cssSelector("path.jitter")).getAttribute("d")).matches("M[^M]+L[^M]+M[^M]+(L[^M]+){2}");
        assertThat(chart.getText()).contains("lost packets").contains("jitter ms").contains("6 s").contains("12.5");
        List<WebElement> charts = d.findElements(By.cssSelector("#call-streams figure.stream-chart"));
        assertThat(charts).hasSize(2);
        assertThat(charts.get(1).getText()).contains("no per-interval data");
        screenshot(d, "report-stream-chart", chart);
    }

    @Test
    void filteringTheTimelineByInviteGivesExactlyTheInviteFrames() throws IOException {
        List<Long> expected = new ArrayList<>();
        Map<String, Object> doc = new Json().toType(ReportPages.run("frames", seed.toString(), "--format", "json"), Json.MAP_TYPE);
        for (Object o : (List<?>) doc.get("frames")) {
            Map<?, ?> f = (Map<?, ?>) o;
            if (ReportPages.hasMethod(f, "INVITE")) {
                expected.add(((Number) f.get("number")).longValue());
            }
        }
        assertThat(expected).hasSize(18);
        open("#/report/frames");
        shown(d, "#frame-list .frame-row[data-frame='1']");
        assertThat(d.findElement(By.id("frame-count")).getText()).startsWith("78 of 78 frames");
        d.findElement(By.id("filter-method")).sendKeys("INVITE");
        until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("18 of 78 frames"));
        List<Long> shown = new ArrayList<>();
        for (WebElement r : d.findElements(By.cssSelector("#frame-list .frame-row[data-frame]"))) {
            shown.add(Long.parseLong(r.getAttribute("data-frame")));
        }
        assertThat(shown).isEqualTo(expected);
        screenshot(d, "report-timeline-invite", d.findElement(By.id("frame-list")));
        // Escape clears the filters
        d.findElement(By.id("filter-method")).sendKeys(Keys.ESCAPE);
        until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("78 of 78 frames"));
        assertThat(d.findElement(By.id("filter-method")).getAttribute("value")).isEmpty();
    }

    @Test
    void theKeyboardMovesTheSelectionAndEnterShowsTheRawMessage() throws IOException {
        open("#/report/frames");
        shown(d, "#frame-list .frame-row[data-frame='1']");
        WebElement body = d.findElement(By.tagName("body"));
        body.sendKeys(Keys.ARROW_DOWN);
        assertThat(shown(d, "#frame-list .frame-row.selected").getAttribute("data-frame")).isEqualTo("1");
        body.sendKeys(Keys.ARROW_DOWN);
        body.sendKeys("j");
        until(d, x -> "3".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        body.sendKeys("k");
        until(d, x -> "2".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        WebElement card = shown(d, "#frame-card[data-frame='2']");
        assertThat(card.findElement(By.cssSelector(".start-line")).getText()).isEqualTo("SIP/2.0 200 OK");
        assertThat(d.getCurrentUrl()).endsWith("#/report/frame/2");
        assertThat(d.findElements(By.id("raw"))).isEmpty();
        body.sendKeys(Keys.ENTER);
        WebElement raw = shown(d, "#raw");
        assertThat(raw.getText()).startsWith("SIP/2.0 200 OK").contains("12607 REGISTER").contains("expires=3599");
        screenshot(d, "report-timeline-raw", raw);
        body.sendKeys(Keys.END);
        until(d, x -> "78".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        body.sendKeys(Keys.HOME);
        until(d, x -> "1".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        body.sendKeys("/");
        assertThat(js(d, "return document.activeElement.id")).isEqualTo("filter-q");
    }

    @Test
    void aFrameRouteOpensTheTimelineWithThatFrameSelectedAndItsCard() throws IOException {
        open("#/report/frame/42");
        WebElement card = shown(d, "#frame-card[data-frame='42']");
        assertThat(card.getText()).contains("RTP").contains("first packet of a PCMU/8000 stream of call-1");
        assertThat(shown(d, "#frame-list .frame-row.selected").getAttribute("data-frame")).isEqualTo("42");
        assertThat(d.findElement(By.id("show-raw")).isEnabled()).as("an RTP frame has no raw text").isFalse();
        screenshot(d, "report-frame-route", card);
    }

    @Test
    void theCardShowsTheKeyHeadersAndFoldsTheOthers() {
        // frame 1 (REGISTER): Content-Length and Allow are not key headers (Supported is)
        open("#/report/frame/1");
        WebElement card = shown(d, "#frame-card[data-frame='1']");
        assertThat(card.findElement(By.cssSelector("table.headers")).getText()).contains("Contact").contains("Supported")
                .doesNotContain("Allow");
        WebElement more = card.findElement(By.cssSelector("details.more-headers"));
        assertThat(more.findElement(By.tagName("summary")).getText()).isEqualTo("2 more headers");
        WebElement allow = more.findElement(By.xpath(".//th[text()='Allow']"));
        assertThat(allow.isDisplayed()).isFalse();
        more.findElement(By.tagName("summary")).click();
        until(d, x -> allow.isDisplayed() ? true : null);
        assertThat(more.getText()).contains("ACK, BYE, CANCEL, INFO, INVITE, NOTIFY, OPTIONS, REFER");
    }

    @Test
    void theCallFilterKeepsTheCallsSipAndMedia() {
        open("#/report/frames");
        shown(d, "#frame-list .frame-row[data-frame='1']");
        d.findElement(By.cssSelector("#filter-call option[value='call-1']")).click();
        until(d, x -> !x.findElement(By.id("frame-count")).getText().startsWith("78 of"));
        String count = d.findElement(By.id("frame-count")).getText();
        long matched = Long.parseLong(count.substring(0, count.indexOf(' ')));
        assertThat(matched).isBetween(20L, 77L);
        List<WebElement> rows = d.findElements(By.cssSelector("#frame-list .frame-row[data-frame]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-frame")).contains("27", "41", "42").doesNotContain("1", "2");
    }
}
