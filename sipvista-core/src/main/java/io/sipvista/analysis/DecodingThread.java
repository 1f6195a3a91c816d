package io.sipvista.analysis;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.RecordBuffer;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.frame.MediaFastPath;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and decodes a capture on a thread of its own, a few batches of records ahead of the analysis, which takes
 * them in capture order ({@link #next()}). Reading and decoding are a third of a run or more; on a second core they
 * overlap with correlation, settling and media statistics.
 *
 * <p>Each record becomes a {@link Frame} ({@link FrameDecoder}, one per capture, seeing every record it decodes in
 * order), except a plain media datagram ({@link MediaFastPath}) after the first frame: that one is only read, its
 * bytes copied into the batch, for the analysis to count straight from them ({@link MediaStreams#fastPacket}) or,
 * when the analysis does not take it, to decode itself ({@link Batch#record}). Such datagrams never change what a
 * frame decoder holds (no fragment, no TCP, no SCTP), so decoding them with a decoder of their own gives the frames
 * one decoder would.
 *
 * <p>Memory is bounded: at most {@link #IN_FLIGHT} batches wait, each of at most {@link #MAX_RECORDS} records and
 * about {@link #MAX_BYTES} captured bytes. A failure of the thread (a read error, a removed capture, a bug) is thrown
 * again by {@link #next()} as it was, after the batches before it. {@link #close()} stops the thread and waits for it,
 * so the reader is no longer used once it returns.
 */
final class DecodingThread implements AutoCloseable {
    static final int MAX_RECORDS = 512;
    static final int MAX_BYTES = 1 << 20;
    /**
     * Bytes of media datagrams a batch copies: the records taken whole, and a record over this (a datagram is at most
     * 64 KiB, but a record may carry bytes after it) is decoded instead.
     */
    private static final int MEDIA_BYTES = 256 << 10;
    private static final int IN_FLIGHT = 4;
    /** Numbers kept per media datagram in {@code Batch.media}. */
    private static final int MEDIA_WORDS = 5;

    /** A run of records in capture order. */
    static final class Batch {
        int size;
        final long[] number = new long[MAX_RECORDS];
        final long[] epochSeconds = new long[MAX_RECORDS];
        final int[] nanos = new int[MAX_RECORDS];
        final int[] timeDigits = new int[MAX_RECORDS];
        /** The record decoded, or null for a media datagram only read (see {@link #countMedia}). */
        final Frame[] frames = new Frame[MAX_RECORDS];
        /**
         * What {@link MediaFastPath} read of each media datagram, {@link #MEDIA_WORDS} numbers a record in one array:
         * the analysis thread reads them in order, which the processor fetches ahead, rather than an object per
         * record written on another core. Per record: the source and destination endpoint keys; the SSRC (low 32
         * bits) and RTP timestamp; the sequence number (16 bits), payload type (7), marker (1) and RTCP (1) bits;
         * where the datagram's RTP or RTCP packet starts in {@link #bytes} (32 bits), its payload's distance from
         * there (16) and its payload's length (16).
         */
        private final long[] media = new long[MAX_RECORDS * MEDIA_WORDS];
        private final int[] interfaceId = new int[MAX_RECORDS];
        private final int[] linkType = new int[MAX_RECORDS];
        private final int[] capturedLength = new int[MAX_RECORDS];
        private final long[] originalLength = new long[MAX_RECORDS];
        private final long[] fileOffset = new long[MAX_RECORDS];
        /** Where each media datagram's record starts in {@link #bytes}. */
        private final int[] recordAt = new int[MAX_RECORDS];
        private byte[] bytes;
        private int used;
        private long frameBytes;
        /** Set on the batch that ends the capture. */
        private boolean last;
        private List<Anomaly> warnings;
        private Throwable failure;

        /** Keeps what {@code read} read of the media datagram at {@code i}, whose record was copied to {@code at}. */
        private void holdMedia(int i, MediaFastPath read, int at) {
            int k = i * MEDIA_WORDS;
            media[k] = read.srcKey();
            media[k + 1] = read.dstKey();
            media[k + 2] = read.ssrc() | read.timestamp() << 32;
            media[k + 3] = read.sequence() | (long) read.payloadType() << 16 | (read.marker() ? 1L << 23 : 0)
                    | (read.rtcp() ? 1L << 24 : 0);
            media[k + 4] = (read.offset() + at) | (long) (read.payloadOffset() - read.offset()) << 32
                    | (long) read.payloadLength() << 48;
        }

        /**
         * Counts the media datagram at {@code i} as {@link MediaStreams#fastPacket} would count what MediaFastPath read
         * of it; false when the datagram is to be decoded ({@link #record}) instead.
         */
        boolean countMedia(int i, MediaStreams streams) {
            int k = i * MEDIA_WORDS;
            long w2 = media[k + 2];
            long w3 = media[k + 3];
            long w4 = media[k + 4];
            int offset = (int) (w4 & 0xffffffffL);
            return streams.fastPacket((w3 & 1L << 24) != 0, media[k], media[k + 1], w2 & 0xffffffffL, w2 >>> 32,
                    (int) (w3 & 0xffff), (int) (w3 >>> 16) & 0x7f, (w3 & 1L << 23) != 0, bytes, offset,
                    offset + (int) (w4 >>> 32 & 0xffff), (int) (w4 >>> 48), number[i], epochSeconds[i], nanos[i],
                    timeDigits[i]);
        }

        /** The SSRC of the media datagram at {@code i} (for tests). */
        long mediaSsrc(int i) {
            return media[i * MEDIA_WORDS + 2] & 0xffffffffL;
        }

        /** The first byte of the RTP or RTCP packet of the media datagram at {@code i} (for tests). */
        int mediaFirstByte(int i) {
            return bytes[(int) (media[i * MEDIA_WORDS + 4] & 0xffffffffL)] & 0xff;
        }

        /** The media datagram at {@code i} as a record of its own, to decode. */
        CaptureRecord record(int i) {
            int at = recordAt[i];
            return new CaptureRecord(number[i], interfaceId[i], linkType[i], epochSeconds[i], nanos[i], timeDigits[i],
                    capturedLength[i], originalLength[i], Arrays.copyOfRange(bytes, at, at + capturedLength[i]),
                    fileOffset[i]);
        }

        private boolean full() {
            return size == MAX_RECORDS || frameBytes >= MAX_BYTES;
        }

        private void clear() {
            Arrays.fill(frames, 0, size, null);
            size = 0;
            used = 0;
            frameBytes = 0;
        }
    }

    private final CaptureReader reader;
    private final FrameDecoder decoder;
    private final boolean fastPath;
    private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;
    private List<Anomaly> warnings = List.of();

    private DecodingThread(CaptureReader reader, FrameLimits limits, boolean fastPath) {
        this.reader = reader;
        this.decoder = new FrameDecoder(limits, false); // labels are never shown from the analysis
        this.fastPath = fastPath;
        for (int i = 0; i < IN_FLIGHT + 2; i++) {
            free.add(new Batch());
        }
        thread = new Thread(this::decodeAll, "sipvista-decode");
        thread.setDaemon(true);
    }

    /** Starts reading {@code reader} (which the caller closes, after {@link #close()}). */
    static DecodingThread start(CaptureReader reader, FrameLimits limits, boolean fastPath) {
        DecodingThread t = new DecodingThread(reader, limits, fastPath);
        t.thread.start();
        return t;
    }

    /**
     * The next batch in capture order, or null after the last one; give each back with {@link #done} once read.
     * Throws what stopped the reading thread, after the batches it handed before.
     */
    Batch next() throws IOException {
        if (ended) {
            return null;
        }
        Batch b;
        try {
            b = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the analysis was interrupted");
        }
        if (b.failure != null) {
            ended = true;
            rethrow(b.failure);
        }
        if (b.last) {
            ended = true;
            warnings = b.warnings;
            if (b.size == 0) {
                return null;
            }
        }
        return b;
    }

    /** Gives back a batch {@link #next()} returned, once nothing of it is used any more. */
    void done(Batch b) {
        b.clear();
        free.offer(b);
    }

    /** The reader's warnings and the decoder's at the end of the capture, once {@link #next()} returned null. */
    List<Anomaly> warnings() {
        return warnings;
    }

    /** Whether the thread still runs (for tests). */
    boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            ready.clear(); // a thread waiting to hand a batch goes on, sees it is stopped and ends
            try {
                thread.join(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void decodeAll() {
        Batch batch = null;
        try {
            RecordBuffer b = new RecordBuffer();
            MediaFastPath fast = fastPath ? new MediaFastPath() : null;
            boolean decodedOne = false;
            batch = free.take();
            while (!stopped && reader.next(b)) {
                int length = b.capturedLength();
                boolean media = fast != null && decodedOne && length <= MEDIA_BYTES
                        && plainTime(b.epochSeconds(), b.nanos())
                        && fast.read(b.data(), length, b.originalLength(), b.linkType());
                if (media && batch.used + length > MEDIA_BYTES) {
                    hand(batch);
                    batch = free.take();
                }
                int i = batch.size++;
                batch.number[i] = b.number();
                batch.epochSeconds[i] = b.epochSeconds();
                batch.nanos[i] = b.nanos();
                batch.timeDigits[i] = b.timeDigits();
                if (media) {
                    if (batch.bytes == null) {
                        batch.bytes = new byte[MEDIA_BYTES];
                    }
                    int at = batch.used;
                    System.arraycopy(b.data(), 0, batch.bytes, at, length);
                    batch.used += length;
                    batch.holdMedia(i, fast, at);
                    batch.recordAt[i] = at;
                    batch.interfaceId[i] = b.interfaceId();
                    batch.linkType[i] = b.linkType();
                    batch.capturedLength[i] = length;
                    batch.originalLength[i] = b.originalLength();
                    batch.fileOffset[i] = b.fileOffset();
                } else {
                    batch.frames[i] = decoder.decode(b.record());
                    batch.frameBytes += length;
                    decodedOne = true;
                }
                if (batch.full()) {
                    hand(batch);
                    batch = free.take();
                }
            }
            List<Anomaly> all = new ArrayList<>(reader.warnings());
            all.addAll(decoder.finish());
            batch.warnings = all;
            batch.last = true;
            hand(batch);
        } catch (InterruptedException stop) {
            // closed: nobody waits for more
        } catch (Throwable t) {
            Batch failed = batch != null ? batch : new Batch();
            failed.failure = t;
            try {
                hand(failed);
            } catch (InterruptedException stop) {
                // closed: nobody waits for it
            }
        }
    }

    private void hand(Batch b) throws InterruptedException {
        if (stopped) {
            throw new InterruptedException();
        }
        ready.put(b);
    }

    /** A record time the fast path takes: within the years pcap can write, nanoseconds within the second. */
    private static boolean plainTime(long epochSeconds, int nanos) {
        return epochSeconds >= 0 && epochSeconds < 1L << 40 && nanos >= 0 && nanos < 1_000_000_000;
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException rt) {
            throw rt;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(t));
    }
}
