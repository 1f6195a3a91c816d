package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code serve} server on loopback, on the seed capture: each capture's background job reaches ready, and then
 * it serves what the command line prints (analysis, frames, ladders), filters frames exactly, and refuses what it
 * should.
 */
class CaptureServerTest {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CaptureServer server;
    private Path seed;
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeEach
    void start() throws IOException {
        seed = dir.resolve("seed.pcap");
        Files.write(seed, SeedCapture.bytes());
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private void serve(Path... captures) throws IOException {
        server = new CaptureServer("127.0.0.1", 0, List.of(captures), 64 * 1024, "io/sipvista/cli/webtest/");
    }

    static HttpResponse<String> send(HttpClient client, int port, String method, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return send(client, server.port(), method, path, body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** Polls the status until the job is done (ready or failed); a bound, not a measure of speed. */
    static JsonNode awaitDone(HttpClient client, int port, String id) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JsonNode s = JSON.readTree(send(client, port, "GET", "/api/captures/" + id, null).body());
            String state = s.get("state").asText();
            if (state.equals("ready") || state.equals("failed") || System.nanoTime() > end) {
                return s;
            }
            Thread.sleep(10);
        }
    }

    private JsonNode awaitDone(String id) throws Exception {
        return awaitDone(client, server.port(), id);
    }

    private JsonNode awaitState(String id, String wanted) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode s;
        do {
            s = JSON.readTree(get("/api/captures/" + id).body());
            Thread.sleep(5);
        } while (!s.get("state").asText().equals(wanted) && System.nanoTime() < end);
        return s;
    }

    /** Every frame number of a filter, paging until the scan is complete. */
    static List<Long> numbers(HttpClient client, int port, String id, String query) throws Exception {
        List<Long> out = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int offset = 0;
        while (true) {
            HttpResponse<String> r = send(client, port, "GET", "/api/captures/" + id + "/frames?limit=500&offset="
                    + offset + (query.isEmpty() ? "" : "&" + query), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            for (JsonNode f : page.get("frames")) {
                out.add(f.get("number").asLong());
            }
            offset += page.get("frames").size();
            if (page.get("complete").asBoolean() && offset >= page.get("matched").asInt()) {
                assertThat(offset).isEqualTo(page.get("matched").asInt());
                return out;
            }
            assertThat(System.nanoTime()).as("the filter completes").isLessThan(end);
            if (page.get("frames").isEmpty()) {
                Thread.sleep(10);
            }
        }
    }

    private List<Long> numbers(String query) throws Exception {
        return numbers(client, server.port(), "c1", query);
    }

    private static List<Long> list(long... numbers) {
        return Arrays.stream(numbers).boxed().toList();
    }

    /** A named pipe: the job reading it waits until the test writes, so queued and running are certain. */
    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assertThat(mk.waitFor()).isZero();
        return p;
    }

