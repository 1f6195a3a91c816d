package io.sipvista.capture;

import java.util.Arrays;

/**
 * One packet record read into a buffer that is used again for the next record ({@link CaptureReader#next(RecordBuffer)}),
 * for a reader of large captures that looks at most records only briefly and wants no allocation per record. Owns
 * that buffer and the fields of the record last read; {@link #record()} makes of it a {@link CaptureRecord} of its
 * own (copying the bytes when they are in the shared buffer), for whatever keeps a record. Not thread-safe.
 */
public final class RecordBuffer {
    private static final int INITIAL = 2048;

    private byte[] shared = new byte[INITIAL];
    private byte[] data = shared;
    private CaptureRecord record;
    private long number;
    private int interfaceId;
    private int linkType;
    private long epochSeconds;
    private int nanos;
    private int timeDigits;
    private int capturedLength;
    private long originalLength;
    private long fileOffset;

    /** The shared buffer, at least {@code length} bytes, to read the next record's bytes into. */
    byte[] shared(int length) {
        if (shared.length < length) {
            shared = new byte[Math.max(length, 2 * shared.length)];
        }
        data = shared;
        record = null;
        return shared;
    }

    /** A buffer of exactly {@code length} bytes of the next record's own, never used again by this buffer. */
    byte[] own(int length) {
        data = new byte[length];
        record = null;
        return data;
    }

    /** The fields of the record whose bytes were just read into {@link #shared} or {@link #own}. */
    void fill(long number, int interfaceId, int linkType, long epochSeconds, int nanos, int timeDigits,
              int capturedLength, long originalLength, long fileOffset) {
        this.number = number;
        this.interfaceId = interfaceId;
        this.linkType = linkType;
        this.epochSeconds = epochSeconds;
        this.nanos = nanos;
        this.timeDigits = timeDigits;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.fileOffset = fileOffset;
    }

    /** Holds {@code r} as it is (its own bytes, not copied). */
    void hold(CaptureRecord r) {
        fill(r.number(), r.interfaceId(), r.linkType(), r.epochSeconds(), r.nanos(), r.timeDigits(),
                r.capturedLength(), r.originalLength(), r.fileOffset());
        data = r.data();
        record = r;
    }

    /**
     * The record as a {@link CaptureRecord} of its own: its bytes copied out of the shared buffer (once; the same
     * record is returned until the next read), or the record held as it was read.
     */
    public CaptureRecord record() {
        if (record == null) {
            byte[] bytes = data == shared ? Arrays.copyOf(data, capturedLength) : data;
            record = new CaptureRecord(number, interfaceId, linkType, epochSeconds, nanos, timeDigits, capturedLength,
                    originalLength, bytes, fileOffset);
        }
        return record;
    }

    /**
     * The record's bytes: the first {@link #capturedLength()} of this array. It may be the shared buffer, overwritten
     * by the next read: read it, never keep it.
     */
    public byte[] data() {
        return data;
    }

    public long number() {
        return number;
    }

    public int interfaceId() {
        return interfaceId;
    }

    public int linkType() {
        return linkType;
    }

    public long epochSeconds() {
        return epochSeconds;
    }

    public int nanos() {
        return nanos;
    }

    public int timeDigits() {
        return timeDigits;
    }

    public int capturedLength() {
        return capturedLength;
    }

    public long originalLength() {
        return originalLength;
    }

    public long fileOffset() {
        return fileOffset;
    }

    /** As {@link CaptureRecord#truncatedBySnaplen()}. */
    public boolean truncatedBySnaplen() {
        return originalLength > capturedLength;
    }
}
