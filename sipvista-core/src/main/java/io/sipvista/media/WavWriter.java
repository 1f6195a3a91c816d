package io.sipvista.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes the two directions of a call as one stereo WAV file (RIFF/WAVE, PCM, 16-bit, 8000 Hz), one direction per
 * channel, lined up as they were heard at the capture point.
 *
 * <p>The timeline: position 0 is the arrival of the first packet of either direction; each direction starts at the
 * arrival of its own first packet, and each of its packets goes where its RTP timestamp says relative to that first
 * packet ({@code AudioTrack}). Lost packets leave silence; duplicates (same sequence number) are dropped; a packet
 * arriving out of order is put in its place if that place is less than {@code reorderWindowMs} behind the newest
 * arrival. A new SSRC, or a timestamp straying more than {@code jumpMs} from the arrival time, places the stream again
 * by arrival time. PCMU (payload type 0) and PCMA (8) are decoded ({@link G711}); every other payload type is written
 * as silence and named in the notes. When neither direction sent anything for longer than {@code maxGapMs}, the
 * pause is shortened to that; nothing is written past {@code maxDurationMs}. See {@link AudioLimits}.
 *
 * <p>Streaming: packets are given in capture order ({@link #accept}); the file is written up to
 * {@code reorderWindowMs} behind the newest arrival, so memory is a bounded buffer, never the call. The RIFF and
 * data sizes are written as zero first and set by {@link #finish()}, which is why the target is a
 * {@link SeekableByteChannel}. For a stream that cannot seek (standard output), {@link #write(OutputStream, Supplier,
 * Supplier, AudioLimits)} reads the packets twice: once to learn the length, once to write.
 *
 * <p>Nothing here throws on packet data; I/O errors of the target are passed on.
 */
public final class WavWriter {
    /** Samples per second of every file written. */
    public static final int SAMPLE_RATE = 8000;
    /** Bytes of the RIFF/WAVE header before the samples. */
    public static final int HEADER_BYTES = 44;
    private static final int MAX_PACKET_SAMPLES = 65_536;

    private final WritableByteChannel out;
    private final SeekableByteChannel seekable;
    private final long headerPosition;
    private final AudioLimits limits;
    private final long maxSamples;
    private final long knownSamples;
    private final long reorderSamples;
    private final long gapSamples;
    private final AudioTrack left;
    private final AudioTrack right;
    private final short[] leftRing;
    private final short[] rightRing;
    private final short[] decodeBuffer = new short[MAX_PACKET_SAMPLES];
    private final ByteBuffer frames = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);

    private boolean hasOrigin;
    private long originNanos;
    private long shift;
    private long frontier = Long.MIN_VALUE;
    private long flushed;
    private long end;
    private long removedSamples;
    private int gapsShortened;
    private boolean finished;
    private WavResult result;

    /**
     * A writer to {@code out} from its current position: the header is written now, with sizes set by
     * {@link #finish()}.
     */
    public WavWriter(SeekableByteChannel out, AudioLimits limits) throws IOException {
        this(out, out, limits, -1);
    }

    private WavWriter(WritableByteChannel out, SeekableByteChannel seekable, AudioLimits limits, long knownSamples)
            throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.seekable = seekable;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.knownSamples = knownSamples;
        this.maxSamples = knownSamples >= 0 ? Math.min(knownSamples, limits.maxSamples()) : limits.maxSamples();
        this.reorderSamples = AudioLimits.samples(limits.reorderWindowMs());
        this.gapSamples = AudioLimits.samples(limits.maxGapMs());
        long jumpSamples = AudioLimits.samples(limits.jumpMs());
        this.left = new AudioTrack(AudioChannel.LEFT, jumpSamples);
        this.right = new AudioTrack(AudioChannel.RIGHT, jumpSamples);
        int ring = (int) (reorderSamples + jumpSamples + 2L * SAMPLE_RATE + MAX_PACKET_SAMPLES);
        this.leftRing = new short[ring];
        this.rightRing = new short[ring];
        this.headerPosition = seekable == null ? 0 : seekable.position();
        if (knownSamples >= 0 || seekable != null) {
            writeFully(header(Math.max(knownSamples, 0)));
        }
    }

    /**
     * Writes both directions to {@code out}, the packets of each in capture order; the two are merged by arrival
     * time (on a tie, the left one first).
     */
    public static WavResult write(SeekableByteChannel out, Iterator<AudioPacket> left, Iterator<AudioPacket> right,
                                  AudioLimits limits) throws IOException {
        WavWriter w = new WavWriter(out, limits);
        w.acceptAll(left, right);
        return w.finish();
    }

    /**
     * Writes both directions to a stream that cannot seek: the packets are read twice (each supplier is called twice
     * and must give the same packets both times), first to learn the length for the header, then to write. Should
     * the second reading differ, the file still has the length its header states (cut, or padded with silence).
     */
    public static WavResult write(OutputStream out, Supplier<Iterator<AudioPacket>> left,
                                  Supplier<Iterator<AudioPacket>> right, AudioLimits limits) throws IOException {
        WavWriter measure = new WavWriter(new Discard(), null, limits, -1);
        measure.acceptAll(left.get(), right.get());
        long samples = measure.finish().samplesPerChannel();
        WavWriter w = new WavWriter(Channels.newChannel(out), null, limits, samples);
        w.acceptAll(left.get(), right.get());
        WavResult r = w.finish();
        out.flush();
        return r;
    }

    private void acceptAll(Iterator<AudioPacket> l, Iterator<AudioPacket> r) throws IOException {
        AudioPacket nextLeft = l.hasNext() ? l.next() : null;
        AudioPacket nextRight = r.hasNext() ? r.next() : null;
        while (nextLeft != null || nextRight != null) {
            if (nextRight == null || (nextLeft != null && nextLeft.arrivalNanos() <= nextRight.arrivalNanos())) {
                accept(AudioChannel.LEFT, nextLeft);
                nextLeft = l.hasNext() ? l.next() : null;
            } else {
                accept(AudioChannel.RIGHT, nextRight);
                nextRight = r.hasNext() ? r.next() : null;
            }
        }
    }

    /** Places one packet of one direction. Packets of both directions are given in capture (arrival) order. */
    public void accept(AudioChannel channel, AudioPacket packet) throws IOException {
        if (finished) {
            throw new IllegalStateException("accept after finish");
        }
        AudioTrack track = channel == AudioChannel.LEFT ? left : right;
        short[] ring = channel == AudioChannel.LEFT ? leftRing : rightRing;
        track.counted();
        if (!hasOrigin) {
            hasOrigin = true;
            originNanos = packet.arrivalNanos();
        }
        long arrival = arrivalPosition(packet.arrivalNanos());
        if (arrival > end + gapSamples && end > 0) {
            long cut = arrival - (end + gapSamples);
            shift += cut;
            arrival -= cut;
            removedSamples += cut;
            gapsShortened++;
            left.unanchor();
            right.unanchor();
        }
        frontier = Math.max(frontier, arrival);
        if (!AudioTrack.decodable(packet.payloadType())) {
            if (arrival >= maxSamples) {
                track.pastLimit();
            } else {
                end = Math.max(end, Math.min(track.skippedAt(packet.payloadType(), Math.max(arrival, 0)),
                        maxSamples));
            }
        } else {
            long pos = track.place(packet, arrival);
            if (pos != AudioTrack.DUPLICATE && pos != AudioTrack.TOO_LATE) {
                put(track, ring, packet, pos);
            }
        }
        flush(Math.min(frontier - reorderSamples, end));
    }

    private void put(AudioTrack track, short[] ring, AudioPacket packet, long pos) throws IOException {
        int n = Math.min(packet.payloadLength(), MAX_PACKET_SAMPLES);
        if (pos < flushed) {
            track.late();
            return;
        }
        if (pos >= maxSamples) {
            track.pastLimit();
            return;
        }
        if (pos + n > maxSamples) {
            track.pastLimit();
            n = (int) (maxSamples - pos);
        }
        packet.decodeInto(decodeBuffer, n);
        if (pos + n - flushed > ring.length) {
            flush(pos + n - ring.length); // make room: what is that far behind is final
        }
        for (int i = 0; i < n; i++) {
            ring[(int) ((pos + i) % ring.length)] = decodeBuffer[i];
        }
        track.decodedAt(pos, n);
        end = Math.max(end, pos + n);
    }

    /** Position on the timeline, in samples, of a capture time (clamped so that no arithmetic overflows). */
    private long arrivalPosition(long nanos) {
        long d = nanos - originNanos;
        if ((nanos ^ originNanos) < 0 && (d ^ nanos) < 0) {
            d = nanos < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; // the subtraction overflowed
        }
        long clamped = Math.max(-(1L << 50), Math.min(1L << 50, d));
        return Math.floorDiv(clamped * 8, 1_000_000L) - shift;
    }

    private void flush(long upTo) throws IOException {
        while (flushed < upTo) {
            int i = (int) (flushed % leftRing.length);
            frames.putShort(leftRing[i]).putShort(rightRing[i]);
            leftRing[i] = 0;
            rightRing[i] = 0;
            flushed++;
            if (!frames.hasRemaining()) {
                drain();
            }
        }
    }

    private void drain() throws IOException {
        frames.flip();
        writeFully(frames);
        frames.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /**
     * Writes what is left, sets the RIFF sizes (leaving the channel positioned after the data) and tells what was
     * written. Calling it again returns the same result.
     */
    public WavResult finish() throws IOException {
        if (finished) {
            return result;
        }
        finished = true;
        // two-pass writing: the header already states the length, keep to it
        long length = knownSamples >= 0 ? knownSamples : Math.min(end, maxSamples);
        flush(length);
        drain();
        if (seekable != null) {
            long after = seekable.position();
            seekable.position(headerPosition);
            writeFully(header(length));
            seekable.position(after);
        }
        List<String> notes = new ArrayList<>();
        notes.addAll(left.notes(limits));
        notes.addAll(right.notes(limits));
        if (gapsShortened > 0) {
            notes.add(AudioTrack.plural(gapsShortened, "pause") + " with no packets in either direction shortened to "
                    + AudioTrack.seconds(limits.maxGapMs()) + " ("
                    + AudioTrack.seconds(removedSamples * 1000 / SAMPLE_RATE) + " of silence left out)");
        }
        if (left.report().pastLimit() + right.report().pastLimit() > 0) {
            notes.add("the file stops at the longest duration of " + AudioTrack.seconds(limits.maxDurationMs()));
        }
        result = new WavResult(length, length * 1000 / SAMPLE_RATE, left.report(), right.report(), notes);
        return result;
    }

    /** The 44-byte header of a 16-bit stereo PCM file of {@code samples} frames at 8000 Hz. */
    static ByteBuffer header(long samples) {
        long data = samples * 4;
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + data)).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 2)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 4).putShort((short) 4).putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) data);
        return h.flip();
    }

    /** A channel that keeps nothing: the first of the two readings only measures. */
    private static final class Discard implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
