/**
 * SIP correlation the RFC way: which messages form a transaction, which transactions form a dialog, and what each
 * dialog negotiated; registrations and subscriptions on top. Built from parsed messages alone, in capture order.
 *
 * <p>Owns:
 * <ul>
 *   <li>transactions ({@link io.sipvista.correlate.Transaction}): matched by top Via branch, sent-by and method
 *       (RFC 3261 §17.1.3, §17.2.3), with the RFC 2543 fallback for branches without {@code z9hG4bK}; an ACK for a
 *       non-2xx joins its INVITE transaction, an ACK for a 2xx is its own, a CANCEL is its own with the INVITE's
 *       branch; retransmissions of requests, ACKs and responses recognised and never counted twice; a request
 *       relayed by a proxy seen on both sides kept as a second transaction linked to the first; response times in
 *       capture time;</li>
 *   <li>dialogs ({@link io.sipvista.correlate.Dialog}, RFC 3261 §12): Call-ID and both tags with the direction
 *       fixed; early, confirmed, terminated (BYE, non-2xx to the initial INVITE, 487 after CANCEL, 481/408, last
 *       subscription ended); forking; re-INVITE, UPDATE, PRACK linked to its reliable provisional (RFC 3262);</li>
 *   <li>offer/answer per dialog ({@link io.sipvista.correlate.SdpExchange}, RFC 3264, RFC 6337) and hold;</li>
 *   <li>registrations per address-of-record ({@link io.sipvista.correlate.Registration}) and subscriptions per
 *       dialog and event package ({@link io.sipvista.correlate.Subscription}, RFC 6665, RFC 3515);</li>
 *   <li>calls ({@link io.sipvista.correlate.CallAssembler}): INVITE dialogs grouped into legs per Call-ID and legs
 *       through B2BUAs tied by correlation headers, transfers, or number, timing, path and media matching; outcome,
 *       times, hang-up side and codec per call.</li>
 * </ul>
 * {@link io.sipvista.correlate.Correlator} is the entry point: {@code accept} each
 * {@link io.sipvista.correlate.SipEvent}, get its {@link io.sipvista.correlate.MessageContext}, then
 * {@code finish()} for the {@link io.sipvista.correlate.Correlation}. Problems are {@code correlate.*} anomalies;
 * nothing here throws on wire data.
 *
 * <p>Uses only {@code io.sipvista.sip}, {@code io.sipvista.sip.sdp} and {@code io.sipvista.anomaly}. Must not depend
 * on capture files, link/network/transport decoding, frames, labels or reporting ({@code capture}, {@code net},
 * {@code frame}, {@code label}, {@code report}): the caller turns frames into events. Media streams and explanations are built
 * on top of this package, not in it.
 */
package io.sipvista.correlate;
