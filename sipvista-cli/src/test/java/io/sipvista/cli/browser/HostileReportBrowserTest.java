package io.sipvista.cli.browser;

import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.sipvista.cli.browser.ReportPages.js;
import static io.sipvista.cli.browser.ReportPages.screenshot;
import static io.sipvista.cli.browser.ReportPages.shown;
import static io.sipvista.cli.browser.ReportPages.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture whose SIP and SDP carry markup and script in every field the page shows: the report opened in Chromium
 * runs none of it, makes no element of it, and shows it as text, in every view.
 */
class HostileReportBrowserTest {
    static final String SCRIPT = "<script>window.__pwned=1</script>";
    static final String IMG = "<img src=x onerror=\"window.__pwned=2\">";
    static final String SVG = "\"><svg onload=window.__pwned=3>";
    static final String URI = "javascript:window.__pwned=4";

    static byte[] capture() throws IOException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=" + SCRIPT + "\r\ni=" + SVG + "\r\nc=IN IP4 10.0.0.1\r\n"
                + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String callId = "x" + SVG.replace(" ", "") + "@10.0.0.1";
        String from = "\"" + SCRIPT + "\" <sip:alice@10.0.0.1>;tag=a1";
        String to = "\"" + IMG.replace("\"", "'") + "\" <sip:bob@10.0.0.2>";
        String invite = "INVITE sip:bob@10.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-h1\r\n"
                + "From: " + from + "\r\nTo: " + to + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <" + URI + ">\r\nUser-Agent: " + IMG + "\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        String busy = "SIP/2.0 486 " + IMG + "\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-h1\r\n"
                + "From: " + from + "\r\nTo: " + to + ";tag=b1\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Server: " + SVG + "\r\nWarning: 399 " + URI + " \"" + SCRIPT + "\"\r\nContent-Length: 0\r\n\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            w.write(1_700_000_000L, 0, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.1",
                    5060, "10.0.0.2", 5060, invite.getBytes(StandardCharsets.UTF_8))));
            w.write(1_700_000_001L, 0, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.2",
                    5060, "10.0.0.1", 5060, busy.getBytes(StandardCharsets.UTF_8))));
        }
        return bytes.toByteArray();
    }

    private static void nothingRan(ChromeDriver d, String where) {
        assertThat(js(d, "return typeof window.__pwned")).as(where).isEqualTo("undefined");
        assertThat(js(d, "return document.querySelectorAll('img, iframe, object, embed, foreignObject').length"))
                .as(where).isEqualTo(0L);
        assertThat(js(d, "return [...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                + ".some(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value))).length")).as(where).isEqualTo(0L);
        assertThat(js(d, "return document.querySelectorAll('script').length")).as(where + ": the data block and the app")
                .isEqualTo(2L);
        assertThat(js(d, "return document.querySelectorAll('svg').length - document.querySelectorAll('#ladder svg, "
                + "#static-report svg.ladder, svg.chart').length")).as(where + ": no svg but the ladders and charts")
                .isEqualTo(0L);
    }

    @Test
    void nothingFromTheCaptureRunsOrBecomesAnElementAndAllOfItReadsAsText(@TempDir Path dir) throws IOException {
        String url = ReportPages.report(dir, "hostile.pcap", capture()).toUri().toString();
        ChromeDriver d = Chromium.start();
        try {
            d.get(url);
            WebElement row = shown(d, "#calls tr[data-call='call-1']");
            assertThat(row.getText()).contains("busy 486");
            nothingRan(d, "overview");
            screenshot(d, "hostile-overview", row);

            row.click();
            shown(d, "#call-view[data-call='call-1']");
            WebElement arrow = shown(d, "#ladder g.arrow[data-frame='1']");
            assertThat(d.findElement(By.cssSelector("#call-view .call-legs")).getText()).contains(SVG.replace(" ", ""));
            assertThat(d.findElement(By.id("ladder")).getText()).contains(IMG);
            arrow.click();
            WebElement card = shown(d, "#frame-card[data-frame='1']");
            assertThat(card.getText()).contains(SCRIPT).contains(IMG).contains(URI);
            nothingRan(d, "call");
            screenshot(d, "hostile-call", card);

            d.findElement(By.cssSelector("#tabs .tab[data-tab='frames']")).click();
            WebElement second = shown(d, "#frame-list .frame-row[data-frame='2']");
            assertThat(second.getText()).contains("486");
            second.click();
            card = shown(d, "#frame-card[data-frame='2']");
            assertThat(card.findElement(By.cssSelector(".start-line")).getText()).isEqualTo("SIP/2.0 486 " + IMG);
            d.findElement(By.id("show-raw")).click();
            WebElement raw = shown(d, "#raw");
            assertThat(raw.getText()).contains("Server: " + SVG).contains(SCRIPT);
            nothingRan(d, "frame card with raw");
            screenshot(d, "hostile-raw", raw);

            d.findElement(By.cssSelector("#frame-list .frame-row[data-frame='1']")).click();
            until(d, x -> x.findElement(By.id("raw")).getText().contains("s=" + SCRIPT));
            assertThat(d.findElement(By.id("frame-card")).getText()).contains(SCRIPT).contains("SDP");
            WebElement q = d.findElement(By.id("filter-q"));
            q.sendKeys("486 <img");
            until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("1 of 2 frames"));
            q.sendKeys(Keys.ESCAPE);
            until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("2 of 2 frames"));
            List<WebElement> rows = d.findElements(By.cssSelector("#frame-list .frame-row[data-frame]"));
            assertThat(rows).hasSize(2);
            nothingRan(d, "timeline");
        } finally {
            d.quit();
        }
    }
}
