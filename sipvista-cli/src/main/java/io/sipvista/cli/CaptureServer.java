package io.sipvista.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.report.FramesRun;
import io.sipvista.report.HtmlReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded server of {@code sipvista serve} (the API is {@code docs/api.md}): the page (classpath resources
 * {@code io/sipvista/web/}), and for each capture given on the command line or uploaded a {@link CaptureJob} that
 * analyses it and indexes its frames in the background, one capture at a time, on a thread of its own; HTTP
 * requests are answered on other threads from what the jobs have so far: status, the analysis JSON, pages of frames
 * (filtered by call, method, status, address, text), one frame, a call's ladder, the HTML report. Captures are named
 * by an id it gives ({@code c1}, {@code c2} ...), never by a path from the request, so nothing outside them can be
 * reached. Uploads are capped, checked to be captures, stored in a private directory (owner only) and removable;
 * frame indexes live in another private directory. Every response carries a strict Content-Security-Policy.
 */
final class CaptureServer implements AutoCloseable {
    /** The policy of every response but the report. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The policy of the HTML report: no script at all, its own inline style. */
    /** The report's own policy: its inline app and styles by hash only (the same as its meta element). */
    static final String REPORT_CSP = HtmlReport.csp();
    /** Frames per page: default and most. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** How long a page waits for a filter's matches before answering with what is known. */
    static final long PAGE_WAIT_MILLIS = 300;
    /** Longest query string accepted, characters. */
    static final int MAX_QUERY = 2048;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Pattern ITEM = Pattern.compile(
            "/api/captures/(c\\d{1,9})(?:/(analysis|frames)|/frames/([^/]{1,40})|/calls/([^/]{1,64})/ladder\\.svg)?");
    private static final Pattern REPORT = Pattern.compile("/captures/(c\\d{1,9})/report");
    private static final Map<String, String> PAGE = Map.of(
            "/", "index.html text/html; charset=utf-8",
            "/app.js", "app.js text/javascript; charset=utf-8",
            "/app.css", "app.css text/css; charset=utf-8");

    private final HttpServer http;
    private final ExecutorService handlers;
    private final ExecutorService jobs;
    private final ExecutorService scans;
    private final Path uploads;
    private final Path indexes;
    private final long maxUpload;
    private final String resources;
    private final Map<String, CaptureJob> captures = new LinkedHashMap<>();
    private int next = 1;
    private boolean closed;

    CaptureServer(String bind, int port, List<Path> given, long maxUploadBytes) throws IOException {
        this(bind, port, given, maxUploadBytes, "io/sipvista/web/");
    }

    /** With the page read from {@code resources} (a classpath folder ending in /), for tests. */
    CaptureServer(String bind, int port, List<Path> given, long maxUploadBytes, String resources) throws IOException {
        this.maxUpload = maxUploadBytes;
        this.resources = resources;
        this.uploads = privateDirectory("sipvista-uploads");
        this.indexes = privateDirectory("sipvista-frames");
        this.jobs = Executors.newSingleThreadExecutor(daemon("sipvista-job"));
        this.scans = Executors.newFixedThreadPool(2, daemon("sipvista-filter"));
        this.handlers = Executors.newFixedThreadPool(4, daemon("sipvista-http"));
        for (Path p : given) {
            add(p.getFileName() == null ? p.toString() : p.getFileName().toString(), p, false);
        }
        this.http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(handlers);
        http.start();
    }

