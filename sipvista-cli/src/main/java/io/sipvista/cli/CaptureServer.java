package io.sipvista.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.report.AnalysisWriter;
import io.sipvista.report.HtmlReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded server of {@code sipvista serve}: lists the captures it was given and the ones uploaded, and serves for
 * each the analysis JSON ({@code sipvista.analysis/1}, what {@code analyze --format json} prints) and the HTML report
 * ({@code report}). It computes nothing of its own. Captures are named by an id it gives ({@code c1}, {@code c2} ...),
 * never by a path from the request, so nothing outside them can be reached. Uploads are capped, checked to be
 * captures, stored in a private directory (owner only) and removable. Every response carries a strict
 * Content-Security-Policy.
 */
final class CaptureServer implements AutoCloseable {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    private static final Pattern ITEM = Pattern.compile("/(?:api/)?captures/(c\\d{1,9})(/[a-z]+)?");

    /** A capture the server offers: given on the command line, or uploaded. */
    private record Entry(String id, String name, Path path, boolean uploaded) {
    }

    private final HttpServer http;
    private final Path uploads;
    private final long maxUpload;
    private final Map<String, Entry> captures = new LinkedHashMap<>();
    private int next = 1;

    CaptureServer(String bind, int port, List<Path> given, long maxUploadBytes) throws IOException {
        this.maxUpload = maxUploadBytes;
        for (Path p : given) {
            add(p.getFileName() == null ? p.toString() : p.getFileName().toString(), p, false);
        }
        this.uploads = Files.createTempDirectory("sipvista-uploads");
        try {
            Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the temporary directory's own protection applies
        }
        this.http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.start();
    }

    /** The port it listens on (useful when 0 was asked). */
    int port() {
        return http.getAddress().getPort();
    }

    private synchronized Entry add(String name, Path path, boolean uploaded) {
        Entry e = new Entry("c" + next++, name, path, uploaded);
        captures.put(e.id(), e);
        return e;
    }

    private synchronized List<Entry> list() {
        return new ArrayList<>(captures.values());
    }

    private synchronized Entry get(String id) {
        return captures.get(id);
    }

    private synchronized Entry remove(String id) {
        Entry e = captures.get(id);
        if (e != null && e.uploaded()) {
            captures.remove(id);
        }
        return e;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if ("/".equals(path) && "GET".equals(method)) {
                send(x, 200, "text/html; charset=utf-8", index());
                return;
            }
            if ("/api/captures".equals(path)) {
                if ("GET".equals(method)) {
                    send(x, 200, "application/json", listJson());
                } else if ("POST".equals(method)) {
                    upload(x);
                } else {
                    send(x, 405, "text/plain; charset=utf-8", "use GET or POST\n");
                }
                return;
            }
            Matcher m = ITEM.matcher(path);
            if (!m.matches()) {
                send(x, 404, "text/plain; charset=utf-8", "no such page\n");
                return;
            }
            String what = m.group(2) == null ? "" : m.group(2);
            if ("DELETE".equals(method) && what.isEmpty()) {
                Entry e = remove(m.group(1));
                if (e == null) {
                    send(x, 404, "text/plain; charset=utf-8", "no capture " + m.group(1) + "\n");
                } else if (!e.uploaded()) {
                    send(x, 403, "text/plain; charset=utf-8", "only uploaded captures can be removed\n");
                } else {
                    Files.deleteIfExists(e.path());
                    send(x, 204, null, "");
                }
                return;
            }
            Entry e = get(m.group(1));
            if (e == null) {
                send(x, 404, "text/plain; charset=utf-8", "no capture " + m.group(1) + "\n");
            } else if ("GET".equals(method) && "/analysis".equals(what)) {
                StringWriter w = new StringWriter();
                AnalysisWriter.json(w, e.name(), analyze(e));
                send(x, 200, "application/json", w.toString());
            } else if ("GET".equals(method) && "/report".equals(what)) {
                StringWriter w = new StringWriter();
                HtmlReport.write(w, e.name(), analyze(e));
                send(x, 200, "text/html; charset=utf-8", w.toString());
            } else {
                send(x, 404, "text/plain; charset=utf-8", "no such page\n");
            }
        } catch (IOException | RuntimeException failure) {
            // the client went away, or the capture could not be read: say so when the response is still open
            try {
                send(x, 500, "text/plain; charset=utf-8", "sipvista: " + failure.getMessage() + "\n");
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        }
    }

    private static CaptureAnalysis.Result analyze(Entry e) throws IOException {
        try (CaptureReader r = Captures.open(e.path())) {
            return CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.MESSAGES);
        }
    }

    private void upload(HttpExchange x) throws IOException {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxUpload) {
            send(x, 413, "text/plain; charset=utf-8", "sipvista: the upload is larger than the " + limit() + " this server accepts (--max-upload)\n");
            return;
        }
        Path file = Files.createTempFile(uploads, "upload-", ".capture");
        long total = 0;
        try (InputStream in = x.getRequestBody(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
                if (total > maxUpload) {
                    out.close();
                    Files.deleteIfExists(file);
                    send(x, 413, "text/plain; charset=utf-8", "sipvista: the upload is larger than the " + limit()
                            + " this server accepts (--max-upload)\n");
                    return;
                }
                out.write(buf, 0, n);
            }
        }
        try (CaptureReader ignored = Captures.open(file)) {
            // opening reads the file header: a pcap or pcapng (optionally gzip-compressed), or not a capture
        } catch (IOException notACapture) {
            Files.deleteIfExists(file);
            send(x, 415, "text/plain; charset=utf-8", "sipvista: not a capture: " + notACapture.getMessage() + "\n");
            return;
        }
        String name = x.getRequestHeaders().getFirst("X-Capture-Name");
        Entry e = add(name == null || name.isBlank() ? "upload" : name.strip(), file, true);
        send(x, 201, "application/json", "{\"id\":\"" + e.id() + "\"}\n");
    }

    /** The upload limit in words: whole MiB, else bytes. */
    private String limit() {
        return maxUpload % (1024 * 1024) == 0 ? maxUpload / (1024 * 1024) + " MiB" : maxUpload + " bytes";
    }

    private String listJson() {
        StringBuilder b = new StringBuilder("[");
        for (Entry e : list()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"id\":\"").append(e.id()).append("\",\"name\":\"").append(json(e.name()))
                    .append("\",\"uploaded\":").append(e.uploaded()).append('}');
        }
        return b.append("]\n").toString();
    }

    private String index() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>sipvista</title><style>body{font:14px system-ui,sans-serif;margin:1.5em}</style></head>"
                + "<body><h1>sipvista</h1>\n<ul>\n");
        for (Entry e : list()) {
            h.append("<li><a href=\"/captures/").append(e.id()).append("/report\">").append(HtmlReport.esc(e.name()))
                    .append("</a> (<a href=\"/api/captures/").append(e.id()).append("/analysis\">JSON</a>)</li>\n");
        }
        h.append("</ul>\n<p>Upload a capture: <code>curl --data-binary @file.pcap -H 'X-Capture-Name: file.pcap' "
                + "http://HOST:PORT/api/captures</code> (at most ").append(limit())
                .append("); remove it with <code>DELETE /api/captures/ID</code>.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Security-Policy", CSP);
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        if (type != null) {
            x.getResponseHeaders().set("Content-Type", type);
        }
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        for (Entry e : list()) {
            if (e.uploaded()) {
                Files.deleteIfExists(e.path());
            }
        }
        Files.deleteIfExists(uploads);
    }
}
