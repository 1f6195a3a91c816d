package io.sipvista.cli.browser;

import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static io.sipvista.cli.browser.ReportPages.js;
import static io.sipvista.cli.browser.ReportPages.screenshot;
import static io.sipvista.cli.browser.ReportPages.shown;
import static io.sipvista.cli.browser.ReportPages.until;
import static org.assertj.core.api.Assertions.assertThat;

/** The timeline keeps only the rows near the viewport in the page, however many frames there are. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualTimelineBrowserTest {
    private static final int FRAMES = 20_000;
    private ChromeDriver d;

    @BeforeAll
    void start() {
        d = Chromium.start();
    }

    @AfterAll
    void stop() {
        if (d != null) {
            d.quit();
        }
    }

    /** The first {@value #FRAMES} frames of a synthetic mix of calls with RTP: every frame embedded in the report. */
    private static byte[] capture() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            long[] written = {0};
            SyntheticCalls.write(new SyntheticCalls.Options(12, 2, 30, 0.1, 0.1, false, 7, true), (s, n, f) -> {
                if (written[0]++ < FRAMES) {
                    w.write(s, n, f);
                }
            });
        }
        return bytes.toByteArray();
    }

    private static long rows(ChromeDriver d) {
        return (Long) js(d, "return document.querySelectorAll('#frame-list .frame-row').length");
    }

    /** The row of frame {@code n} is in the page and inside the list's visible area. */
    private static boolean visible(ChromeDriver d, long n) {
        return (Boolean) js(d, "const r = document.querySelector(\"#frame-list .frame-row[data-frame='\" + arguments[0] + \"']\");"
                + "if (!r) return false; const a = r.getBoundingClientRect(), b = document.getElementById('frame-list')"
                + ".getBoundingClientRect(); return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;", n);
    }

    @Test
    void twentyThousandFramesKeepTheRowsInThePageBounded(@TempDir Path dir) throws IOException {
        String url = ReportPages.report(dir, "mix.pcap", capture()).toUri().toString();
        d.get(url + "#/report/frames");
        shown(d, "#frame-list .frame-row[data-frame='1']");
        assertThat(d.findElement(By.id("frame-count")).getText()).startsWith(FRAMES + " of " + FRAMES + " frames");
        assertThat(rows(d)).isBetween(20L, 80L);
        // the row height times 9,999: frame 10,000 at the top
        js(d, "document.getElementById('frame-list').scrollTop = "
                + "document.querySelector('#frame-list .frame-row').offsetHeight * (arguments[0] - 1)", FRAMES / 2);
        until(d, x -> visible(x, FRAMES / 2));
        assertThat(rows(d)).isBetween(20L, 80L);
        js(d, "const l = document.getElementById('frame-list'); l.scrollTop = l.scrollHeight;");
        until(d, x -> visible(x, FRAMES));
        assertThat(rows(d)).isBetween(20L, 80L);
        screenshot(d, "virtual-end", d.findElement(By.cssSelector("#frame-list .frame-row[data-frame='" + FRAMES + "']")));
        d.findElement(By.tagName("body")).sendKeys(Keys.HOME);
        until(d, x -> visible(x, 1) && "1".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        d.findElement(By.tagName("body")).sendKeys(Keys.PAGE_DOWN);
        until(d, x -> !"1".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        long selected = Long.parseLong(d.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame"));
        assertThat(selected).isBetween(10L, 60L);
        assertThat(visible(d, selected)).isTrue();
        d.findElement(By.tagName("body")).sendKeys(Keys.END);
        until(d, x -> visible(x, FRAMES));
        assertThat(d.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")).isEqualTo(String.valueOf(FRAMES));
        assertThat(shown(d, "#frame-card[data-frame='" + FRAMES + "']").isDisplayed()).isTrue();
    }

    @Test
    void aHundredThousandRowsScrollByRowIndex(@TempDir Path dir) throws IOException {
        // the seed's report with its frames replaced by 100,000 small ones (2,200,000 px of rows): the list's height is
        // capped and the scroll position maps to the row index
        Path html = ReportPages.report(dir, "seed.pcap", io.sipvista.testkit.SeedCapture.bytes());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        int from = page.indexOf(",\n\"frames\":[") + 2;
        assertThat(from).isGreaterThan(2);
        int to = page.indexOf("],\n\"framesNote\":", from);
        int n = 100_000;
        StringBuilder frames = new StringBuilder(n * 120).append("\"frames\":[");
        for (int i = 1; i <= n; i++) {
            frames.append(i == 1 ? "" : ",").append(String.format(Locale.ROOT, "{\"number\":%d,\"time\":\"2010-06-17T12:59:%02d.%06dZ\","
                    + "\"src\":\"10.0.0.1:4000\",\"dst\":\"10.0.0.2:4000\",\"protocol\":\"rtp\",\"label\":\"RTP %d\"}",
                    i, 48 + i / 10_000, i % 1_000_000, i));
        }
        Files.writeString(html, page.substring(0, from) + frames + page.substring(to), StandardCharsets.UTF_8);
        d.get(html.toUri() + "#/report/frames");
        shown(d, "#frame-list .frame-row[data-frame='1']");
        assertThat(d.findElement(By.id("frame-count")).getText()).startsWith(n + " of " + n + " frames");
        assertThat((Long) js(d, "return document.getElementById('frame-list').scrollHeight")).isLessThanOrEqualTo(1_000_000L);
        js(d, "const l = document.getElementById('frame-list'); l.scrollTop = (l.scrollHeight - l.clientHeight) / 2;");
        until(d, x -> (Long) js(x, "return document.querySelectorAll('#frame-list .frame-row[data-frame=\"50000\"]').length") > 0);
        assertThat(rows(d)).isBetween(20L, 80L);
        d.findElement(By.tagName("body")).sendKeys(Keys.END);
        until(d, x -> visible(x, n));
        screenshot(d, "virtual-scaled-end", d.findElement(By.cssSelector("#frame-list .frame-row[data-frame='" + n + "']")));
        d.findElement(By.tagName("body")).sendKeys(Keys.ARROW_UP);
        until(d, x -> visible(x, n - 1) && String.valueOf(n - 1).equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
        assertThat(rows(d)).isBetween(20L, 80L);
    }
}
