package io.sipvista.cli.browser;

import io.sipvista.cli.ServerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.sipvista.cli.browser.ReportPages.js;
import static io.sipvista.cli.browser.ReportPages.screenshot;
import static io.sipvista.cli.browser.ReportPages.shown;
import static io.sipvista.cli.browser.ReportPages.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page of {@code sipvista serve} in headless Chromium against the real server (not a stand-in): a corpus capture
 * uploaded through the file input, its overview, a call, a ladder arrow clicked to its frame card, the timeline
 * filtered and moved through with the keyboard, and the report; a capture whose SIP and SDP carry HTML and script
 * payloads, uploaded and shown in every view and in the served report, runs nothing. Screenshots are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerBrowserTest {
    private ChromeDriver d;
    private ServerHandle server;

    @BeforeAll
    void start() throws IOException {
        d = Chromium.start(true);
        server = ServerHandle.start(List.of());
    }

    @AfterAll
    void stop() throws IOException {
        if (d != null) {
            d.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Path corpus(String name) {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("corpus/pcaps"))) {
            root = root.getParent();
        }
        assertThat(root).as("the repository's corpus/pcaps").isNotNull();
        return root.resolve("corpus/pcaps").resolve(name);
    }

    private Set<String> ids() {
        Set<String> s = new TreeSet<>();
        for (WebElement a : d.findElements(By.cssSelector("#capture-list a.capture"))) {
            s.add(a.getAttribute("data-id"));
        }
        return s;
    }

    /** Uploads {@code capture} through the page's file input, as a user picking a file does; the new capture's id. */
    private String upload(Path capture) {
        d.get(server.url());
        shown(d, "#dropzone");
        Set<String> before = ids();
        d.findElement(By.id("upload-input")).sendKeys(capture.toAbsolutePath().toString());
        // the page opens the capture it uploaded
        String id = until(d, x -> {
            String h = (String) js(x, "return location.hash");
            String got = h.replaceFirst("^#/", "").split("/")[0];
            return got.isEmpty() || before.contains(got) ? null : got;
        });
        shown(d, "#calls tr[data-call]");
        return id;
    }

    private List<Long> rows() {
        // read in one script: the list redraws as pages arrive, so elements found one call earlier may be gone
        Object got = js(d, "return [...document.querySelectorAll('#frame-list .frame-row[data-frame]')]"
                + ".map(e => Number(e.dataset.frame))");
        return ((List<?>) got).stream().map(n -> ((Number) n).longValue()).toList();
    }

    private void noPolicyRefusals(String where) {
        for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
            assertThat(e.getMessage()).as(where).doesNotContain("Content Security Policy").doesNotContain("Refused");
        }
    }

    @Test
    void uploadOpenACallClickAnArrowFilterAndOpenTheReport() throws IOException {
        String id = upload(corpus("wssamples__sip-rtp-g711.pcap"));
        WebElement calls = shown(d, "table#calls");
        assertThat(calls.findElements(By.cssSelector("tr[data-call]"))).hasSize(2);
        assertThat(calls.getText()).contains("PCMU/8000").contains("PCMA/8000");
        screenshot(d, "server-overview", calls);

        calls.findElement(By.cssSelector("tr[data-call='call-1']")).click();
        WebElement ladder = shown(d, "#call-view[data-call='call-1'] #ladder");
        assertThat(ladder.findElements(By.cssSelector("g.arrow[data-frame]"))).hasSizeGreaterThanOrEqualTo(6);
        WebElement chart = shown(d, "#call-streams figure.stream-chart svg");
        assertThat(chart.findElements(By.cssSelector("rect, path, polyline, line"))).isNotEmpty();
        screenshot(d, "server-call", ladder);
        WebElement answer = shown(d, "#ladder g.arrow[data-frame='4']");
        answer.click();
        WebElement card = shown(d, "#frame-card[data-frame='4']");
        assertThat(card.getText()).contains("SIP/2.0 200 OK").contains("10.0.2.15");
        screenshot(d, "server-frame-card", card);

        d.get(server.url() + "#/" + id + "/frames");
        WebElement method = shown(d, "#filter-method");
        shown(d, "#frame-list .frame-row[data-frame='1']");
        method.sendKeys("INVITE");
        until(d, x -> rows().equals(List.of(1L, 2L, 4L, 434L, 435L, 437L)) ? true : null);
        assertThat(d.findElement(By.id("frame-count")).getText()).startsWith("6 of 852 frames");
        screenshot(d, "server-timeline-invite", d.findElement(By.id("frame-list")));
        method.sendKeys(Keys.ESCAPE);
        until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("852 of 852") ? true : null);
        d.findElement(By.id("filter-call")).sendKeys("call-2");
        until(d, x -> {
            List<Long> shownRows = rows(); // one read: the list redraws while the filter's pages arrive
            return !shownRows.isEmpty() && shownRows.get(0) == 434L ? true : null;
        });
        until(d, x -> x.findElement(By.id("frame-count")).getText().contains("indexing") ? null : true);
        assertThat(rows()).doesNotContain(1L, 432L);
        until(d, x -> {
            x.findElement(By.cssSelector("#frame-list .frame-row[data-frame='434']")).click();
            return true;
        });
        shown(d, "#frame-card[data-frame='434']");
        d.findElement(By.id("frame-list")).sendKeys(Keys.ARROW_DOWN);
        shown(d, "#frame-list .frame-row.selected[data-frame='435']");
        shown(d, "#frame-card[data-frame='435']");
        noPolicyRefusals("server page");

        d.get(server.url() + "#/" + id);
        WebElement share = shown(d, "#facts a#report-link");
        assertThat(share.getAttribute("href")).isEqualTo(server.url() + "captures/" + id + "/report");
        assertThat(share.getAttribute("download")).isEqualTo("wssamples__sip-rtp-g711.pcap.html");
        assertThat(d.findElement(By.id("analysis-link")).getAttribute("href"))
                .isEqualTo(server.url() + "api/captures/" + id + "/analysis");
        d.get(share.getAttribute("href"));
        WebElement reportCalls = shown(d, "table#calls");
        assertThat(reportCalls.findElements(By.cssSelector("tr[data-call]"))).hasSize(2);
        d.get(server.url() + "captures/" + id + "/report#/report/frame/437");
        assertThat(shown(d, "#frame-card[data-frame='437']").getText()).contains("SIP/2.0 200 OK");
        screenshot(d, "server-report", d.findElement(By.id("frame-card")));
        noPolicyRefusals("served report");

        d.get(server.url());
        WebElement listed = shown(d, "#capture-list a.capture[data-id='" + id + "']");
        assertThat(listed.getText()).contains("wssamples__sip-rtp-g711.pcap");
    }

    @Test
    void hostilePayloadsInAnUploadedCaptureRunNothingAnywhere(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("hostile.pcap");
        Files.write(capture, HostileReportBrowserTest.capture());
        String id = upload(capture);
        assertThat(shown(d, "#calls tr[data-call='call-1']").getText()).contains("486");
        nothingRan("overview", 0);
        d.get(server.url() + "#/" + id + "/call/call-1");
        shown(d, "#ladder g.arrow[data-frame='1']").click();
        WebElement card = shown(d, "#frame-card[data-frame='1']");
        assertThat(card.getText()).contains(HostileReportBrowserTest.SCRIPT).contains(HostileReportBrowserTest.IMG);
        nothingRan("call", 0);
        d.get(server.url() + "#/" + id + "/frame/2");
        shown(d, "#frame-card[data-frame='2']");
        d.findElement(By.id("show-raw")).click();
        WebElement raw = shown(d, "#raw");
        assertThat(raw.getText()).contains("Server: " + HostileReportBrowserTest.SVG).contains(HostileReportBrowserTest.SCRIPT);
        nothingRan("frame card with raw", 0);
        screenshot(d, "server-hostile-raw", raw);
        d.get(server.url() + "captures/" + id + "/report");
        shown(d, "#calls tr[data-call='call-1']");
        nothingRan("served report", 2);
    }

    /** No payload ran or became an element; {@code scripts} is how many script elements the page itself has. */
    private void nothingRan(String where, long scripts) {
        assertThat(js(d, "return typeof window.__pwned")).as(where).isEqualTo("undefined");
        assertThat(js(d, "return document.querySelectorAll('img, iframe, object, embed, foreignObject').length"))
                .as(where).isEqualTo(0L);
        assertThat(js(d, "return [...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                + ".some(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value))).length")).as(where).isEqualTo(0L);
        assertThat(js(d, "return document.querySelectorAll('body script').length")).as(where).isEqualTo(scripts);
    }
}
