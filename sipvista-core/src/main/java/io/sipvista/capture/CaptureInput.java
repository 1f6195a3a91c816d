package io.sipvista.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The byte stream a reader consumes: loops on short reads, counts the position in the (decompressed) stream, and
 * knows the gzip layers under it so that the reader can say when compressed data was damaged.
 */
final class CaptureInput {
    private static final int SKIP_CHUNK = 64 * 1024;

    private final InputStream in;
    private final List<GzipGuard> gzipLayers;
    private long position;
    private byte[] skipBuffer;

    CaptureInput(InputStream in, List<GzipGuard> gzipLayers) {
        this.in = in;
        this.gzipLayers = List.copyOf(gzipLayers);
    }

    /** Offset in the (decompressed) stream of the next byte to be read. */
    long position() {
        return position;
    }

    /** Why a compressed layer stopped early, or null when none did. */
    /** "gzip" (or "gzip x2" for gzip inside gzip) when the capture was compressed, else null. */
    String compression() {
        if (gzipLayers.isEmpty()) {
            return null;
        }
        return gzipLayers.size() == 1 ? "gzip" : "gzip x" + gzipLayers.size();
    }

    String gzipDamage() {
        for (GzipGuard g : gzipLayers) {
            if (g.damage() != null) {
                return g.damage();
            }
        }
        return null;
    }

    /** Reads up to {@code len} bytes, fewer only at the end of the stream; returns how many were read. */
    int read(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
            position += n;
        }
        return done;
    }

    /** Skips up to {@code len} bytes, fewer only at the end of the stream; returns how many were skipped. */
    long skip(long len) throws IOException {
        long done = 0;
        while (done < len) {
            if (skipBuffer == null) {
                skipBuffer = new byte[SKIP_CHUNK];
            }
            int want = (int) Math.min(SKIP_CHUNK, len - done);
            int n = read(skipBuffer, 0, want);
            done += n;
            if (n < want) {
                break;
            }
        }
        return done;
    }

    void close() throws IOException {
        in.close();
    }
}
