package io.sipvista.media;

/**
 * What the E-model must assume about mouth-to-ear delay, since one capture point sees neither the network delay nor
 * the receiver's jitter buffer: one-way delay = {@code networkMs} + jitter buffer + packetization time + codec
 * lookahead, the jitter buffer being {@code jitterBufferFactor} x the stream's highest jitter, bounded to
 * {@code minJitterBufferMs}..{@code maxJitterBufferMs} (a fixed buffer sized for the worst jitter seen).
 *
 * @param networkMs          assumed one-way network delay, milliseconds
 * @param jitterBufferFactor jitter buffer size as a multiple of the highest jitter seen
 * @param minJitterBufferMs  smallest jitter buffer, milliseconds
 * @param maxJitterBufferMs  largest jitter buffer, milliseconds
 */
public record DelayAssumptions(double networkMs, double jitterBufferFactor, double minJitterBufferMs,
                               double maxJitterBufferMs) {
    /** Checks the values; a programming error when they are not sane. */
    public DelayAssumptions {
        if (!(networkMs >= 0) || !(jitterBufferFactor >= 0) || !(minJitterBufferMs >= 0)
                || !(maxJitterBufferMs >= minJitterBufferMs)) {
            throw new IllegalArgumentException("delay assumptions must be non-negative and min <= max");
        }
    }

    /** 20 ms of network, a fixed jitter buffer of 2 x the highest jitter, bounded to 20..200 ms. */
    public static DelayAssumptions standard() {
        return new DelayAssumptions(20, 2, 20, 200);
    }

    /** The jitter buffer for a stream whose highest jitter was {@code maxJitterMs} (NaN or negative: the minimum). */
    public double jitterBufferMs(double maxJitterMs) {
        double want = maxJitterMs > 0 ? jitterBufferFactor * maxJitterMs : 0;
        return Math.max(minJitterBufferMs, Math.min(maxJitterBufferMs, want));
    }
}
