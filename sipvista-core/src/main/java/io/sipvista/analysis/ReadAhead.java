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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reading and decoding a capture on a thread of their own, ahead of the analysis, which takes the records in batches
 * in capture order: the two share the machine's cores instead of taking turns on one. The reading thread owns the
 * {@link CaptureReader} and the capture's {@link FrameDecoder} (its reassembly and pools) from {@link #start} until
 * the last batch; the analysis owns everything else.
 *
 * <p>Each record arrives as one of two things. A record the media fast path may take ({@link MediaFastPath#read}: a
 * plain Ethernet/IPv4/UDP datagram of one RTP or RTCP packet, at most {@value #SLOT} bytes) arrives as its bytes,
 * copied into a buffer the batch keeps, for the analysis to count straight from them or, when it declines, to decode
 * with {@link #decodeDeclined} (decoding such a datagram reads and changes no state of a decoder, so the analysis's
 * own decoder gives the frame the reading thread's would). Any other record arrives decoded, as a {@link Frame}. With
 * the fast path off, every record arrives decoded.
 *
 * <p>Bounded: {@value #BATCHES} batches of {@value #BATCH} records circulate between the two threads, so the reading
 * thread is never more than that ahead and holds at most their buffers. A failure of the reading thread (the file
 * cannot be read, a bug) reaches the analysis as the exception itself, after the records read before it; a failure of
 * the analysis stops the reading thread ({@link #close}). Nothing is shared but the batches, handed over through
 * blocking queues.
 */
final class ReadAhead implements AutoCloseable {
    /** Records per batch. */
    static final int BATCH = 256;
    /** The largest media record passed as bytes; a larger one is decoded by the reading thread. */
    static final int SLOT = 2048;
    private static final int BATCHES = 4;

    private final CaptureReader reader;
    private final FrameDecoder decoder;
    private final FrameDecoder declined;
    private final MediaFastPath fast;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean closed;

    /** The records of one hand-over, in capture order; used again once the analysis is done with it. */
    static final class Batch {
        /** The frame of record {@code i}; null when the record came as bytes ({@link #data}). */
        final Frame[] frames = new Frame[BATCH];
        final byte[][] data = new byte[BATCH][];
        final long[] number = new long[BATCH];
        final int[] interfaceId = new int[BATCH];
        final int[] linkType = new int[BATCH];
        final long[] epochSeconds = new long[BATCH];
        final int[] nanos = new int[BATCH];
        final int[] timeDigits = new int[BATCH];
        final int[] capturedLength = new int[BATCH];
        final long[] originalLength = new long[BATCH];
        final long[] fileOffset = new long[BATCH];
        int size;
        /** Set on the last batch: the capture's warnings (the reader's, then the decoder's), or why reading failed. */
        boolean last;
        List<Anomaly> warnings = List.of();
        Throwable failure;

        private void add(RecordBuffer b, Frame f) {
            int i = size++;
            frames[i] = f;
            number[i] = b.number();
            interfaceId[i] = b.interfaceId();
            linkType[i] = b.linkType();
            epochSeconds[i] = b.epochSeconds();
            nanos[i] = b.nanos();
            timeDigits[i] = b.timeDigits();
            capturedLength[i] = b.capturedLength();
            originalLength[i] = b.originalLength();
            fileOffset[i] = b.fileOffset();
            if (f == null) {
                if (data[i] == null) {
                    data[i] = new byte[SLOT];
                }
                System.arraycopy(b.data(), 0, data[i], 0, b.capturedLength());
            }
        }
    }

    private ReadAhead(CaptureReader reader, FrameLimits limits, boolean fastPath) {
        this.reader = reader;
        this.decoder = new FrameDecoder(limits, false); // labels are never shown from the analysis
        this.declined = new FrameDecoder(limits, false);
        this.fast = fastPath ? new MediaFastPath() : null;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        this.thread = new Thread(this::readAll, "sipvista-read-ahead");
        thread.setDaemon(true);
    }

    /** Starts reading {@code reader} on a new thread; with {@code fastPath} media records come as bytes. */
    static ReadAhead start(CaptureReader reader, FrameLimits limits, boolean fastPath) {
        ReadAhead r = new ReadAhead(reader, limits, fastPath);
        r.thread.start();
        return r;
    }

    /** The reading thread: every record, decoded or as bytes, then the last batch. */
    private void readAll() {
        Batch end = new Batch();
        end.last = true;
        Batch batch = null;
        try {
            RecordBuffer b = new RecordBuffer();
            boolean first = true;
            batch = free.take();
            while (!closed && reader.next(b)) {
                if (fast != null && !first && b.capturedLength() <= SLOT && CaptureAnalysis.plainTime(b.epochSeconds(),
                        b.nanos()) && fast.read(b.data(), b.capturedLength(), b.originalLength(), b.linkType())) {
                    batch.add(b, null);
                } else {
                    batch.add(b, decoder.decode(b.record()));
                    first = false;
                }
                if (batch.size == BATCH) {
                    full.put(batch);
                    batch = null;
                    batch = free.take();
                }
            }
            List<Anomaly> warnings = new ArrayList<>(reader.warnings());
            warnings.addAll(decoder.finish());
            end.warnings = List.copyOf(warnings);
        } catch (InterruptedException stop) {
            return; // closed by the analysis: nobody takes the last batch
        } catch (Throwable t) { // NOPMD: whatever stops the reading must reach the analysis, not vanish with the thread
            end.failure = t;
        }
        try {
            if (batch != null && batch.size > 0) {
                full.put(batch); // the records read before the end or the failure
            }
            full.put(end);
        } catch (InterruptedException stop) {
            // closed by the analysis
        }
    }

    /**
     * The next batch, in capture order; the last one has {@link Batch#last} set and no records. Rethrows the
     * reading thread's failure when it comes to it.
     */
    Batch next() throws IOException {
        try {
            while (true) {
                Batch b = full.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    if (b.failure != null) {
                        throw rethrow(b.failure);
                    }
                    return b;
                }
                if (!thread.isAlive() && full.isEmpty()) {
                    throw new IllegalStateException("the capture's reading thread ended without its last batch");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the capture", e);
        }
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(t));
    }

    /** Gives a batch the analysis is done with back to the reading thread. */
    void done(Batch b) {
        Arrays.fill(b.frames, 0, b.size, null);
        b.size = 0;
        if (!b.last) {
            free.offer(b);
        }
    }

    /**
     * The frame of record {@code i} of {@code b}, which came as bytes and which the media fast path declined (a new
     * flow, one to resolve again): decoded by the analysis's own decoder, as the reading thread's would have.
     */
    Frame decodeDeclined(Batch b, int i) {
        return declined.decode(new CaptureRecord(b.number[i], b.interfaceId[i], b.linkType[i], b.epochSeconds[i],
                b.nanos[i], b.timeDigits[i], b.capturedLength[i], b.originalLength[i],
                Arrays.copyOf(b.data[i], b.capturedLength[i]), b.fileOffset[i]));
    }

    /** The warnings of the decoder of declined media records (none: such records leave nothing for the end). */
    List<Anomaly> declinedWarnings() {
        return declined.finish();
    }

    /** Whether the reading thread still runs. */
    boolean reading() {
        return thread.isAlive();
    }

    /** Stops the reading thread, if it still runs, and waits for it. */
    @Override
    public void close() {
        closed = true;
        if (thread.isAlive()) {
            thread.interrupt();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
