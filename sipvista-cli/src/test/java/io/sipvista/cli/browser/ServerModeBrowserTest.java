package io.sipvista.cli.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sipvista.cli.browser.ReportPages.screenshot;
import static io.sipvista.cli.browser.ReportPages.shown;
import static io.sipvista.cli.browser.ReportPages.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in server mode against a small stand-in of the API contract (the real server is another class): the
 * capture list, an upload refused with the server's words, progress while analysing, the overview, a call's ladder
 * and the timeline paged from the frames endpoint while indexing finishes, all under the server's CSP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerModeBrowserTest {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String TOO_BIG = "seed.pcap is 93 KiB; this server takes captures up to 1 KiB";

    /** The API over the seed capture: analysing on the first ask, frames indexed half at first. */
    private static final class FakeApi {
        final String analysis;
        final String ladder;
        final List<Map<String, Object>> frames = new ArrayList<>();
        final AtomicInteger analysisAsks = new AtomicInteger();
        final AtomicInteger frameAsks = new AtomicInteger();
        final List<String> uploads = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeApi(Path seed) {
            analysis = ReportPages.run("analyze", seed.toString(), "--format", "json");
            ladder = ReportPages.run("flow", seed.toString(), "--call", "call-1", "--format", "svg");
            Map<String, Object> doc = new Json().toType(ReportPages.run("frames", seed.toString(), "--format", "json", "--raw"),
                    Json.MAP_TYPE);
            for (Object f : (List<?>) doc.get("frames")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) f;
                frames.add(m);
            }
        }

        void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath();
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            x.getResponseHeaders().set("Content-Security-Policy", CSP);
            int uploaded;
            try (InputStream in = x.getRequestBody()) {
                uploaded = in.readAllBytes().length;
            }
            if (path.equals("/")) {
                send(x, 200, "text/html", resource("index.html"));
            } else if (path.equals("/app.js") || path.equals("/app.css")) {
                send(x, 200, path.endsWith("js") ? "text/javascript" : "text/css", resource(path.substring(1)));
            } else if (path.equals("/api/captures") && x.getRequestMethod().equals("POST")) {
                uploads.add(x.getRequestHeaders().getFirst("X-Capture-Name") + " " + uploaded + " bytes");
                if ("ok.pcap".equals(x.getRequestHeaders().getFirst("X-Capture-Name"))) {
                    send(x, 201, "application/json", "{\"id\":\"c1\"}");
                } else {
                    send(x, 413, "text/plain", TOO_BIG);
                }
            } else if (path.equals("/api/captures")) {
                send(x, 200, "application/json", "[" + status() + "]");
            } else if (path.equals("/api/captures/c1/analysis")) {
                if (analysisAsks.getAndIncrement() == 0) {
                    send(x, 202, "application/json", status().replace("\"ready\"", "\"running\"").replace("1.0", "0.4"));
                } else {
                    send(x, 200, "application/json", analysis);
                }
            } else if (path.equals("/api/captures/c1/calls/call-1/ladder.svg")) {
                send(x, 200, "image/svg+xml", ladder);
            } else if (path.startsWith("/api/captures/c1/frames/")) {
                long n = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
                Map<String, Object> f = n >= 1 && n <= frames.size() ? frames.get((int) n - 1) : null;
                send(x, f == null ? 404 : 200, "application/json", f == null ? "no such frame" : new Json().toJson(f));
            } else if (path.equals("/api/captures/c1/frames")) {
                // indexing: the first answer knows 40 frames and is not complete; then all
                List<Map<String, Object>> indexed = frameAsks.getAndIncrement() == 0 ? frames.subList(0, 40) : frames;
                List<Map<String, Object>> matched = new ArrayList<>();
                for (Map<String, Object> f : indexed) {
                    if (q.get("method") == null || ReportPages.hasMethod(f, q.get("method"))) {
                        matched.add(f);
                    }
                }
                int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
                int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
                Map<String, Object> page = new HashMap<>();
                page.put("total", indexed.size());
                page.put("matched", matched.size());
                page.put("complete", indexed == frames);
                page.put("offset", offset);
                page.put("frames", matched.subList(Math.min(offset, matched.size()), Math.min(offset + limit, matched.size())));
                send(x, 200, "application/json", new Json().toJson(page));
            } else {
                send(x, 404, "text/plain", "no such page");
            }
        }

        private String status() {
            return "{\"id\":\"c1\",\"name\":\"seed.pcap\",\"bytes\":95000,\"uploaded\":false,\"state\":\"ready\","
                    + "\"progress\":1.0,\"phase\":\"analysing (1 of 2)\",\"frames\":78,\"error\":null}";
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> q = new HashMap<>();
            if (raw != null) {
                for (String p : raw.split("&")) {
                    int eq = p.indexOf('=');
                    q.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return q;
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = ServerModeBrowserTest.class.getResourceAsStream("/io/sipvista/web/" + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static void send(HttpExchange x, int code, String type, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            x.sendResponseHeaders(code, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    private FakeApi api;
    private HttpServer server;
    private ChromeDriver d;
    private String base;
    private Path seed;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        seed = dir.resolve("seed.pcap");
        Files.write(seed, SeedCapture.bytes());
        api = new FakeApi(seed);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            try {
                api.handle(x);
            } finally {
                x.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        d = Chromium.start(true);
    }

    @AfterAll
    void stop() {
        if (d != null) {
            d.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** A fresh page at {@code hash}, the capture analysing again and its frames half indexed. */
    private void open(String hash) {
        api.analysisAsks.set(0);
        api.frameAsks.set(0);
        api.uploads.clear();
        d.get("about:blank");
        d.get(base + "/" + hash);
    }

    @AfterEach
    void theAppRanUnderTheServersPolicy() {
        List<String> problems = new ArrayList<>();
        for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
            problems.add(e.getLevel() + " " + e.getMessage());
        }
        assertThat(problems).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"));
    }

    @Test
    void theListShowsTheCapturesAndAnUploadRefusedSaysWhy() throws IOException {
        open("");
        WebElement link = shown(d, "#capture-list a.capture[data-id='c1']");
        assertThat(link.getText()).isEqualTo("seed.pcap");
        d.findElement(By.id("upload-input")).sendKeys(seed.toAbsolutePath().toString());
        until(d, x -> x.findElement(By.id("upload-status")).getText().equals(TOO_BIG));
        assertThat(d.findElement(By.id("upload-status")).getAttribute("class")).isEqualTo("error");
        assertThat(api.uploads).containsExactly("seed.pcap " + SeedCapture.bytes().length + " bytes");
        screenshot(d, "server-list", shown(d, "#dropzone"));
    }

    @Test
    void anAcceptedUploadOpensTheNewCapture() throws IOException {
        open("");
        Path ok = seed.resolveSibling("ok.pcap");
        Files.write(ok, SeedCapture.bytes());
        shown(d, "#upload-input").sendKeys(ok.toAbsolutePath().toString());
        shown(d, "#calls tr[data-call='call-1']");
        assertThat(d.getCurrentUrl()).endsWith("#/c1");
        assertThat(api.uploads).contains("ok.pcap " + SeedCapture.bytes().length + " bytes");
    }

    @Test
    void aCaptureBeingAnalysedShowsItsProgressThenItsOverview() {
        open("");
        shown(d, "#capture-list a.capture[data-id='c1']").click();
        WebElement progress = shown(d, "#progress");
        assertThat(progress.getText()).contains("running").contains("analysing (1 of 2)");
        WebElement row = shown(d, "#calls tr[data-call='call-1']");
        assertThat(row.getText()).contains("4505656010").contains("answered 200");
        assertThat(d.getCurrentUrl()).endsWith("#/c1");
        assertThat(d.findElement(By.id("progress")).isDisplayed()).isFalse();
    }

    @Test
    void theCallsLadderComesFromTheApiAndItsArrowsOpenFrames() {
        open("#/c1/call/call-1");
        shown(d, "#ladder g.arrow[data-frame='27']").click();
        assertThat(shown(d, "#frame-card[data-frame='27'] .start-line").getText())
                .isEqualTo("INVITE sip:4182618006@virtsanity.mtl.broadsoft.com;user=phone SIP/2.0");
    }

    @Test
    void theTimelineAsksAgainWhileIndexingAndFiltersOnTheServer() throws IOException {
        open("#/c1/frames");
        until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("78 of 78 frames"));
        assertThat(api.frameAsks.get()).as("asked again while indexing was not complete").isGreaterThanOrEqualTo(2);
        d.findElement(By.id("filter-method")).sendKeys("invite");
        until(d, x -> x.findElement(By.id("frame-count")).getText().startsWith("18 of 78 frames"));
        assertThat(d.findElements(By.cssSelector("#frame-list .frame-row[data-frame]"))).hasSize(18);
        screenshot(d, "server-timeline", d.findElement(By.id("frame-list")));
    }

    @Test
    void aFrameRouteSelectsTheFrameAndFetchesItsCard() {
        open("#/c1/frame/42");
        WebElement card = shown(d, "#frame-card[data-frame='42']");
        until(d, x -> card.getText().contains("first packet of a PCMU/8000 stream"));
        until(d, x -> "42".equals(x.findElement(By.cssSelector(".frame-row.selected")).getAttribute("data-frame")));
    }
}
