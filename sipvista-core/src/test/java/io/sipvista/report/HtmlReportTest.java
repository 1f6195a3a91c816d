package io.sipvista.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SeedCapture;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report: every view of the static report present, self-contained, hostile capture text shown as text; the
 * app's data block is the analysis, frames and ladders as JSON that cannot end its element; the policy names exactly
 * the inline script and styles.
 */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CaptureAnalysis.Result analysis(byte[] capture) throws IOException {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "x.pcap")) {
            return CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.MESSAGES);
        }
    }

    private static FrameReplay replay(byte[] capture) {
        return sink -> {
            try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "x.pcap")) {
                return new FramesRun().run(r, "x.pcap", null, sink);
            }
        };
    }

    private static String report(byte[] capture) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(out, "x.pcap", analysis(capture), replay(capture));
        return out.toString();
    }

    /** The text of the data block, as the page's script element holds it (still escaped). */
    private static String dataText(String html) {
        String open = "<script type=\"application/json\" id=\"sipvista-data\">";
        int from = html.indexOf(open) + open.length();
        assertThat(from).isGreaterThan(open.length());
        return html.substring(from, html.indexOf("</script>", from));
    }

    private static JsonNode data(String html) throws IOException {
        return JSON.readTree(dataText(html));
    }

    /** The static report: what a reader without script sees. */
    private static String staticPart(String html) {
        return html.substring(html.indexOf("<div id=\"static-report\">"), html.indexOf("<script"));
    }

    private static List<String> elements(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + "(?: [^>]*)?>(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        List<String> texts = new ArrayList<>();
        while (m.find()) {
            texts.add(m.group());
        }
        return texts;
    }

    private static String sha256(String text) throws Exception {
        return "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))) + "'";
    }

    private static byte[] hostile() throws IOException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=<svg onload=alert(3)>\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String invite = "INVITE sip:bob@10.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-x1\r\n"
                + "From: \"<script>alert(1)</script>\" <sip:alice@10.0.0.1>;tag=a1\r\n"
                + "To: <sip:bob@10.0.0.2>\r\nCall-ID: '\"><script>alert(4)</script>\r\nCSeq: 1 INVITE\r\n"
                + "User-Agent: <img src=x onerror=alert(2)>\r\nSubject: line\u2028separator\r\nContent-Type: application/sdp\r\n"
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
    void nothingIsLoadedFromElsewhereAndOnlyTheInlineAppMayRun() throws IOException {
        String html = report(SeedCapture.bytes());
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + HtmlReport.csp() + "\">");
        assertThat(HtmlReport.csp()).startsWith("default-src 'none'; script-src 'sha256-").contains("; style-src 'sha256-")
                .contains("; img-src data:").doesNotContain("unsafe").doesNotContain("'self'");
        // (the policy's base64 hashes may hold "//")
        Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+").matcher(html.replace(HtmlReport.csp(), ""));
        while (urls.find()) {
            assertThat(urls.group()).as("only the SVG namespace names a URL").isEqualTo("http://www.w3.org");
        }
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<link").doesNotContain("<iframe").doesNotContain("src=");
        // two script elements: the data block (not run) and the app, last in the body
        assertThat(lower.split("<script", -1)).hasSize(3);
        assertThat(html).containsOnlyOnce("<script type=\"application/json\" id=\"sipvista-data\">")
                .containsOnlyOnce("</script>\n<script>").endsWith("</script>\n</body></html>\n");
        assertThat(staticPart(html).toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain(" style=");
    }

    @Test
    void thePolicyHashesAreThoseOfTheInlineScriptAndStyles() throws Exception {
        String html = report(SeedCapture.bytes());
        String csp = HtmlReport.csp();
        List<String> styles = elements(html, "style");
        assertThat(styles).hasSize(2);
        String styleSrc = csp.substring(csp.indexOf("style-src "), csp.indexOf(';', csp.indexOf("style-src ")));
        StringBuilder expected = new StringBuilder("style-src");
        for (String st : styles) {
            expected.append(' ').append(sha256(st.substring("<style>".length(), st.length() - "</style>".length())));
        }
        assertThat(styleSrc).isEqualTo(expected.toString());
        String app = html.substring(html.lastIndexOf("<script>") + "<script>".length(), html.lastIndexOf("</script>"));
        assertThat(app).contains("'use strict'").doesNotContain("\r");
        assertThat(csp).contains("script-src " + sha256(app) + ";");
        assertThat(csp.split("sha256-", -1)).as("one script and two styles, nothing else").hasSize(4);
    }

    @Test
    void theDataBlockHoldsTheAnalysisTheFramesAndTheLadders() throws IOException {
        String html = report(SeedCapture.bytes());
        JsonNode d = data(html);
        assertThat(d.get("file").asText()).isEqualTo("x.pcap");
        assertThat(d.get("analysis").get("schema").asText()).isEqualTo("sipvista.analysis/1");
        assertThat(d.get("analysis").get("calls").get(0).get("id").asText()).isEqualTo("call-1");
        assertThat(d.get("frames")).hasSize(78);
        JsonNode invite = d.get("frames").get(26);
        assertThat(invite.get("number").asLong()).isEqualTo(27);
        assertThat(invite.has("type")).isFalse();
        assertThat(invite.get("sip").get(0).get("raw").asText()).startsWith("INVITE sip:4182618006@");
        assertThat(invite.get("sip").get(0).get("insight").asText()).contains("4505656010 calls 4182618006");
        assertThat(d.get("frames").get(41).get("insight").asText()).contains("PCMU/8000 stream of call-1");
        assertThat(d.get("framesNote").isNull()).isTrue();
        assertThat(d.get("ladders").get("call-1").asText()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("data-frame=\"27\"");
        assertThat(html).contains("<div id=\"app\" hidden></div>");
    }

    @Test
    void theThreeArgumentWriteEmbedsNoFramesAndSaysWhy() throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(out, "x.pcap", analysis(SeedCapture.bytes()));
        JsonNode d = data(out.toString());
        assertThat(d.get("frames")).isEmpty();
        assertThat(d.get("framesNote").asText()).contains("no frames");
        assertThat(d.get("ladders").has("call-1")).isTrue();
    }

    @Test
    void aCaptureOfMoreThan20000FramesEmbedsOnlyItsSipFrames() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(new SyntheticCalls.Options(8, 4, 30, 0, 0, false, 1, true), w);
        }
        CaptureAnalysis.Result a = analysis(bytes.toByteArray());
        assertThat(a.frames()).isGreaterThan(HtmlReport.ALL_FRAMES);
        StringWriter out = new StringWriter();
        HtmlReport.write(out, "x.pcap", a, replay(bytes.toByteArray()));
        JsonNode d = data(out.toString());
        assertThat(d.get("frames").size()).isEqualTo((int) a.sipMessages());
        for (JsonNode f : d.get("frames")) {
            assertThat(f.get("protocol").asText()).isEqualTo("sip");
        }
        assertThat(d.get("framesNote").asText()).contains(a.frames() + " frames, more than 20000")
                .contains("only its " + a.sipMessages() + " SIP frames");
    }

    @Test
    void theDataBlockCannotEndItsElement() throws IOException {
        String html = report(hostile());
        String text = dataText(html);
        assertThat(text).doesNotContain("<").doesNotContain("\u2028").doesNotContain("\u2029").contains("\\u003c");
        JsonNode d = JSON.readTree(text);
        assertThat(d.toString()).contains("<script>alert(1)</script>").contains("<img src=x onerror=alert(2)>")
                .contains("\u2028");
    }

    @Test
    void hostileSipAndSdpAreShownAsText() throws IOException {
        String html = report(hostile());
        String lower = staticPart(html).toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("<svg onload")
                .doesNotContain("<b>busy");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("486")
                .contains("&#39;&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;");
        // the only elements of the static report are its own: every '<' starts a tag this writer makes
        Matcher tags = Pattern.compile("<([a-zA-Z!/][a-zA-Z0-9]*)").matcher(staticPart(html));
        while (tags.find()) {
            assertThat(tags.group(1).toLowerCase(Locale.ROOT).replace("/", "")).isIn("!doctype", "html", "head",
                    "meta", "title", "style", "body", "div", "h1", "h2", "p", "span", "code", "br", "table", "tr", "th", "td",
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
