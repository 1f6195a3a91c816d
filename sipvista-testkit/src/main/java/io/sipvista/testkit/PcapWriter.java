package io.sipvista.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a classic libpcap file: the 24-byte file header on construction, then one 16-byte record header and the
 * captured bytes per {@code write}. Owns the byte order, the timestamp unit (microseconds, magic {@code a1b2c3d4},
 * or nanoseconds, magic {@code a1b23c4d}) and cutting frames to the snap length.
 *
 * <p>{@link #close()} closes the underlying stream. For damaged files, {@link #rawRecord} writes a record header whose
 * lengths need not match the bytes that follow.
 */
public final class PcapWriter implements Closeable {
    /** Link-layer header types used by the tests (LINKTYPE_* values of the tcpdump.org registry). */
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LOOP = 108;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private final OutputStream out;
    private final ByteOrder order;
    private final int snaplen;
    private final boolean nanos;

    /**
     * Writes the file header: version 2.4, zone 0, sigfigs 0.
     *
     * @param snaplen the snap length written in the header; frames longer than it are cut to it ({@code <= 0}
     *                writes 0 and cuts nothing)
     * @param nanos   nanosecond timestamps (magic {@code a1b23c4d}) instead of microseconds
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanos, boolean bigEndian)
            throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("out is null");
        }
        this.out = out;
        this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        this.snaplen = Math.max(0, snaplen);
        this.nanos = nanos;
        ByteBuffer b = ByteBuffer.allocate(24).order(order);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4);
        b.putShort((short) 2).putShort((short) 4);
        b.putInt(0).putInt(0);
        b.putInt(this.snaplen).putInt(linkType);
        out.write(b.array());
    }

    /** A record whose original length is {@code frame.length}; cut to the snap length if longer. */
    public void write(long epochSeconds, int nanos, byte[] frame) throws IOException {
        write(epochSeconds, nanos, frame, frame.length);
    }

    /**
     * A record of {@code frame} (cut to the snap length if longer) claiming {@code originalLength} on the wire.
     *
     * @param nanos nanoseconds within the second, 0..999,999,999; written as microseconds (truncated) in a
     *              microsecond file
     */
    public void write(long epochSeconds, int nanos, byte[] frame, int originalLength) throws IOException {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos out of range: " + nanos);
        }
        if (originalLength < 0) {
            throw new IllegalArgumentException("negative original length");
        }
        int captured = snaplen > 0 ? Math.min(frame.length, snaplen) : frame.length;
        int fraction = this.nanos ? nanos : nanos / 1000;
        rawRecord(epochSeconds, fraction, captured, originalLength, frame, captured);
    }

    /**
     * Writes a record header exactly as given, then the first {@code dataLength} bytes of {@code data}: for files
     * whose included length lies, or whose last record is cut short.
     */
    public void rawRecord(long seconds, long fraction, long includedLength, long originalLength, byte[] data,
                          int dataLength) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.putInt((int) seconds).putInt((int) fraction).putInt((int) includedLength).putInt((int) originalLength);
        out.write(b.array());
        out.write(data, 0, dataLength);
    }

    /** Writes bytes as they are (e.g. a torn record header at the end of a file). */
    public void rawBytes(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
