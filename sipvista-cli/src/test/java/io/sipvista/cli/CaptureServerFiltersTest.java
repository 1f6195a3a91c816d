package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filters on a capture of many blocks (a synthetic mix of 200 calls with RTP and RTCP, tens of thousands of frames)
 * agree with the same filter applied by brute force to what {@code frames --format ndjson --raw} prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureServerFiltersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptureServer server;
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    /** Each frame of the command line's output: its parsed object and its text as the document would hold it. */
    private final List<JsonNode> frames = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("mix.pcap");
        try (OutputStream out = Files.newOutputStream(capture);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(new SyntheticCalls.Options(200, 20, 2, 0.1, 0.1, true, 42, true, 0.05, 0, true), w);
        }
        String ndjson = MainTest.run("frames", "--format", "ndjson", "--raw", capture.toString()).out();
        for (String line : ndjson.split("\n")) {
            if (line.startsWith("{\"type\":\"frame\",")) {
                String text = "{" + line.substring("{\"type\":\"frame\",".length());
                texts.add(text);
                frames.add(JSON.readTree(text));
            }
        }
        assertThat(frames.size()).isGreaterThan(20 * FrameIndex.BLOCK_FRAMES);
        server = new CaptureServer("127.0.0.1", 0, List.of(capture), 1024 * 1024);
        JsonNode s = CaptureServerTest.awaitDone(client, server.port(), "c1");
        assertThat(s.get("state").asText()).isEqualTo("ready");
        assertThat(s.get("frames").asInt()).isEqualTo(frames.size());
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    private List<Long> served(String query) throws Exception {
        return CaptureServerTest.numbers(client, server.port(), "c1", query);
    }

    private List<Long> bruteForce(Predicate<Integer> keep) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (keep.test(i)) {
                out.add(frames.get(i).get("number").asLong());
            }
        }
        return out;
    }

    private boolean inCall(int i, String call) {
        JsonNode f = frames.get(i);
        if (call.equals(f.path("call").asText(null))) {
            return true;
        }
        for (JsonNode e : f.path("sip")) {
            if (call.equals(e.path("call").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasMethod(int i, String method) {
        for (JsonNode e : frames.get(i).path("sip")) {
            if (e.has("method") ? e.get("method").asText().equalsIgnoreCase(method)
                    : e.path("cseq").asText("").endsWith(" " + method)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasStatus(int i, int low, int high) {
        for (JsonNode e : frames.get(i).path("sip")) {
            if (e.has("status") && e.get("status").asInt() >= low && e.get("status").asInt() <= high) {
                return true;
            }
        }
        return false;
    }

    private boolean hasAddress(int i, String host) {
        JsonNode f = frames.get(i);
        return host.equals(FrameFilter.host(f.path("src").asText(null))) || host.equals(FrameFilter.host(f.path("dst").asText(null)));
    }

    private boolean hasText(int i, String q) {
        return texts.get(i).toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
    }

    @Test
    void unfilteredPagesAcrossBlocksAreTheCommandLinesFrames() throws Exception {
        var r = CaptureServerTest.send(client, server.port(), "GET", "/api/captures/c1/frames?offset="
                + (3 * FrameIndex.BLOCK_FRAMES - 7) + "&limit=500", null);
        JsonNode page = JSON.readTree(r.body());
        assertThat(page.get("total").asInt()).isEqualTo(frames.size());
        assertThat(page.get("frames")).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(page.get("frames").get(i)).isEqualTo(frames.get(3 * FrameIndex.BLOCK_FRAMES - 7 + i));
        }
        String body = r.body();
        assertThat(body).contains(texts.get(3 * FrameIndex.BLOCK_FRAMES - 1) + "," + texts.get(3 * FrameIndex.BLOCK_FRAMES));
    }

    @Test
    void callFilter() throws Exception {
        List<Long> expected = bruteForce(i -> inCall(i, "call-17"));
        assertThat(expected.size()).isGreaterThan(50);
        assertThat(served("call=call-17")).isEqualTo(expected);
    }

    @Test
    void methodFilter() throws Exception {
        List<Long> expected = bruteForce(i -> hasMethod(i, "CANCEL"));
        assertThat(expected).isNotEmpty();
        assertThat(served("method=cancel")).isEqualTo(expected);
    }

    @Test
    void statusFilter() throws Exception {
        List<Long> expected = bruteForce(i -> hasStatus(i, 400, 499));
        assertThat(expected).isNotEmpty();
        assertThat(served("status=4xx")).isEqualTo(expected);
        assertThat(served("status=404")).isEqualTo(bruteForce(i -> hasStatus(i, 404, 404)));
    }

    @Test
    void addrFilter() throws Exception {
        String host = FrameFilter.host(frames.get(frames.size() / 2).get("src").asText());
        List<Long> expected = bruteForce(i -> hasAddress(i, host));
        assertThat(expected.size()).isGreaterThan(50);
        assertThat(served("addr=" + host)).isEqualTo(expected);
    }

    @Test
    void textFilter() throws Exception {
        String q = "SEQ 10";
        List<Long> expected = bruteForce(i -> hasText(i, q));
        assertThat(expected.size()).isGreaterThan(100);
        assertThat(served("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void combinedFilters() throws Exception {
        List<Long> expected = bruteForce(i -> inCall(i, "call-40") && hasText(i, "rtcp"));
        assertThat(expected).isNotEmpty();
        assertThat(served("call=call-40&q=RTCP")).isEqualTo(expected);
        List<Long> invites = bruteForce(i -> hasMethod(i, "INVITE") && hasStatus(i, 200, 299) && hasText(i, "sdp"));
        assertThat(served("method=INVITE&status=2xx&q=sdp")).isEqualTo(invites);
    }
}
