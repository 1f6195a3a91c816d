/**
 * SIP (RFC 3261) from bytes: recognising it ({@link io.sipvista.sip.SipDetector}), cutting datagrams and byte
 * streams into messages ({@link io.sipvista.sip.SipDatagramFramer}, {@link io.sipvista.sip.SipStreamFramer}), and
 * reading one message ({@link io.sipvista.sip.SipParser} gives a {@link io.sipvista.sip.SipMessage}).
 *
 * <p>Owns: the start line; header lines in wire order with compact forms and canonical names
 * ({@link io.sipvista.sip.HeaderNames}), folding, list values split outside quotes and {@code <...>}; Call-ID and
 * {@link io.sipvista.sip.CSeq}; Content-Length framing on datagrams and streams with the byte budgets of
 * {@link io.sipvista.sip.SipLimits}; the body and its {@code multipart/*} parts (RFC 2046), and the text of every
 * {@code application/sdp} part (handed on as text: reading SDP is not done here). Everything wrong on the wire is
 * a {@code sip.*} anomaly; nothing here throws on wire data, whatever the bytes.
 *
 * <p>Must not depend on: capture files, frames, link, network or transport decoding ({@code capture}, {@code net},
 * {@code frame}, ...), nor on correlation or reporting. This package takes bytes (and, for streams, a segment tag
 * chosen by the caller) and knows nothing of where they came from, so it can be tested and fuzzed alone. Only
 * {@code io.sipvista.anomaly} is used.
 */
package io.sipvista.sip;