    /**
     * Writes the capture into the pipe {@code times} times (each phase opens it once): {@code pauseAt} bytes, then
     * the rest after {@code go}; a second time only once the job is in phase 2 (its first reader closed).
     */
    private Thread feed(Path fifo, int times, CountDownLatch go, byte[] bytes, int pauseAt, String id) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < times; i++) {
                    while (i > 0 && !awaitState(id, "running").get("phase").asText().contains("2 of 2")) {
                        Thread.sleep(5);
                    }
                    try (OutputStream out = Files.newOutputStream(fifo)) {
                        out.write(bytes, 0, pauseAt);
                        out.flush();
                        go.await();
                        out.write(bytes, pauseAt, bytes.length - pauseAt);
                    }
                }
            } catch (Exception e) {
                // the reader went away (the capture was removed): nothing more to feed
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void theStatusReachesReadyWithEveryFrameIndexed() throws Exception {
        serve(seed);
        JsonNode s = awaitDone("c1");
        assertThat(s.toString()).isEqualTo("{\"id\":\"c1\",\"name\":\"seed.pcap\",\"bytes\":" + Files.size(seed)
                + ",\"uploaded\":false,\"state\":\"ready\",\"progress\":1.0,\"phase\":\"ready\",\"frames\":78,"
                + "\"error\":null}");
        HttpResponse<String> all = get("/api/captures");
        assertThat(all.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(JSON.readTree(all.body()).get(0)).isEqualTo(s);
    }

    @Test
    void analysisIs202WhileQueuedThen200AndTheCommandLinesJson() throws Exception {
        Path pipe = fifo("slow.pcap");
        byte[] bytes = SeedCapture.bytes();
        CountDownLatch go = new CountDownLatch(1);
        feed(pipe, 2, go, bytes, 1000, "c1");
        serve(pipe, seed);
        JsonNode running = awaitState("c1", "running");
        assertThat(running.get("phase").asText()).as(running.toString()).isEqualTo("analysing (1 of 2)");
        HttpResponse<String> early = get("/api/captures/c2/analysis");
        assertThat(early.statusCode()).isEqualTo(202);
        JsonNode queued = JSON.readTree(early.body());
        assertThat(queued.get("state").asText()).isEqualTo("queued");
        assertThat(queued.get("progress").asDouble()).isZero();
        assertThat(queued.get("error").isNull()).isTrue();
        JsonNode page = JSON.readTree(get("/api/captures/c2/frames").body());
        assertThat(page.get("total").asInt()).isZero();
        assertThat(page.get("complete").asBoolean()).isFalse();
        assertThat(get("/api/captures/c2/calls/call-1/ladder.svg").statusCode()).isEqualTo(202);
        go.countDown();
        assertThat(awaitDone("c1").get("state").asText()).isEqualTo("ready");
        assertThat(awaitDone("c2").get("state").asText()).isEqualTo("ready");
        HttpResponse<String> r = get("/api/captures/c2/analysis");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(MainTest.run("analyze", "--format", "json", seed.toString()).out());
        assertThat(get("/api/captures/c1/analysis").body()).contains("\"sipMessages\":72");
    }

    @Test
    void pagesOfFramesAreWhatFramesJsonRawPrints() throws Exception {
        serve(seed);
        awaitDone("c1");
        String cli = MainTest.run("frames", "--format", "json", "--raw", seed.toString()).out();
        JsonNode expected = JSON.readTree(cli).get("frames");
        HttpResponse<String> r = get("/api/captures/c1/frames?offset=70&limit=5");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(r.body());
        assertThat(page.get("total").asInt()).isEqualTo(78);
        assertThat(page.get("matched").asInt()).isEqualTo(78);
        assertThat(page.get("complete").asBoolean()).isTrue();
        assertThat(page.get("offset").asInt()).isEqualTo(70);
        assertThat(page.get("frames")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(page.get("frames").get(i)).isEqualTo(expected.get(70 + i));
        }
        // byte for byte: the page's frames are a run of the command line's document
        String body = r.body();
        String run = body.substring(body.indexOf("\"frames\":[") + 10, body.lastIndexOf("]}"));
        assertThat(cli).contains(run);
        assertThat(JSON.readTree(get("/api/captures/c1/frames").body()).get("frames")).isEqualTo(expected);
        JsonNode past = JSON.readTree(get("/api/captures/c1/frames?offset=78").body());
        assertThat(past.get("frames")).isEmpty();
        assertThat(past.get("total").asInt()).isEqualTo(78);
    }

    @Test
    void oneFrameByNumber() throws Exception {
        serve(seed);
        awaitDone("c1");
        JsonNode expected = JSON.readTree(MainTest.run("frames", "--format", "json", "--raw", seed.toString()).out())
                .get("frames");
        HttpResponse<String> r = get("/api/captures/c1/frames/41");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body())).isEqualTo(expected.get(40));
        assertThat(JSON.readTree(get("/api/captures/c1/frames/1").body()).get("sip").get(0).has("raw")).isTrue();
        assertThat(get("/api/captures/c1/frames/79").statusCode()).isEqualTo(404);
        assertThat(get("/api/captures/c1/frames/0").statusCode()).isEqualTo(404);
        assertThat(get("/api/captures/c1/frames/x1").statusCode()).isEqualTo(400);
        assertThat(get("/api/captures/c9/frames/1").statusCode()).isEqualTo(404);
    }

    @Test
    void callFilterGivesTheCallsSipAndMedia() throws Exception {
        serve(seed);
        awaitDone("c1");
        assertThat(numbers("call=call-1")).isEqualTo(list(27, 28, 30, 33, 35, 36, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                48, 49, 54, 55, 56, 57, 58, 59, 60, 61, 64, 65, 66, 69, 70, 71, 72, 73, 76));
        assertThat(numbers("call=call-2")).isEmpty();
    }

    @Test
    void methodFilterGivesRequestsAndTheirResponses() throws Exception {
        serve(seed);
        awaitDone("c1");
        List<Long> invite = list(27, 28, 30, 33, 35, 36, 39, 40, 47, 48, 49, 54, 55, 58, 59, 61, 64, 65);
        assertThat(numbers("method=INVITE")).isEqualTo(invite);
        assertThat(numbers("method=invite")).as("methods compared without case").isEqualTo(invite);
        assertThat(numbers("method=BYE")).isEqualTo(list(60, 66, 71, 72, 73, 76));
        assertThat(numbers("method=PUBLISH")).isEmpty();
    }

    @Test
    void statusFilterTakesACodeOrAClass() throws Exception {
        serve(seed);
        awaitDone("c1");
        assertThat(numbers("status=1xx")).isEqualTo(list(28, 33, 35, 36, 48, 59));
        assertThat(numbers("status=180")).isEqualTo(list(35, 36));
        assertThat(numbers("status=4xx")).isEmpty();
        assertThat(numbers("status=2xx")).hasSize(30);
    }

    @Test
    void addrFilterTakesAnAddressOrAnAddressAndPort() throws Exception {
        serve(seed);
        awaitDone("c1");
        assertThat(numbers("addr=192.168.9.121")).isEqualTo(list(3, 4, 5, 6, 7, 8, 9, 10, 21, 24, 32, 34, 51, 53,
                58, 59, 63, 65, 67, 69, 73, 75, 76, 78));
        assertThat(numbers("addr=192.168.9.205:5060")).isEqualTo(list(1, 2, 30, 33, 35, 39, 45, 49, 54, 57, 61, 64,
                70, 71, 72));
        assertThat(numbers("addr=192.168.9.205:16468")).isEqualTo(list(41, 42, 43, 46));
    }

    @Test
    void textFilterIsCaseInsensitiveOverTheFrameJson() throws Exception {
        serve(seed);
        awaitDone("c1");
        String cli = MainTest.run("frames", "--format", "json", "--raw", seed.toString()).out();
        List<Long> expected = new ArrayList<>();
        for (JsonNode f : JSON.readTree(cli).get("frames")) {
            if (f.toString().toLowerCase(java.util.Locale.ROOT).contains("linksys")) {
                expected.add(f.get("number").asLong());
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(numbers("q=LinkSys")).isEqualTo(expected);
        assertThat(numbers("q=" + java.net.URLEncoder.encode("hangs up after", StandardCharsets.UTF_8)))
                .isEqualTo(list(71));
    }

    @Test
    void filtersAreAnded() throws Exception {
        serve(seed);
        awaitDone("c1");
        assertThat(numbers("addr=192.168.9.121&method=INVITE")).isEqualTo(list(58, 59, 65));
        assertThat(numbers("call=call-1&status=180&addr=192.168.9.205")).isEqualTo(list(35));
        assertThat(numbers("call=call-1&q=PCMU")).contains(41L, 42L, 43L, 46L);
    }

    @Test
    void badParametersAre400InWords() throws Exception {
        serve(seed);
        awaitDone("c1");
        for (String q : List.of("limit=0", "limit=501", "limit=x", "offset=-1", "offset=99999999999", "status=7xx",
                "status=20", "addr=example.com", "addr=10.0.0.256", "addr=10.0.0.1:70000", "addr=[::1", "method=IN%20VITE",
                "q=" + "x".repeat(FrameFilter.MAX_Q + 1), "limit=5&limit=6")) {
            HttpResponse<String> r = get("/api/captures/c1/frames?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.body()).as(q).startsWith("sipvista: ").doesNotContain("Exception");
            assertThat(r.headers().firstValue("Content-Security-Policy")).contains(CSP);
        }
        assertThat(get("/api/captures/c1/frames?limit=500").statusCode()).isEqualTo(200);
        assertThat(get("/api/captures/c1/frames?addr=%5B::1%5D:5060").statusCode()).isEqualTo(200);
        assertThat(get("/api/captures/c1/frames?q=" + "a".repeat(CaptureServer.MAX_QUERY)).statusCode()).isEqualTo(414);
        assertThat(get("/api/captures/c7/frames").statusCode()).isEqualTo(404);
    }

    @Test
    void theLadderIsWhatFlowDrawsAsSvg() throws Exception {
        serve(seed);
        awaitDone("c1");
        HttpResponse<String> r = get("/api/captures/c1/calls/call-1/ladder.svg");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/svg+xml; charset=utf-8");
        assertThat(r.body()).isEqualTo(MainTest.run("flow", seed.toString(), "--call", "call-1", "--format", "svg").out());
        assertThat(get("/api/captures/c1/calls/call-9/ladder.svg").statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheStrictPolicyButTheReportItsOwn() throws Exception {
        serve(seed);
        awaitDone("c1");
        for (String path : List.of("/", "/app.js", "/app.css", "/api/captures", "/api/captures/c1",
                "/api/captures/c1/analysis", "/api/captures/c1/frames?q=sip", "/api/captures/c1/frames/1",
                "/api/captures/c1/calls/call-1/ladder.svg", "/nowhere", "/api/captures/c1/frames?limit=0")) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        }
        HttpResponse<String> report = get("/captures/c1/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Security-Policy")).contains(CaptureServer.REPORT_CSP);
        assertThat(CaptureServer.REPORT_CSP).isEqualTo(io.sipvista.report.HtmlReport.csp())
                .contains("script-src 'sha256-").doesNotContain("unsafe");
        // the served report is the report command's file: static part, app and data with every frame
        assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("<h2 id=\"call-1\">")
                .contains("id=\"sipvista-data\"").contains("\"number\":78,");
    }

    @Test
    void thePageComesFromTheClasspathWithItsContentType() throws Exception {
        serve(seed);
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(index.body()).isEqualTo("<!DOCTYPE html>\n<title>test page</title>\n");
        HttpResponse<String> js = get("/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(get("/app.css").statusCode()).as("missing from the build").isEqualTo(404);
        assertThat(send("POST", "/", new byte[0]).statusCode()).isEqualTo(405);
    }

    @Test
    void anUploadedCaptureIsAnalysedAndRemovable() throws Exception {
        serve(seed);
        HttpResponse<String> up = send("POST", "/api/captures", SeedCapture.bytes());
        assertThat(up.statusCode()).isEqualTo(201);
        assertThat(up.body()).isEqualTo("{\"id\":\"c2\"}\n");
        JsonNode s = awaitDone("c2");
        assertThat(s.get("uploaded").asBoolean()).isTrue();
        assertThat(s.get("name").asText()).isEqualTo("upload");
        assertThat(get("/api/captures/c2/analysis").body()).contains("\"sipMessages\":72");
        assertThat(send("DELETE", "/api/captures/c2", null).statusCode()).isEqualTo(204);
        assertThat(get("/api/captures/c2/analysis").statusCode()).isEqualTo(404);
        assertThat(get("/api/captures/c2").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/captures/c1", null).statusCode()).as("given captures stay").isEqualTo(403);
        assertThat(send("DELETE", "/api/captures/c5", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/captures").body()).doesNotContain("\"c2\"");
    }

    @Test
    void theUploadsNameComesFromItsHeader() throws Exception {
        serve(seed);
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/captures"))
                .header("X-Capture-Name", "  \"quoted\"\\name.pcap ")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SeedCapture.bytes())).build();
        assertThat(client.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        assertThat(awaitDone("c2").get("name").asText()).isEqualTo("\"quoted\"\\name.pcap");
    }

    @Test
    void removingARunningJobStopsItAndDeletesItsFile() throws Exception {
        serve(seed);
        awaitDone("c1");
        Path pipe = fifo("slow-upload.pcap");
        CountDownLatch go = new CountDownLatch(1);
        String id = server.offerAsUpload("slow.pcap", pipe);
        Thread feeder = feed(pipe, 1, go, SeedCapture.bytes(), 2000, id);
        JsonNode running = awaitState(id, "running");
        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(send("DELETE", "/api/captures/" + id, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/captures/" + id).statusCode()).isEqualTo(404);
        go.countDown(); // the job's next read sees the removal
        feeder.join(TimeUnit.SECONDS.toMillis(30));
        // the job thread is free again: the next capture is analysed
        assertThat(send("POST", "/api/captures", SeedCapture.bytes()).body()).isEqualTo("{\"id\":\"c3\"}\n");
        assertThat(awaitDone("c3").get("state").asText()).isEqualTo("ready");
        assertThat(pipe).doesNotExist();
        assertThat(get("/api/captures").body()).doesNotContain("\"" + id + "\"");
    }

    @Test
    void removingAJobWhileItIndexesDeletesTheIndex() throws Exception {
        serve(seed);
        awaitDone("c1");
        Path pipe = fifo("slow-index.pcap");
        byte[] bytes = SeedCapture.bytes();
        String id = server.offerAsUpload("slow.pcap", pipe);
        CountDownLatch go = new CountDownLatch(1);
        // the job has opened the pipe for its second pass (opening a pipe waits for its writer, and nothing could
        // wake a job removed while it waits there)
        CountDownLatch fed = new CountDownLatch(1);
        Thread feeder = new Thread(() -> {
            try {
                try (OutputStream out = Files.newOutputStream(pipe)) {
                    out.write(bytes); // phase 1 reads it all
                }
                while (!awaitState(id, "running").get("phase").asText().contains("2 of 2")) {
                    Thread.sleep(5);
                }
                try (OutputStream out = Files.newOutputStream(pipe)) {
                    out.write(bytes, 0, 2000);
                    out.flush();
                    fed.countDown();
                    go.await();
                    out.write(bytes, 2000, bytes.length - 2000);
                }
            } catch (Exception e) {
                // the reader went away: nothing more to feed
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!get("/api/captures/" + id).body().contains("indexing frames (2 of 2)") && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(fed.await(60, TimeUnit.SECONDS)).as("the second pass reading").isTrue();
        try (var files = Files.list(server.indexDirectory())) {
            assertThat(files.count()).as("the index being written").isEqualTo(2);
        }
        assertThat(send("DELETE", "/api/captures/" + id, null).statusCode()).isEqualTo(204);
        go.countDown();
        feeder.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(send("POST", "/api/captures", SeedCapture.bytes()).statusCode()).isEqualTo(201);
        assertThat(awaitDone("c3").get("state").asText()).isEqualTo("ready");
        try (var files = Files.list(server.indexDirectory())) {
            assertThat(files.count()).as("c1's and c3's indexes; the removed one is gone").isEqualTo(2);
        }
        assertThat(pipe).doesNotExist();
    }

    @Test
    void framesSoFarAreServedWhileIndexingRuns() throws Exception {
        java.io.ByteArrayOutputStream capture = new java.io.ByteArrayOutputStream();
        try (io.sipvista.testkit.PcapWriter w = new io.sipvista.testkit.PcapWriter(capture,
                io.sipvista.testkit.PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            io.sipvista.testkit.SyntheticCalls.write(
                    new io.sipvista.testkit.SyntheticCalls.Options(20, 10, 2, 0, 0, false, 5, true), w);
        }
        byte[] bytes = capture.toByteArray();
        Path pipe = fifo("growing.pcap");
        CountDownLatch go = new CountDownLatch(1);
        Thread feeder = new Thread(() -> {
            try {
                try (OutputStream out = Files.newOutputStream(pipe)) {
                    out.write(bytes);
                }
                while (!awaitState("c1", "running").get("phase").asText().contains("2 of 2")) {
                    Thread.sleep(5);
                }
                try (OutputStream out = Files.newOutputStream(pipe)) {
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    go.await();
                    out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                }
            } catch (Exception e) {
                // the reader went away: nothing more to feed
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        serve(pipe);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode page;
        do {
            Thread.sleep(5);
            page = JSON.readTree(get("/api/captures/c1/frames?limit=10").body());
        } while (page.get("total").asInt() == 0 && System.nanoTime() < end);
        int soFar = page.get("total").asInt();
        assertThat(soFar).as("whole blocks so far").isPositive();
        assertThat(soFar % FrameIndex.BLOCK_FRAMES).isZero();
        assertThat(page.get("complete").asBoolean()).isFalse();
        assertThat(page.get("frames")).hasSize(10);
        JsonNode status = JSON.readTree(get("/api/captures/c1").body());
        assertThat(status.get("state").asText()).isEqualTo("running");
        assertThat(status.get("frames").asInt()).isGreaterThanOrEqualTo(soFar);
        assertThat(status.get("progress").asDouble()).isBetween(0.5, 1.0);
        // the analysis (phase 1) is served while the frames are still being indexed
        assertThat(get("/api/captures/c1/analysis").statusCode()).isEqualTo(200);
        assertThat(get("/api/captures/c1/calls/call-1/ladder.svg").statusCode()).isEqualTo(200);
        JsonNode filtered = JSON.readTree(get("/api/captures/c1/frames?call=call-1").body());
        assertThat(filtered.get("complete").asBoolean()).isFalse();
        assertThat(filtered.get("total").asInt()).isGreaterThanOrEqualTo(soFar);
        assertThat(filtered.get("frames")).isNotEmpty();
        go.countDown();
        assertThat(awaitDone("c1").get("state").asText()).isEqualTo("ready");
        feeder.join(TimeUnit.SECONDS.toMillis(30));
        List<Long> all = numbers(client, server.port(), "c1", "call=call-1");
        assertThat(all.size()).isGreaterThan(filtered.get("frames").size());
        JsonNode whole = JSON.readTree(get("/api/captures/c1/frames?limit=10").body());
        assertThat(whole.get("complete").asBoolean()).isTrue();
        assertThat(whole.get("total").asInt()).isGreaterThan(soFar);
    }

    @Test
    void aCaptureThatCannotBeReadFailsInPlainWords() throws Exception {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "Hello world, this is not a capture\n");
        serve(text);
        JsonNode s = awaitDone("c1");
        assertThat(s.get("state").asText()).isEqualTo("failed");
        assertThat(s.get("error").asText()).isEqualTo("not a capture file: it looks like text, starting "
                + "\"Hello world, this is not a captu...\"");
        HttpResponse<String> a = get("/api/captures/c1/analysis");
        assertThat(a.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(a.body())).isEqualTo(s);
        assertThat(get("/api/captures/c1/frames").statusCode()).isEqualTo(422);
        assertThat(get("/captures/c1/report").statusCode()).isEqualTo(422);
    }

    @Test
    void aCaptureCutInsideItsFileHeaderFails() throws Exception {
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(SeedCapture.bytes(), 10));
        serve(cut);
        JsonNode s = awaitDone("c1");
        assertThat(s.get("state").asText()).isEqualTo("failed");
        assertThat(s.get("error").asText()).contains("ends inside the pcap file header");
    }

    @Test
    void aTruncatedCaptureIsStillReadyWithTheAnalysisWarnings() throws Exception {
        byte[] bytes = SeedCapture.bytes();
        Path cut = dir.resolve("truncated.pcap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));
        serve(cut);
        JsonNode s = awaitDone("c1");
        assertThat(s.get("state").asText()).isEqualTo("ready");
        String analysis = get("/api/captures/c1/analysis").body();
        assertThat(analysis).isEqualTo(MainTest.run("analyze", "--format", "json", cut.toString()).out());
        assertThat(JSON.readTree(analysis).get("capture").get("warnings")).isNotEmpty();
        assertThat(s.get("frames").asInt()).isEqualTo(77);
    }

    @Test
    void somethingThatIsNotACaptureIsRefusedInPlainWords() throws Exception {
        serve(seed);
        HttpResponse<String> r = send("POST", "/api/captures", "<html>hello</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).startsWith("sipvista: the upload was refused: not a capture file: it looks like");
        assertThat(get("/api/captures").body()).doesNotContain("\"c2\"");
    }

    @Test
    void anUploadOverTheLimitIs413() throws Exception {
        serve(seed);
        HttpResponse<String> r = send("POST", "/api/captures", new byte[200 * 1024]);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than the 65536 bytes this server accepts").contains("--max-upload");
    }

    @Test
    void pathsOutsideTheCapturesLeadNowhere() throws Exception {
        serve(seed);
        assertThat(get("/captures/%2e%2e/%2e%2e/etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/captures/c1/..%2f..%2fetc%2fpasswd").statusCode()).isEqualTo(404);
        assertThat(get("/api/captures/c99/analysis").statusCode()).isEqualTo(404);
        assertThat(get("/api/captures/c1/calls/..%2f..%2fx/ladder.svg").statusCode()).isEqualTo(404);
        assertThat(get("/" + seed.toAbsolutePath()).statusCode()).isEqualTo(404);
    }
}
