package io.sipvista.capture;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Sits on a {@link java.util.zip.GZIPInputStream} and turns damage in the compressed data (a bad deflate block, a
 * checksum mismatch, data that ends early) into an ordinary end of stream, remembering why. The capture reader
 * then reports the damage as {@code capture.gzip.corrupt} after returning every record before it.
 */
final class GzipGuard extends FilterInputStream {
    private String damage;

    GzipGuard(InputStream gzip) {
        super(gzip);
    }

    /** Why the stream ended early, or null. */
    String damage() {
        return damage;
    }

    @Override
    public int read() throws IOException {
        if (damage != null) {
            return -1;
        }
        try {
            return super.read();
        } catch (ZipException | EOFException e) {
            damage = describe(e);
            return -1;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (damage != null) {
            return -1;
        }
        try {
            return super.read(b, off, len);
        } catch (ZipException | EOFException e) {
            damage = describe(e);
            return -1;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        if (damage != null) {
            return 0;
        }
        try {
            return super.skip(n);
        } catch (ZipException | EOFException e) {
            damage = describe(e);
            return 0;
        }
    }

    @Override
    public int available() throws IOException {
        if (damage != null) {
            return 0;
        }
        try {
            return super.available();
        } catch (ZipException | EOFException e) {
            damage = describe(e);
            return 0;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "the compressed data ends early";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "the compressed data is damaged" : "the compressed data is damaged (" + m + ")";
    }
}
