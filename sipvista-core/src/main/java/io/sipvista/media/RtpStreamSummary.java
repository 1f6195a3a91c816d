package io.sipvista.media;

/**
 * What {@link RtpStreamStats} measured on one RTP stream, frozen. Sequence accounting follows RFC 3550 Appendix A.1
 * and jitter Appendix A.8; {@link RtpStreamStats} documents every choice the RFC leaves open.
 *
 * @param packets                every packet given to the stream, strays included
 * @param bytes                  sum of the RTP payload lengths
 * @param expected               packets the sequence numbers say were sent (RFC 3550 A.3 {@code extended_max -
 *                               base_seq + 1}, summed over sequence restarts and SSRC changes)
 * @param received               packets counted against {@code expected} (RFC 3550 A.1: duplicates count, strays
 *                               don't)
 * @param lost                   {@code expected - received}; negative when duplicates outnumber losses, as RFC 3550
 *                               §6.4.1 allows
 * @param lossPercent            {@code lost * 100 / expected} (negative when {@code lost} is), 0 when nothing is
 *                               expected
 * @param duplicates             packets whose sequence number was already seen in the last 128
 * @param outOfOrder             packets that arrived after a higher sequence number and were not duplicates
 * @param sequenceJumps          restarts: a jump of more than MAX_DROPOUT (3000) ahead or MAX_MISORDER (100) behind
 *                               confirmed by the next packet (RFC 3550 A.1)
 * @param strayPackets           packets with a wild sequence number not confirmed by the next packet (not counted)
 * @param lossBursts             gaps in the sequence (runs of missing numbers) when first seen
 * @param maxLossBurst           the longest such run
 * @param burstRatio             G.107 BurstR from a two-state (Gilbert) model of those runs: 1 for random loss, above
 *                               1 for bursty loss, 1 when nothing was lost
 * @param ssrc                   the last SSRC seen (unsigned 32-bit)
 * @param ssrcChanges            times the SSRC differed from the packet before
 * @param lastSsrcChangeFrame    frame number of the last SSRC change, -1 when none
 * @param jitterSamples          packets that fed the jitter estimator
 * @param jitterClockRate        clock rate in Hz of the jitter estimate, 0 when no packet had a known clock rate
 * @param jitterTimestampUnits   the RFC 3550 interarrival jitter at the end, in timestamp units of
 *                               {@code jitterClockRate}
 * @param jitterMs               the same in milliseconds
 * @param maxJitterMs            the highest jitter estimate seen, in milliseconds
 * @param meanJitterMs           the mean of the jitter estimates after each packet that fed the estimator,
 *                               milliseconds (0 when none did)
 * @param unknownClockPackets    media packets left out of jitter and ptime because their clock rate is unknown
 * @param timestampJumps         RTP timestamp discontinuities (transit difference above 5 s) left out of jitter
 * @param maxDeltaMs             the longest arrival gap between consecutive packets, milliseconds, gaps before a
 *                               marker-bit packet (a new talkspurt) left out
 * @param meanDeltaMs            the mean of the same gaps, milliseconds (0 when there is none)
 * @param markers                packets with the marker bit set
 * @param payloadTypes           every payload type seen
 * @param dominantPayloadType    the media payload type seen most often (telephone-event and CN left out), -1 when none
 * @param ptimeMs                the most common packetization time in whole milliseconds, 0 when not measured
 * @param firstArrivalNanos      capture time of the first packet, nanoseconds
 * @param lastArrivalNanos       capture time of the last packet, nanoseconds
 * @param firstFrame             frame number of the first packet, -1 when none
 * @param lastFrame              frame number of the last packet, -1 when none
 */
public record RtpStreamSummary(long packets, long bytes, long expected, long received, long lost, double lossPercent,
                               long duplicates, long outOfOrder, int sequenceJumps, long strayPackets,
                               long lossBursts, long maxLossBurst, double burstRatio,
                               long ssrc, int ssrcChanges, long lastSsrcChangeFrame,
                               long jitterSamples, int jitterClockRate, double jitterTimestampUnits, double jitterMs,
                               double maxJitterMs, double meanJitterMs, long unknownClockPackets,
                               long timestampJumps,
                               double maxDeltaMs, double meanDeltaMs, long markers, PayloadTypeSet payloadTypes,
                               int dominantPayloadType, int ptimeMs, long firstArrivalNanos, long lastArrivalNanos,
                               long firstFrame, long lastFrame) {
    /** True when at least one packet fed the jitter estimator (else the jitter fields are 0 and mean nothing). */
    public boolean jitterKnown() {
        return jitterSamples > 0 && jitterClockRate > 0;
    }

    /** Duration from the first to the last packet, milliseconds. */
    public double durationMs() {
        return packets == 0 ? 0 : (lastArrivalNanos - firstArrivalNanos) / 1e6;
    }
}
