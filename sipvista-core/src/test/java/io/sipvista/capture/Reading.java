package io.sipvista.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test plumbing: open bytes, read every record, streams that return one byte per call, gzip. */
final class Reading {
    private Reading() {
    }

    static CaptureReader open(byte[] file) throws IOException {
        return Captures.open(new ByteArrayInputStream(file), "test");
    }

    static List<CaptureRecord> all(CaptureReader reader) throws IOException {
        List<CaptureRecord> out = new ArrayList<>();
        CaptureRecord r;
        while ((r = reader.next()) != null) {
            out.add(r);
        }
        return out;
    }

    static List<CaptureRecord> all(byte[] file) throws IOException {
        try (CaptureReader reader = open(file)) {
            return all(reader);
        }
    }

    /** A stream that hands out at most one byte per read call, as a slow pipe might. */
    static InputStream oneByteAtATime(byte[] file) {
        return new FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }

            @Override
            public long skip(long n) throws IOException {
                return super.skip(Math.min(n, 1));
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    static byte[] prefix(byte[] b, int length) {
        return java.util.Arrays.copyOf(b, length);
    }

    static List<String> ids(CaptureReader reader) {
        return reader.warnings().stream().map(io.sipvista.anomaly.Anomaly::id).toList();
    }
}
