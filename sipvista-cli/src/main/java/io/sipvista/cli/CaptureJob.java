package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.FrameInsights;
import io.sipvista.capture.CaptureFormatException;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.Call;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameLimits;
import io.sipvista.frame.SipEntry;
import io.sipvista.report.AnalysisWriter;
import io.sipvista.report.CaptureHeader;
import io.sipvista.report.CaptureSummary;
import io.sipvista.report.FrameSink;
import io.sipvista.report.FramesJsonWriter;
import io.sipvista.report.FramesRun;
import io.sipvista.report.LadderBuilder;
import io.sipvista.report.ladder.LadderSvg;
import io.sipvista.sip.SipMessage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One capture the server offers, and the background job that prepares it: phase 1 analyses it
 * ({@link CaptureAnalysis} keeping the messages), phase 2 reads it again and writes every frame's JSON, with the
 * analysis' insights, into a {@link FrameIndex}. It owns the capture's state as the status object tells it (queued,
 * running, ready, failed; progress by bytes of the file read), the kept analysis (its JSON, ladders, report), the
 * frame index and the filters asked of it (the last {@value #CACHED_FILTERS}). Removing it stops a running job at
 * its next read and deletes the index (and the file, when uploaded).
 */
final class CaptureJob {
    /** Filters whose matches are kept per capture. */
    static final int CACHED_FILTERS = 8;

    enum State { QUEUED, RUNNING, READY, FAILED }

    /** A job stopped because its capture was removed. */
    private static final class Removed extends IOException {
        Removed() {
            super("the capture was removed");
        }
    }

    private final String id;
    private final String name;
    private final Path path;
    private final boolean uploaded;
    private final long bytes;
    private final Path indexDir;
    private final Executor scans;

    private volatile State state = State.QUEUED;
    private volatile int phase;
    private volatile long read;
    private volatile String error;
    private volatile CaptureAnalysis.Result analysis;
    private volatile String analysisJson;
    private volatile FrameIndex index;
    private final Map<String, Integer> callIndex = new HashMap<>();
    // guarded by this
    private boolean running;
    private boolean removed;
    private final Map<String, FilterScan> filters = new LinkedHashMap<>(16, 0.75f, true);

    CaptureJob(String id, String name, Path path, boolean uploaded, Path indexDir, Executor scans) {
        this.id = id;
        this.name = name;
        this.path = path;
        this.uploaded = uploaded;
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = 0;
        }
        this.bytes = size;
        this.indexDir = indexDir;
        this.scans = scans;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean uploaded() {
        return uploaded;
    }

    State state() {
        return state;
    }

    /** The kept analysis once ready, else null. */
    /** The analysis once phase 1 is done (the frames may still be being indexed), else null. */
    CaptureAnalysis.Result analysis() {
        return state == State.FAILED || analysisJson == null ? null : analysis;
    }

    /** {@code analyze --format json} of the capture once phase 1 is done, else null. */
    String analysisJson() {
        return state == State.FAILED ? null : analysisJson;
    }

    /** Reads the capture again (for the frames of the HTML report). */
    CaptureReader reopen() throws IOException {
        return Captures.open(path);
    }

    /** The frame index (frames so far while indexing), or null before phase 2. */
    FrameIndex index() {
        return index;
    }

    /** Runs both phases (on the job thread). */
    void run() {
        synchronized (this) {
            if (removed) {
                return;
            }
            running = true;
            state = State.RUNNING;
        }
        try {
            phase = 1;
            CaptureAnalysis.Result a;
            try (CaptureReader r = open()) {
                a = CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.MESSAGES);
            }
            for (int i = 0; i < a.calls().size(); i++) {
                callIndex.put(a.calls().get(i).id(), i);
            }
            StringWriter json = new StringWriter();
            AnalysisWriter.json(json, name, a);
            analysis = a;
            analysisJson = json.toString();
            phase = 2;
            read = 0;
            FrameIndex ix = new FrameIndex(indexDir);
            synchronized (this) {
                index = ix;
                if (removed) {
                    throw new Removed();
                }
            }
            try (CaptureReader r = open()) {
                new FramesRun().run(r, name, r.compression(), new Indexing(ix, FrameInsights.of(a)));
            }
            ix.finish();
            state = State.READY;
        } catch (Removed stop) {
            // removed while running: the files go below
        } catch (CaptureFormatException e) {
            fail(e.getMessage());
        } catch (NoSuchFileException e) {
            fail("the capture file is gone");
        } catch (AccessDeniedException e) {
            fail("permission denied: the capture file cannot be read");
        } catch (IOException e) {
            fail("cannot read the capture: " + e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("the capture could not be analysed: " + e);
        } finally {
            List<FilterScan> asked;
            synchronized (this) {
                running = false;
                if (removed) {
                    discardFiles();
                }
                asked = new ArrayList<>(filters.values());
            }
            for (FilterScan s : asked) {
                s.kick();
            }
        }
    }

    private void fail(String words) {
        error = words;
        state = State.FAILED;
    }

    /** Opens the capture, counting the file's bytes as they are read and stopping when the capture is removed. */
    private CaptureReader open() throws IOException {
        InputStream file;
        try {
            file = new java.io.FileInputStream(path.toFile()); // also a named pipe (no seeking, no size)
        } catch (java.io.FileNotFoundException e) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            if (Files.isDirectory(path)) {
                throw new java.io.IOException("it is a directory, not a capture file");
            }
            throw new AccessDeniedException(path.toString());
        }
        InputStream counted = new FilterInputStream(file) {
            @Override
            public int read() throws IOException {
                check();
                int b = super.read();
                if (b >= 0) {
                    read++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check();
                int n = super.read(b, off, len);
                if (n > 0) {
                    read += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                check();
                long s = super.skip(n);
                read += s;
                return s;
            }

            private void check() throws Removed {
                if (isRemoved()) {
                    throw new Removed();
                }
            }
        };
        try {
            return Captures.open(counted, name);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private synchronized boolean isRemoved() {
        return removed;
    }

    /** Stops the job (at its next read) and deletes its index, and its file when uploaded. */
    void remove() {
        List<FilterScan> asked;
        synchronized (this) {
            removed = true;
            asked = new ArrayList<>(filters.values());
            filters.clear();
            if (!running) {
                discardFiles();
            }
        }
        for (FilterScan s : asked) {
            s.cancel();
        }
    }

    private void discardFiles() {
        try {
            if (index != null) {
                index.close();
            }
        } catch (IOException ignored) {
            // the temporary directory goes when the server closes
        }
        if (uploaded) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    /** The scan of a filter (not empty): the cached one, or a new one; started. Null before the index exists. */
    FilterScan scan(FrameFilter filter) {
        FrameIndex ix = index;
        if (ix == null) {
            return null;
        }
        FilterScan s;
        synchronized (this) {
            if (removed) {
                return null;
            }
            s = filters.get(filter.key());
            if (s == null) {
                int call = filter.call() == null ? 0 : callIndex.getOrDefault(filter.call(), -1);
                s = new FilterScan(ix, filter, call, scans);
                filters.put(filter.key(), s);
                if (filters.size() > CACHED_FILTERS) {
                    var eldest = filters.entrySet().iterator().next();
                    eldest.getValue().cancel();
                    filters.remove(eldest.getKey());
                }
            }
        }
        s.kick();
        return s;
    }

    /** The ladder of call {@code callId} as {@code flow --call ID --format svg} draws it; null when no such call or not ready. */
    String ladderSvg(String callId) {
        CaptureAnalysis.Result a = analysis();
        if (a == null) {
            return null;
        }
        for (Call c : a.calls()) {
            if (c.id().equals(callId)) {
                return LadderSvg.render(LadderBuilder.of(a, c));
            }
        }
        return null;
    }

    /**
     * Progress of a running job: bytes of the file read in this phase over its size, phase 1 counting 0 to 0.5 and
     * phase 2 0.5 to 1 (a file of unknown size, e.g. a pipe, stays at the start of its phase).
     */
    static double progress(int phase, long read, long bytes) {
        double share = bytes <= 0 ? 0 : Math.min(1.0, (double) read / bytes);
        return phase == 2 ? 0.5 + share / 2 : share / 2;
    }

    /** Bytes of the file read so far in the current phase. */
    long bytesRead() {
        return read;
    }

    /** The status object of the server API. */
    String statusJson() {
        State s = state;
        double progress;
        String words;
        switch (s) {
            case QUEUED -> {
                progress = 0;
                words = "waiting for the captures before it";
            }
            case RUNNING -> {
                progress = progress(phase, read, bytes);
                words = phase == 2 ? "indexing frames (2 of 2)" : "analysing (1 of 2)";
            }
            case READY -> {
                progress = 1;
                words = "ready";
            }
            default -> {
                progress = phase == 2 ? 0.5 : 0;
                words = "failed";
            }
        }
        FrameIndex ix = index;
        String err = s == State.FAILED ? error : null;
        return "{\"id\":\"" + id + "\",\"name\":\"" + json(name) + "\",\"bytes\":" + bytes + ",\"uploaded\":" + uploaded
                + ",\"state\":\"" + s.name().toLowerCase(Locale.ROOT) + "\",\"progress\":"
                + String.format(Locale.ROOT, "%.4f", progress) + ",\"phase\":\"" + words + "\",\"frames\":"
                + (ix == null ? 0 : ix.visible()) + ",\"error\":" + (err == null ? "null" : "\"" + json(err) + "\"")
                + "}";
    }

    /** JSON string content: quotes, backslashes and control characters escaped. */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Phase 2: each frame's JSON object and facts into the index. */
    private final class Indexing implements FrameSink {
        private final FrameIndex ix;
        private final FrameInsights insights;
        private final StringBuilder text = new StringBuilder(1024);
        private final FramesJsonWriter json;

        Indexing(FrameIndex ix, FrameInsights insights) throws IOException {
            this.ix = ix;
            this.insights = insights;
            this.json = FramesJsonWriter.objects(new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) {
                    text.append(cbuf, off, len);
                }

                @Override
                public void write(String str, int off, int len) {
                    text.append(str, off, off + len);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            }, true, insights);
        }

        @Override
        public void begin(CaptureHeader header) {
        }

        @Override
        public void frame(Frame f) throws IOException {
            if (isRemoved()) {
                throw new Removed();
            }
            text.setLength(0);
            json.frame(f);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            int[] calls = new int[0];
            List<FrameIndex.Sip> sip = List.of();
            if (f.sip().isEmpty()) {
                Integer c = callOf(insights.call(f));
                if (c != null) {
                    calls = new int[] {c};
                }
            } else {
                sip = new ArrayList<>(f.sip().size());
                int onWire = 0;
                for (SipEntry e : f.sip()) {
                    SipMessage m = e.message();
                    if (m.isRequest()) {
                        sip.add(new FrameIndex.Sip(m.method(), 0));
                    } else {
                        sip.add(new FrameIndex.Sip(m.cseq() == null ? null : m.cseq().method(), m.status()));
                    }
                    if (!e.quoted()) {
                        Integer c = callOf(insights.callOf(f.number(), onWire++));
                        if (c != null && !contains(calls, c)) {
                            calls = java.util.Arrays.copyOf(calls, calls.length + 1);
                            calls[calls.length - 1] = c;
                        }
                    }
                }
            }
            ix.append(f.number(), f.src(), f.dst(), bytes, calls, sip);
        }

        private Integer callOf(String call) {
            return call == null ? null : callIndex.get(call);
        }

        private static boolean contains(int[] a, int v) {
            for (int x : a) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void end(CaptureSummary summary) throws IOException {
            json.end(summary);
        }
    }
}
