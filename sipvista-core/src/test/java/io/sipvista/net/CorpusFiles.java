package io.sipvista.net;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Test plumbing: the corpus captures and tshark's rows for them (corpus/expected/README.md). */
final class CorpusFiles {
    /** One row of tshark's answer: frame, method or status, Call-ID, CSeq. */
    record Row(long frame, String methodOrStatus, String callId, String cseq) {
    }

    private CorpusFiles() {
    }

    static Path corpus() {
        String prop = System.getProperty("sipvista.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("corpus/ not found above " + Paths.get("").toAbsolutePath());
        }
        return p.resolve("corpus");
    }

    static List<CaptureRecord> records(String capture) throws IOException {
        List<CaptureRecord> out = new ArrayList<>();
        try (CaptureReader reader = Captures.open(corpus().resolve("pcaps").resolve(capture))) {
            CaptureRecord r;
            while ((r = reader.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    static List<Row> expected(String capture) throws IOException {
        List<Row> out = new ArrayList<>();
        Path file = corpus().resolve("expected").resolve(capture + ".tshark.txt");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            out.add(new Row(Long.parseLong(f[0]), f[6].isEmpty() ? f[7] : f[6], f[8], f[9]));
        }
        return out;
    }

    /** "INVITE" for a request line, "403" for a status line, from the first line of a SIP message. */
    static String methodOrStatus(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        String first = text.substring(0, Math.max(0, text.indexOf("\r\n")));
        String[] words = first.split(" ");
        return first.startsWith("SIP/2.0 ") ? words[1] : words[0];
    }

    /** The Call-ID header's value (long or compact form), or null. */
    static String callId(byte[] message) {
        for (String line : new String(message, StandardCharsets.UTF_8).split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Call-ID") || name.equals("i")) {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        return null;
    }
}