    private static Path privateDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the temporary directory's own protection applies
        }
        return dir;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The port it listens on (useful when 0 was asked). */
    int port() {
        return http.getAddress().getPort();
    }

    private synchronized CaptureJob add(String name, Path path, boolean uploaded) {
        CaptureJob job = new CaptureJob("c" + next++, name, path, uploaded, indexes, scans);
        captures.put(job.id(), job);
        jobs.execute(job::run);
        return job;
    }

    /** The private directory of the frame indexes. */
    Path indexDirectory() {
        return indexes;
    }

    /** Offers a capture as an upload without the upload's checks (tests: e.g. a named pipe the test feeds); its id. */
    String offerAsUpload(String name, Path path) {
        return add(name, path, true).id();
    }

    private synchronized List<CaptureJob> list() {
        return new ArrayList<>(captures.values());
    }

    private synchronized CaptureJob get(String id) {
        return captures.get(id);
    }

    private synchronized CaptureJob removeUploaded(String id) {
        CaptureJob job = captures.get(id);
        if (job != null && job.uploaded()) {
            captures.remove(id);
        }
        return job;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            String query = x.getRequestURI().getRawQuery();
            if (query != null && query.length() > MAX_QUERY) {
                send(x, 414, TEXT, "sipvista: the query is longer than the " + MAX_QUERY + " characters this server reads\n");
                return;
            }
            String page = PAGE.get(path);
            if (page != null) {
                if (!"GET".equals(method)) {
                    send(x, 405, TEXT, "sipvista: use GET\n");
                } else {
                    resource(x, page.substring(0, page.indexOf(' ')), page.substring(page.indexOf(' ') + 1));
                }
                return;
            }
            if ("/api/captures".equals(path)) {
                if ("GET".equals(method)) {
                    send(x, 200, JSON, listJson());
                } else if ("POST".equals(method)) {
                    upload(x);
                } else {
                    send(x, 405, TEXT, "sipvista: use GET or POST\n");
                }
                return;
            }
            Matcher report = REPORT.matcher(path);
            if (report.matches()) {
                report(x, method, report.group(1));
                return;
            }
            Matcher m = ITEM.matcher(path);
            if (!m.matches()) {
                send(x, 404, TEXT, "sipvista: no such page\n");
                return;
            }
            String id = m.group(1);
            boolean whole = m.group(2) == null && m.group(3) == null && m.group(4) == null;
            if (whole && "DELETE".equals(method)) {
                delete(x, id);
                return;
            }
            CaptureJob job = get(id);
            if (job == null) {
                send(x, 404, TEXT, "sipvista: no capture " + id + "\n");
            } else if (!"GET".equals(method)) {
                send(x, 405, TEXT, whole ? "sipvista: use GET or DELETE\n" : "sipvista: use GET\n");
            } else if (whole) {
                send(x, 200, JSON, job.statusJson() + "\n");
            } else if ("analysis".equals(m.group(2))) {
                analysis(x, job);
            } else if ("frames".equals(m.group(2))) {
                frames(x, job, query);
            } else if (m.group(3) != null) {
                frame(x, job, m.group(3));
            } else {
                ladder(x, job, m.group(4));
            }
        } catch (IOException | RuntimeException failure) {
            // the client went away, or something could not be read: say so when the response is still open
            try {
                send(x, 500, TEXT, "sipvista: " + failure.getMessage() + "\n");
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        }
    }

    private void resource(HttpExchange x, String name, String type) throws IOException {
        ClassLoader loader = CaptureServer.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resources + name)) {
            if (in == null) {
                send(x, 404, TEXT, "sipvista: the page is not part of this build (" + name + " is missing)\n");
                return;
            }
            send(x, 200, type, in.readAllBytes(), CSP);
        }
    }

    private void delete(HttpExchange x, String id) throws IOException {
        CaptureJob job = removeUploaded(id);
        if (job == null) {
            send(x, 404, TEXT, "sipvista: no capture " + id + "\n");
        } else if (!job.uploaded()) {
            send(x, 403, TEXT, "sipvista: only uploaded captures can be removed\n");
        } else {
            job.remove();
            send(x, 204, null, "");
        }
    }

    /**
     * False once the analysis (phase 1) is done, even while the frames are still being indexed; else answers 202 with
     * the status while queued or analysing, 422 with the status when it failed, and returns true.
     */
    private static boolean notReady(HttpExchange x, CaptureJob job) throws IOException {
        if (job.analysisJson() != null) {
            return false;
        }
        send(x, job.state() == CaptureJob.State.FAILED ? 422 : 202, JSON, job.statusJson() + "\n");
        return true;
    }

    private void analysis(HttpExchange x, CaptureJob job) throws IOException {
        if (!notReady(x, job)) {
            send(x, 200, JSON, job.analysisJson());
        }
    }

    private void ladder(HttpExchange x, CaptureJob job, String call) throws IOException {
        if (notReady(x, job)) {
            return;
        }
        String svg = job.ladderSvg(call);
        if (svg == null) {
            send(x, 404, TEXT, "sipvista: no call " + call + " in " + job.id() + "\n");
        } else {
            send(x, 200, "image/svg+xml; charset=utf-8", svg);
        }
    }

    private void report(HttpExchange x, String method, String id) throws IOException {
        CaptureJob job = get(id);
        if (job == null) {
            send(x, 404, TEXT, "sipvista: no capture " + id + "\n");
            return;
        }
        if (!"GET".equals(method)) {
            send(x, 405, TEXT, "sipvista: use GET\n");
            return;
        }
        CaptureAnalysis.Result a = job.analysis();
        if (a == null) {
            CaptureJob.State s = job.state();
            send(x, s == CaptureJob.State.FAILED ? 422 : 202, TEXT, s == CaptureJob.State.FAILED
                    ? "sipvista: " + job.name() + " could not be read\n"
                    : "sipvista: " + job.name() + " is still being analysed; reload in a moment\n");
            return;
        }
        // streamed: the report of a big capture is tens of MB, and never held whole in memory
        headers(x, "text/html; charset=utf-8", REPORT_CSP);
        x.sendResponseHeaders(200, 0);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(x.getResponseBody(), StandardCharsets.UTF_8),
                64 * 1024)) {
            HtmlReport.write(w, job.name(), a, sink -> {
                try (CaptureReader r = job.reopen()) {
                    return new FramesRun().run(r, job.name(), r.compression(), sink);
                }
            });
        }
    }

    private void frame(HttpExchange x, CaptureJob job, String number) throws IOException {
        if (!number.matches("\\d{1,18}")) {
            send(x, 400, TEXT, "sipvista: the frame number must be a whole number from 1\n");
            return;
        }
        if (job.state() == CaptureJob.State.FAILED) {
            send(x, 422, JSON, job.statusJson() + "\n");
            return;
        }
        FrameIndex ix = job.index();
        byte[] frame = ix == null ? null : ix.frame(Long.parseLong(number));
        if (frame == null) {
            send(x, 404, TEXT, "sipvista: no frame " + number + (job.state() == CaptureJob.State.READY ? ""
                    : " indexed yet") + " in " + job.id() + "\n");
            return;
        }
        send(x, 200, JSON, frame, CSP);
    }

    private void frames(HttpExchange x, CaptureJob job, String query) throws IOException {
        Map<String, String> params;
        int offset;
        int limit;
        FrameFilter filter;
        try {
            params = parameters(query);
            offset = number(params.get("offset"), "offset", 0, Integer.MAX_VALUE, 0);
            limit = number(params.get("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
            filter = FrameFilter.of(params);
        } catch (FrameFilter.Invalid e) {
            send(x, 400, TEXT, "sipvista: " + e.getMessage() + "\n");
            return;
        }
        if (job.state() == CaptureJob.State.FAILED) {
            send(x, 422, JSON, job.statusJson() + "\n");
            return;
        }
        FrameIndex ix = job.index();
        int total = ix == null ? 0 : ix.visible();
        boolean indexed = ix != null && ix.finished();
        int matched;
        boolean complete;
        List<byte[]> frames;
        if (ix == null) {
            matched = 0;
            complete = false;
            frames = List.of();
        } else if (filter.isEmpty()) {
            matched = total;
            complete = indexed && total == ix.visible();
            frames = offset >= total ? List.of() : ix.frames(offset, Math.min(limit, total - offset));
        } else {
            FilterScan scan = job.scan(filter);
            if (scan == null) {
                send(x, 404, TEXT, "sipvista: no capture " + job.id() + "\n");
                return;
            }
            try {
                scan.await(offset + limit, PAGE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (scan.failure() != null) {
                send(x, 500, TEXT, "sipvista: the frames could not be read: " + scan.failure() + "\n");
                return;
            }
            complete = scan.complete();
            matched = scan.matched();
            total = ix.visible();
            frames = ix.frames(scan.matches(offset, limit));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + frames.size() * 512);
        out.write(("{\"total\":" + total + ",\"matched\":" + matched + ",\"complete\":" + complete + ",\"offset\":"
                + offset + ",\"frames\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(frames.get(i));
        }
        out.write("]}\n".getBytes(StandardCharsets.UTF_8));
        send(x, 200, JSON, out.toByteArray(), CSP);
    }

    /** The query's parameters, each once; refused in words when malformed. */
    static Map<String, String> parameters(String rawQuery) throws FrameFilter.Invalid {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new FrameFilter.Invalid("the query has a broken %-escape");
            }
            if (out.put(key, value) != null) {
                throw new FrameFilter.Invalid(key + " is given more than once");
            }
        }
        return out;
    }

    /** A whole number parameter in {@code [min, max]}, or {@code dflt} when absent; refused in words otherwise. */
    static int number(String value, String name, int min, int max, int dflt) throws FrameFilter.Invalid {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        if (!value.matches("\\d{1,10}") || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            throw new FrameFilter.Invalid(name + " must be a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(value);
    }

    private void upload(HttpExchange x) throws IOException {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxUpload) {
            send(x, 413, TEXT, "sipvista: the upload is larger than the " + limit() + " this server accepts (--max-upload)\n");
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
                    send(x, 413, TEXT, "sipvista: the upload is larger than the " + limit()
                            + " this server accepts (--max-upload)\n");
                    return;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        try (CaptureReader ignored = Captures.open(file)) {
            // opening reads the file header: a pcap or pcapng (optionally gzip-compressed), or not a capture
        } catch (IOException notACapture) {
            Files.deleteIfExists(file);
            send(x, 415, TEXT, "sipvista: the upload was refused: " + notACapture.getMessage() + "\n");
            return;
        }
        String name = x.getRequestHeaders().getFirst("X-Capture-Name");
        name = name == null || name.isBlank() ? "upload" : name.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        CaptureJob job = add(name, file, true);
        send(x, 201, JSON, "{\"id\":\"" + job.id() + "\"}\n");
    }

    /** The upload limit in words: whole MiB, else bytes. */
    private String limit() {
        return maxUpload % (1024 * 1024) == 0 ? maxUpload / (1024 * 1024) + " MiB" : maxUpload + " bytes";
    }

    private String listJson() {
        StringBuilder b = new StringBuilder("[");
        for (CaptureJob job : list()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(job.statusJson());
        }
        return b.append("]\n").toString();
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        send(x, status, type, body.getBytes(StandardCharsets.UTF_8), CSP);
    }

    private static void send(HttpExchange x, int status, String type, byte[] bytes, String policy) throws IOException {
        headers(x, type, policy);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
    }

    private static void headers(HttpExchange x, String type, String policy) {
        x.getResponseHeaders().set("Content-Security-Policy", policy);
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        if (type != null) {
            x.getResponseHeaders().set("Content-Type", type);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        http.stop(0);
        handlers.shutdownNow();
        for (CaptureJob job : list()) {
            job.remove();
        }
        jobs.shutdownNow();
        scans.shutdownNow();
        try {
            jobs.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(uploads);
        deleteTree(indexes);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
