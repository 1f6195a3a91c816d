package io.sipvista.analysis;

import io.sipvista.media.DtmfDigit;
import io.sipvista.media.QualityEstimate;
import io.sipvista.media.StreamSeries;

import java.util.List;

/**
 * One RTP stream (one SSRC in one direction between two transport addresses) or, when no RTP stream of the same
 * SSRC takes it, one RTCP sender, as {@link MediaStreams} measured it and tied it to a call.
 *
 * @param call              the {@link io.sipvista.correlate.Call#id()} it belongs to; null when no call's SDP
 *                          announced it
 * @param callId            the SIP Call-ID of the leg whose SDP announced it; null when inferred
 * @param media             the SDP media type ({@code audio}, {@code video} ...); null when inferred
 * @param protocol          {@code rtp}, or {@code rtcp} for an RTCP sender with no RTP stream of its SSRC
 * @param inferred          true when no SDP in the capture announced either address: found by the RTP/RTCP
 *                          heuristic of the labeller only
 * @param src               sender {@code ip:port}
 * @param dst               receiver {@code ip:port}
 * @param sdpEndpoint       where the SDP said this direction's media goes ({@code ip:port}, the receiver's m=/c=);
 *                          null when inferred or the receiver's SDP was not seen
 * @param sdpFrame          the frame of the SDP the stream was matched with (the receiver's, else the sender's);
 *                          0 when inferred
 * @param ssrc              the SSRC (unsigned 32-bit)
 * @param payloadTypes      every payload type seen, ascending
 * @param codecs            what each of those payload types stands for ({@code PCMU/8000}, {@code
 *                          telephone-event/8000}, or {@code PT 99} when neither SDP nor RFC 3551 say)
 * @param codec             the name of the media payload type seen most often (telephone-event and CN left out);
 *                          null when none
 * @param packets           packets received
 * @param expected          packets the sequence numbers say were sent (RFC 3550 A.3)
 * @param lost              expected - received (negative when duplicates outnumber losses)
 * @param lossPercent       lost * 100 / expected
 * @param maxLossBurst      the most packets lost in a row (RFC 3550 sequence gaps)
 * @param duplicates        packets whose sequence number was already seen
 * @param outOfOrder        packets that arrived after a higher sequence number
 * @param sequenceJumps     sequence restarts (RFC 3550 A.1 MAX_DROPOUT / MAX_MISORDER)
 * @param jitterKnown       true when the interarrival jitter could be computed (a clock rate was known)
 * @param maxJitterMs       the highest RFC 3550 interarrival jitter estimate, milliseconds
 * @param meanJitterMs      the mean of the estimates, milliseconds
 * @param maxDeltaMs        the longest gap between consecutive packets (gaps before a marker-bit packet left out)
 * @param meanDeltaMs       the mean of those gaps
 * @param ptimeMs           the packetization time measured from the RTP timestamps, 0 when not measured
 * @param negotiatedPtimeMs the receiver's {@code a=ptime}, null when it gave none
 * @param firstFrame        frame of the first packet
 * @param lastFrame         frame of the last packet
 * @param firstTime         capture time of the first packet (ISO-8601 UTC)
 * @param lastTime          capture time of the last packet
 * @param quality           the G.107 E-model estimate with its assumptions; null for video and streams with no
 *                          audio codec known
 * @param dtmf              RFC 4733 digits of the telephone-event payload type the receiver negotiated
 * @param rtcpPackets       RTCP packets its SSRC sent (RTCP on port+1, {@code a=rtcp}, or muxed)
 * @param clockRate         the RTP clock rate of its jitter estimate, Hz; 0 when unknown
 * @param rtcpReports       RTCP SR/RR report blocks about this SSRC (RFC 3550 §6.4), sent by its receiver
 * @param reportedLost      the cumulative number of packets lost in the last of those blocks; null when none
 * @param xr                  the last RTCP XR VoIP Metrics block (RFC 3611 §4.7) its receiver sent about it; null
 *                            when none was captured
 * @param reportedJitterMaxMs the highest interarrival jitter those blocks reported, milliseconds (by
 *                          {@code clockRate}); null when none or the clock rate is unknown
 * @param problems          what did not match the SDP, one entry per kind
 * @param series            packets, loss and jitter per interval of capture time ({@link StreamSeries}); null for an
 *                          RTCP sender with no RTP stream
 */
