package io.sipvista.report;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report: every view present, self-contained, and hostile capture text shown as text. */
class HtmlReportTest {
    private static String report(byte[] capture) throws IOException {
        CaptureAnalysis.Result a;
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "x.pcap")) {
            a = CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.MESSAGES);
        }
        StringWriter out = new StringWriter();
        HtmlReport.write(out, "x.pcap", a);
        return out.toString();
    }

    private static byte[] hostile() throws IOException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=<svg onload=alert(3)>\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String invite = "INVITE sip:bob@10.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-x1\r\n"
                + "From: \"<script>alert(1)</script>\" <sip:alice@10.0.0.1>;tag=a1\r\n"
                + "To: <sip:bob@10.0.0.2>\r\nCall-ID: '\"><script>alert(4)</script>\r\nCSeq: 1 INVITE\r\n"
                + "User-Agent: <img src=x onerror=alert(2)>\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        String busy = "SIP/2.0 486 <b>Busy</b>\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-x1\r\n"
                + "From: \"<script>alert(1)</script>\" <sip:alice@10.0.0.1>;tag=a1\r\n"
                + "To: <sip:bob@10.0.0.2>;tag=b1\r\nCall-ID: '\"><script>alert(4)</script>\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            w.write(1_700_000_000L, 0, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.1",
                    5060, "10.0.0.2", 5060, invite.getBytes(StandardCharsets.UTF_8))));
            w.write(1_700_000_001L, 0, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.2",
                    5060, "10.0.0.1", 5060, busy.getBytes(StandardCharsets.UTF_8))));
        }
        return bytes.toByteArray();
    }

    @Test
    void theSeedReportHasEveryView() throws IOException {
        String html = report(SeedCapture.bytes());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Calls (1)</h2>")
                .contains("<a href=\"#call-1\">call-1</a>").contains("4505656010").contains("ANSWERED 200")
                .contains("<h2 id=\"call-1\">").contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("<h2>Streams (2)</h2>").contains("Registrations (")
                .contains("registrar accepted 4182618006 at 192.168.9.205:5060 for 3599 s of the 3600 asked")
                .contains("<tr id=\"frame-71\">").endsWith("</html>\n");
    }

    @Test
    void nothingIsLoadedFromElsewhereAndNoScriptIsAllowed() throws IOException {
        String html = report(SeedCapture.bytes());
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:\">");
        Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+").matcher(html);
        while (urls.find()) {
            assertThat(urls.group()).as("only the SVG namespace names a URL").isEqualTo("http://www.w3.org");
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<link")
                .doesNotContain("<iframe").doesNotContain("src=");
    }

    @Test
    void hostileSipAndSdpAreShownAsText() throws IOException {
        String html = report(hostile());
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("<svg onload")
                .doesNotContain("<b>busy");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("486")
                .contains("&#39;&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;");
        // the only elements are the report's own: every '<' starts a tag this writer makes
        Matcher tags = Pattern.compile("<([a-zA-Z!/][a-zA-Z0-9]*)").matcher(html);
        while (tags.find()) {
            assertThat(tags.group(1).toLowerCase(Locale.ROOT).replace("/", "")).isIn("!doctype", "html", "head",
                    "meta", "title", "style", "body", "h1", "h2", "p", "span", "code", "br", "table", "tr", "th", "td",
                    "a", "ul", "li", "details", "summary", "svg", "rect", "g", "line", "text", "path", "polygon",
                    "polyline", "circle", "marker", "defs", "tspan");
        }
    }

    @Test
    void escapingCoversQuotesAndControlCharacters() {
        assertThat(HtmlReport.esc("a<b>&\"'\u0007\tz")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;\uFFFD\tz");
        assertThat(HtmlReport.esc(null)).isEmpty();
    }
}
