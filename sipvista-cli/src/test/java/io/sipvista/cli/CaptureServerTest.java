package io.sipvista.cli;

import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code serve} server on loopback: it serves the CLI's own analysis and report, and refuses what it should. */
class CaptureServerTest {
    @TempDir
    Path dir;

    private CaptureServer server;
    private Path seed;
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeEach
    void start() throws IOException {
        seed = dir.resolve("seed.pcap");
        Files.write(seed, SeedCapture.bytes());
        server = new CaptureServer("127.0.0.1", 0, List.of(seed), 64 * 1024);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void servesTheSameAnalysisJsonAsTheCommandLine() throws Exception {
        HttpResponse<String> r = send("GET", "/api/captures/c1/analysis", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(MainTest.run("analyze", "--format", "json", seed.toString()).out());
        assertThat(send("GET", "/api/captures", null).body())
                .isEqualTo("[{\"id\":\"c1\",\"name\":\"seed.pcap\",\"uploaded\":false}]\n");
    }

    @Test
    void pagesCarryAStrictPolicyAndTheReport() throws Exception {
        HttpResponse<String> index = send("GET", "/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(index.body()).contains("<a href=\"/captures/c1/report\">seed.pcap</a>");
        HttpResponse<String> report = send("GET", "/captures/c1/report", null);
        assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("<h2 id=\"call-1\">");
    }

    @Test
    void anUploadedCaptureIsServedAndRemovable() throws Exception {
        HttpResponse<String> up = send("POST", "/api/captures", SeedCapture.bytes().length > 64 * 1024
                ? new byte[0] : SeedCapture.bytes());
        assertThat(up.statusCode()).isEqualTo(201);
        assertThat(up.body()).isEqualTo("{\"id\":\"c2\"}\n");
        assertThat(send("GET", "/api/captures/c2/analysis", null).body()).contains("\"sipMessages\":72");
        assertThat(send("DELETE", "/api/captures/c2", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/captures/c2/analysis", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/captures/c1", null).statusCode()).as("given captures stay").isEqualTo(403);
    }

    @Test
    void somethingThatIsNotACaptureIsRefusedInPlainWords() throws Exception {
        HttpResponse<String> r = send("POST", "/api/captures", "<html>hello</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).startsWith("sipvista: not a capture: ");
        assertThat(send("GET", "/api/captures", null).body()).doesNotContain("\"c2\"");
    }

    @Test
    void anUploadOverTheLimitIs413() throws Exception {
        HttpResponse<String> r = send("POST", "/api/captures", new byte[200 * 1024]);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than the 65536 bytes this server accepts").contains("--max-upload");
    }

    @Test
    void pathsOutsideTheCapturesLeadNowhere() throws Exception {
        assertThat(send("GET", "/captures/%2e%2e/%2e%2e/etc/passwd", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/captures/c1/..%2f..%2fetc%2fpasswd", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/captures/c99/analysis", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/" + seed.toAbsolutePath(), null).statusCode()).isEqualTo(404);
    }
}
