/**
 * What the media of a call carries, from RTP payloads and SIP bodies: DTMF key presses sent as RFC 4733 telephone
 * events ({@link io.sipvista.media.TelephoneEvents} → {@link io.sipvista.media.DtmfDigit}) or in SIP INFO bodies
 * ({@link io.sipvista.media.SipInfoDtmf}), G.711 decoding ({@link io.sipvista.media.G711}), and the two directions of
 * a call written as a stereo WAV file ({@link io.sipvista.media.WavWriter}, {@code AudioTrack}).
 *
 * <p>Owns: the {@code media.*} anomalies. Decoders never throw on wire data; state is per stream or per file and
 * bounded (the open telephone event; the WAV writer's reorder buffer), never per packet.
 *
 * <p>Must not depend on: {@code capture}, {@code net}, {@code frame}, {@code report}, {@code analysis},
 * {@code correlate} or {@code insight}. Callers pass RTP fields and payload bytes; {@code sip}, {@code sip.sdp},
 * {@code label}, {@code anomaly} and {@code bytes} may be used.
 */
package io.sipvista.media;
