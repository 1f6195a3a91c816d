package io.sipvista.media;

/**
 * The bounds {@link WavWriter} keeps to, so that no capture, however hostile, can make it write a huge file or hold
 * much memory.
 *
 * @param maxDurationMs   longest file written, in milliseconds of audio per channel; audio past it is dropped and
 *                        counted (at most 37 hours, the most a RIFF size field can describe at 8 kHz stereo)
 * @param maxGapMs        longest stretch of silence one pause of both directions may add: when no packet of either
 *                        direction arrived for longer, the pause is shortened to this and noted
 * @param reorderWindowMs how long a packet may arrive after its place on the timeline and still be put there;
 *                        later packets are dropped and counted. This is also how far behind the newest packet the
 *                        file is written, so it bounds the memory held
 * @param jumpMs          how far an RTP timestamp may run ahead of or behind the arrival time before the stream is
 *                        placed again by arrival time (a sender restarting its timestamps, a stalled network)
 */
public record AudioLimits(long maxDurationMs, int maxGapMs, int reorderWindowMs, int jumpMs) {
    /** 37 hours: 4 bytes per stereo frame at 8000 Hz stays under the RIFF size limit of 4 GiB. */
    public static final long LONGEST_MS = 37L * 3600 * 1000;

    public AudioLimits {
        if (maxDurationMs < 0 || maxDurationMs > LONGEST_MS) {
            throw new IllegalArgumentException("maxDurationMs out of 0-" + LONGEST_MS + ": " + maxDurationMs);
        }
        if (maxGapMs < 0 || reorderWindowMs < 0 || jumpMs < 0) {
            throw new IllegalArgumentException("negative limit: gap " + maxGapMs + ", reorder " + reorderWindowMs
                    + ", jump " + jumpMs);
        }
        if (maxGapMs > 3_600_000 || reorderWindowMs > 60_000 || jumpMs > 600_000) {
            throw new IllegalArgumentException("limit too large: gap " + maxGapMs + ", reorder " + reorderWindowMs
                    + ", jump " + jumpMs);
        }
    }

    /** One hour at most, pauses shortened to 10 s, packets taken up to 500 ms late, timestamps trusted within 2 s. */
    public static AudioLimits defaults() {
        return new AudioLimits(3_600_000, 10_000, 500, 2_000);
    }

    /** The same limits with another longest duration. */
    public AudioLimits withMaxDurationMs(long ms) {
        return new AudioLimits(ms, maxGapMs, reorderWindowMs, jumpMs);
    }

    long maxSamples() {
        return maxDurationMs * WavWriter.SAMPLE_RATE / 1000;
    }

    static long samples(long ms) {
        return ms * WavWriter.SAMPLE_RATE / 1000;
    }
}