public record MediaStream(String call, String callId, String media, String protocol, boolean inferred, String src,
                          String dst, String sdpEndpoint, long sdpFrame, long ssrc, List<Integer> payloadTypes,
                          List<String> codecs, String codec, long packets, long expected, long lost,
                          double lossPercent, long maxLossBurst, long duplicates, long outOfOrder, int sequenceJumps,
                          boolean jitterKnown, double maxJitterMs, double meanJitterMs, double maxDeltaMs,
                          double meanDeltaMs, int ptimeMs, Integer negotiatedPtimeMs, long firstFrame,
                          long lastFrame, String firstTime, String lastTime, QualityEstimate quality,
                          List<DtmfDigit> dtmf, long rtcpPackets, int clockRate, long rtcpReports,
                          Long reportedLost, Double reportedJitterMaxMs, XrVoipMetrics xr, List<Problem> problems,
                          StreamSeries series) {
    /** Problem kind: RTP sent towards a side whose SDP said sendonly or inactive, or by a side that said recvonly. */
    public static final String HOLD = "hold";
    /** Problem kind: a payload type the receiver did not list. */
    public static final String PAYLOAD_TYPE = "payload-type";
    /** Problem kind: RFC 4733 events under a payload type other than the receiver's telephone-event. */
    public static final String DTMF_PAYLOAD_TYPE = "dtmf-payload-type";
    /** Problem kind: the source address differs from the sender's SDP, or the destination from the receiver's. */
    public static final String ADDRESS = "address";
    /** Problem kind: the flow switched to this SSRC with no SDP since the previous SSRC started. */
    public static final String SSRC_CHANGE = "ssrc-change";

    /**
     * One way a stream differs from what the SDP agreed.
     *
     * @param kind     {@link #HOLD}, {@link #PAYLOAD_TYPE}, {@link #DTMF_PAYLOAD_TYPE}, {@link #ADDRESS} or
     *                 {@link #SSRC_CHANGE}
     * @param packets  packets that showed it (1 for an SSRC change)
     * @param frame    the first packet that showed it
     * @param sdpFrame the frame of the SDP it contradicts (for an SSRC change: the last packet of the previous SSRC)
     * @param detail   what exactly, in words (the payload types, the address expected, the SSRC before)
     */
    public record Problem(String kind, long packets, long frame, long sdpFrame, String detail) {
    }

    public MediaStream {
        payloadTypes = List.copyOf(payloadTypes);
        codecs = List.copyOf(codecs);
        dtmf = List.copyOf(dtmf);
        problems = List.copyOf(problems);
    }

    /** A stream with no {@link #series()} (null): an RTCP-only sender, or one put together by hand. */
    public MediaStream(String call, String callId, String media, String protocol, boolean inferred, String src,
                       String dst, String sdpEndpoint, long sdpFrame, long ssrc, List<Integer> payloadTypes,
                       List<String> codecs, String codec, long packets, long expected, long lost,
                       double lossPercent, long maxLossBurst, long duplicates, long outOfOrder, int sequenceJumps,
                       boolean jitterKnown, double maxJitterMs, double meanJitterMs, double maxDeltaMs,
                       double meanDeltaMs, int ptimeMs, Integer negotiatedPtimeMs, long firstFrame,
                       long lastFrame, String firstTime, String lastTime, QualityEstimate quality,
                       List<DtmfDigit> dtmf, long rtcpPackets, int clockRate, long rtcpReports,
                       Long reportedLost, Double reportedJitterMaxMs, XrVoipMetrics xr, List<Problem> problems) {
        this(call, callId, media, protocol, inferred, src, dst, sdpEndpoint, sdpFrame, ssrc, payloadTypes, codecs,
                codec, packets, expected, lost, lossPercent, maxLossBurst, duplicates, outOfOrder, sequenceJumps,
                jitterKnown, maxJitterMs, meanJitterMs, maxDeltaMs, meanDeltaMs, ptimeMs, negotiatedPtimeMs,
                firstFrame, lastFrame, firstTime, lastTime, quality, dtmf, rtcpPackets, clockRate, rtcpReports,
                reportedLost, reportedJitterMaxMs, xr, problems, null);
    }

    /**
     * An RTCP XR VoIP Metrics report block (RFC 3611 §4.7): what the receiving end system measured itself. Each value
     * is null when the block says it is unavailable (127 for R and MOS, 0 where the RFC has no such code).
     *
     * @param reports        XR VoIP Metrics blocks received about the stream
     * @param lossPercent    packets lost in the network, percent
     * @param discardPercent packets discarded by the jitter buffer (late or early), percent
     * @param roundTripMs    round-trip delay, ms
     * @param endSystemMs    end-system delay (coding, jitter buffer, playout), ms
     * @param rFactor        the receiver's R factor, 0-100
     * @param mosLq          the receiver's listening-quality MOS, 1.0-5.0
     * @param mosCq          the receiver's conversational-quality MOS, 1.0-5.0
     */
    public record XrVoipMetrics(long reports, double lossPercent, double discardPercent, Integer roundTripMs,
                                Integer endSystemMs, Integer rFactor, Double mosLq, Double mosCq) {
    }

    /** This stream with the receiver's last XR VoIP Metrics block about it. */
    MediaStream withXr(XrVoipMetrics metrics) {
        return new MediaStream(call, callId, media, protocol, inferred, src, dst, sdpEndpoint, sdpFrame, ssrc,
                payloadTypes, codecs, codec, packets, expected, lost, lossPercent, maxLossBurst, duplicates, outOfOrder,
                sequenceJumps, jitterKnown, maxJitterMs, meanJitterMs, maxDeltaMs, meanDeltaMs, ptimeMs,
                negotiatedPtimeMs, firstFrame, lastFrame, firstTime, lastTime, quality, dtmf, rtcpPackets,
                clockRate, rtcpReports, reportedLost, reportedJitterMaxMs, metrics, problems, series);
    }

    /** This stream, said to belong to {@code call}. */
    public MediaStream withCall(String newCall) {
        return new MediaStream(newCall, callId, media, protocol, inferred, src, dst, sdpEndpoint, sdpFrame, ssrc,
                payloadTypes, codecs, codec, packets, expected, lost, lossPercent, maxLossBurst, duplicates, outOfOrder,
                sequenceJumps, jitterKnown, maxJitterMs, meanJitterMs, maxDeltaMs, meanDeltaMs, ptimeMs,
                negotiatedPtimeMs, firstFrame, lastFrame, firstTime, lastTime, quality, dtmf, rtcpPackets, clockRate,
                rtcpReports, reportedLost, reportedJitterMaxMs, xr, problems, series);
    }

    /** This stream with the RTCP packets of its SSRC counted. */
    MediaStream withRtcp(long rtcp) {
        return new MediaStream(call, callId, media, protocol, inferred, src, dst, sdpEndpoint, sdpFrame, ssrc,
                payloadTypes, codecs, codec, packets, expected, lost, lossPercent, maxLossBurst, duplicates, outOfOrder,
                sequenceJumps, jitterKnown, maxJitterMs, meanJitterMs, maxDeltaMs, meanDeltaMs, ptimeMs,
                negotiatedPtimeMs, firstFrame, lastFrame, firstTime, lastTime, quality, dtmf, rtcpPackets + rtcp,
                clockRate, rtcpReports, reportedLost, reportedJitterMaxMs, xr, problems, series);
    }

    /** This stream with what its receiver's RTCP reports said about it. */
    MediaStream withReports(long reportCount, Long lastReportedLost, Double reportedJitterMs) {
        return new MediaStream(call, callId, media, protocol, inferred, src, dst, sdpEndpoint, sdpFrame, ssrc,
                payloadTypes, codecs, codec, packets, expected, lost, lossPercent, maxLossBurst, duplicates, outOfOrder,
                sequenceJumps, jitterKnown, maxJitterMs, meanJitterMs, maxDeltaMs, meanDeltaMs, ptimeMs,
                negotiatedPtimeMs, firstFrame, lastFrame, firstTime, lastTime, quality, dtmf, rtcpPackets,
                clockRate, rtcpReports + reportCount, lastReportedLost, reportedJitterMs, xr, problems, series);
    }

    /** True for an RTP stream (false for an RTCP-only sender). */
    public boolean rtp() {
        return "rtp".equals(protocol);
    }

    /** The problem of this kind, or null. */
    public Problem problem(String kind) {
        for (Problem p : problems) {
            if (p.kind().equals(kind)) {
                return p;
            }
        }
        return null;
    }
}
