package io.sipvista.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The byte stream a reader consumes: loops on short reads, counts the position in the (decompressed) stream, and
 * knows the gzip layers under it so that the reader can say when compressed data was damaged.
 *
 * <p>It buffers on its own, unsynchronised: a reader asks for each record's 16-byte header and then its bytes, and
 * {@link java.io.BufferedInputStream}'s synchronised {@code read} for each of those millions of small reads took a
 * third of the decoding thread on an RTP capture. The stream under it is read a buffer at a time.
 */
final class CaptureInput {
    private final InputStream in;
    private final List<GzipGuard> gzipLayers;
    private final byte[] buffer;
    /** The next unread byte of {@link #buffer}, and the end of what it holds. */
    private int next;
    private int end;
    private boolean eof;
    private long position;

    CaptureInput(InputStream in, List<GzipGuard> gzipLayers) {
        this(in, gzipLayers, Captures.BUFFER);
    }

    CaptureInput(InputStream in, List<GzipGuard> gzipLayers, int bufferSize) {
        this.in = in;
        this.gzipLayers = List.copyOf(gzipLayers);
        this.buffer = new byte[bufferSize];
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
        int held = end - next;
        if (len <= held) {
            System.arraycopy(buffer, next, b, off, len);
            next += len;
            position += len;
            return len;
        }
        int done = 0;
        while (done < len) {
            if (next == end) {
                if (len - done >= buffer.length) {
                    int n = eof ? -1 : in.read(b, off + done, len - done);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    done += n;
                    position += n;
                    continue;
                }
                if (!fill()) {
                    break;
                }
            }
            int n = Math.min(end - next, len - done);
            System.arraycopy(buffer, next, b, off + done, n);
            next += n;
            done += n;
            position += n;
        }
        return done;
    }

    /** Reads the next bufferful from the stream; false at its end. */
    private boolean fill() throws IOException {
        next = 0;
        end = 0;
        while (!eof && end == 0) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                eof = true;
            } else {
                end = n;
            }
        }
        return end > 0;
    }

    /** Skips up to {@code len} bytes, fewer only at the end of the stream; returns how many were skipped. */
    long skip(long len) throws IOException {
        long done = 0;
        while (done < len) {
            if (next == end && !fill()) {
                break;
            }
            int n = (int) Math.min(end - next, len - done);
            next += n;
            done += n;
            position += n;
        }
        return done;
    }

    void close() throws IOException {
        in.close();
    }
}
