/**
 * Media: what the RTP packets of a call say about its audio, and what they carry.
 *
 * <p>Owns per-stream statistics ({@link io.sipvista.media.RtpStreamStats}, frozen as
 * {@link io.sipvista.media.RtpStreamSummary}): RFC 3550 Appendix A.1 sequence accounting (extended numbers across the
 * 16-bit wrap, loss, duplicates, reordering, restarts after a jump, SSRC changes), Appendix A.8 interarrival jitter in
 * the clock of each payload type ({@link io.sipvista.media.ClockRates}: RFC 3551 static types, SDP rtpmap bindings,
 * "unknown" when neither says), loss bursts, packetization time, packets, loss and jitter per interval of capture
 * time ({@link io.sipvista.media.StreamSeries}, at most 600 intervals); and a listening-quality estimate
 * ({@link io.sipvista.media.EModel}: ITU-T G.107 R and MOS, codec values from G.113 Appendix I in
 * {@link io.sipvista.media.CodecImpairment}, every assumption returned as text in
 * {@link io.sipvista.media.QualityEstimate}). Folding a packet in allocates nothing: media is summarised, not kept.
 *
 * <p>Also owns DTMF key presses sent as RFC 4733 telephone events ({@link io.sipvista.media.TelephoneEvents} →
 * {@link io.sipvista.media.DtmfDigit}) or in SIP INFO bodies ({@link io.sipvista.media.SipInfoDtmf}), G.711 decoding
 * ({@link io.sipvista.media.G711}), the two directions of a call written as a stereo WAV file
 * ({@link io.sipvista.media.WavWriter}), and the {@code media.*} anomalies.
 *
 * <p>Takes RTP header fields, payload bytes, capture times and frame numbers from the caller; nothing here throws on
 * wire values, and state is per stream or per file and bounded, never per packet. May use {@code sip},
 * {@code sip.sdp}, {@code label}, {@code anomaly} and {@code bytes}; must not depend on {@code capture}, {@code net},
 * {@code frame}, {@code report}, {@code analysis}, {@code correlate} or {@code insight}.
 */
package io.sipvista.media;
