/**
 * Per-message explanations: one plain line per SIP message saying what this capture shows it doing, read from the
 * correlated model (transactions, dialogs, offer/answer, registrations, subscriptions), never from the status code
 * alone.
 *
 * <p>Owns:
 * <ul>
 *   <li>the wording catalog ({@link io.sipvista.insight.InsightCatalog}, {@code insights.tsv}: id and template
 *       with named placeholders) and its lookup order, from the most specific context to the most general:
 *       (CSeq method, status, qualifier for role or dialog state), (CSeq method, status), (status), (CSeq method,
 *       status class), (status class); an entry that names a method is reachable only from that method;</li>
 *   <li>detection ({@link io.sipvista.insight.MessageExplainer}): which qualifier and which values apply to a
 *       message in its transaction and dialog (the frame it answers, the delay, granted and asked expiries, the SDP
 *       answer, hold and resume, the event package and subscription state, the retry of a challenge);</li>
 *   <li>findings ({@link io.sipvista.insight.FindingDetector}, wording, severity, RFC reference and remedy in
 *       {@code findings.tsv} via {@link io.sipvista.insight.FindingCatalog}): call- and capture-level diagnosis, each
 *       {@link io.sipvista.insight.Finding} with its evidence frames; a clean call yields none.</li>
 * </ul>
 * Wording is data, detection is code.
 *
 * <p>Uses {@code io.sipvista.correlate}, {@code io.sipvista.sip}, {@code io.sipvista.sip.sdp} and
 * {@code io.sipvista.anomaly}. Must not depend on capture files, link/network/transport decoding, frames, labels
 * or reporting ({@code capture}, {@code net}, {@code frame}, {@code label}, {@code report}): the caller turns
 * frames into {@link io.sipvista.correlate.SipEvent}s and shows the insights.
 */
package io.sipvista.insight;
