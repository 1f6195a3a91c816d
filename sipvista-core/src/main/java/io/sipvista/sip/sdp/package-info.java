/**
 * SDP from text: {@link io.sipvista.sip.sdp.SdpParser} reads one session description (RFC 8866/4566) into an
 * {@link io.sipvista.sip.sdp.Sdp} with its {@link io.sipvista.sip.sdp.SdpMedia} sections.
 *
 * <p>Owns: the line grammar (every line kept, as written, with its number); session-level origin, name,
 * connection, bandwidths and attributes; per media section the m= line, connection, rtpmap/fmtp, ptime, RFC 3264
 * direction and hold, RFC 3605 rtcp, RFC 5761 rtcp-mux, RFC 4568 crypto, RFC 8839 ICE candidates, RFC 4585
 * rtcp-fb; codec names from rtpmap or the RFC 3551 static table; and every irregularity as a named {@code sdp.*}
 * anomaly (wording in {@code anomalies.tsv}). Key material is kept but only ever shown redacted.
 *
 * <p>Must not depend on: anything but {@code io.sipvista.anomaly} and the JDK. It knows nothing of SIP messages,
 * bodies, multipart, packets or captures: the caller hands it the body text or bytes. Offer/answer matching and
 * binding RTP streams to media sections belong to correlation, which reads these values.
 */
package io.sipvista.sip.sdp;
