package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.sdp.Sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The offer/answer history of one dialog (RFC 3264), following where RFC 3261 §13.2.1, RFC 3262 §5, RFC 3311 and
 * RFC 6337 §2 allow offers and answers: INVITE then 2xx or reliable 1xx; 2xx then ACK (delayed offer); reliable
 * 1xx then PRACK; PRACK then its 2xx; UPDATE then its 2xx; the same within a re-INVITE.
 */
final class Negotiation {
    /** What message is to carry the answer. */
    private enum Expect { RESPONSE, ACK, PRACK }

    private static final class Exchange {
        final int transaction;
        final Expect expect;
        final SdpCarrier offerIn;
        final long offerFrame;
        final Sdp offer;
        SdpCarrier answerIn;
        long answerFrame;
        Sdp answer;
        long previewFrame;
        Sdp preview;
        boolean rejected;

        Exchange(int transaction, Expect expect, SdpCarrier offerIn, long offerFrame, Sdp offer) {
            this.transaction = transaction;
            this.expect = expect;
            this.offerIn = offerIn;
            this.offerFrame = offerFrame;
            this.offer = offer;
        }

        boolean open() {
            return answer == null && !rejected;
        }

        void answer(SdpCarrier in, long frame, Sdp sdp) {
            answerIn = in;
            answerFrame = frame;
            answer = sdp;
        }

        SdpExchange build() {
            return new SdpExchange(transaction, offerIn, offerFrame, offer, answerIn, answerFrame, answer,
                    previewFrame, preview, rejected);
        }
    }

    private final List<Exchange> exchanges = new ArrayList<>(1);

    /** The initial INVITE's offer, once a response has made this dialog. */
    void initialOffer(TransactionBuilder invite) {
        if (invite.offer != null && forTransaction(invite.index) == null) {
            exchanges.add(new Exchange(invite.index, Expect.RESPONSE, SdpCarrier.INVITE, invite.offerFrame,
                    invite.offer));
        }
    }

    /** A new request in the dialog. */
    void request(MessageFacts f, TransactionBuilder t, List<Anomaly> anomalies) {
        Sdp sdp = f.sdp();
        if (sdp == null || t.upstream != null) {
            return; // a relayed copy carries what the first hop already carried
        }
        switch (f.method) {
            case "INVITE" -> exchanges.add(new Exchange(t.index, Expect.RESPONSE,
                    f.toTag == null ? SdpCarrier.INVITE : SdpCarrier.REINVITE, f.frame, sdp));
            case "UPDATE" -> exchanges.add(new Exchange(t.index, Expect.RESPONSE, SdpCarrier.UPDATE, f.frame, sdp));
            case "PRACK" -> {
                Exchange x = awaiting(Expect.PRACK, t.acknowledgedInvite == null ? -1
                        : t.acknowledgedInvite.root().index);
                if (x != null) {
                    x.answer(SdpCarrier.PRACK, f.frame, sdp);
                } else {
                    exchanges.add(new Exchange(t.index, Expect.RESPONSE, SdpCarrier.PRACK, f.frame, sdp));
                }
            }
            case "ACK" -> {
                if (!"ACK".equals(t.method)) {
                    return; // an ACK for a failure response closes no offer/answer
                }
                int invite = t.acknowledgedInvite == null ? -1 : t.acknowledgedInvite.root().index;
                Exchange x = awaiting(Expect.ACK, invite);
                if (x != null) {
                    x.answer(SdpCarrier.ACK, f.frame, sdp);
                } else {
                    anomalies.add(Anomaly.of("correlate.sdp.unexpected",
                            "ACK carries SDP but the 2xx it acknowledges made no offer"));
                }
            }
            default -> {
                // SDP in other requests (INFO, MESSAGE...) is not offer/answer
            }
        }
    }

    /** A new response (not a retransmission) of a transaction in the dialog. */
    void response(MessageFacts f, TransactionBuilder hop, List<Anomaly> anomalies) {
        // every hop of a relayed request shares one exchange, under the first hop's transaction
        TransactionBuilder t = hop.root();
        Exchange x = forTransaction(t.index);
        if (f.status >= 300) {
            if (x != null && x.expect == Expect.RESPONSE && x.open()) {
                x.rejected = true;
            }
            return;
        }
        Sdp sdp = f.sdp();
        if (sdp == null) {
            return;
        }
        boolean reliable = f.status >= 200 || f.rseq > 0;
        if (x != null) {
            if (x.expect == Expect.RESPONSE && x.open()) {
                if (reliable) {
                    x.answer(answerCarrier(t.method, f), f.frame, sdp);
                } else if (x.preview == null) {
                    x.previewFrame = f.frame;
                    x.preview = sdp;
                }
            }
            // otherwise the SDP repeats what this transaction already exchanged (RFC 6337 §3.1)
            return;
        }
        if ("INVITE".equals(t.method)) {
            if (!t.requestSeen()) {
                Exchange unseen = new Exchange(t.index, Expect.RESPONSE, null, 0, null);
                if (reliable) {
                    unseen.answer(answerCarrier(t.method, f), f.frame, sdp);
                } else {
                    unseen.previewFrame = f.frame;
                    unseen.preview = sdp;
                }
                exchanges.add(unseen);
            } else if (reliable) {
                boolean final2xx = f.status >= 200;
                exchanges.add(new Exchange(t.index, final2xx ? Expect.ACK : Expect.PRACK,
                        final2xx ? SdpCarrier.INVITE_2XX : SdpCarrier.RELIABLE_PROVISIONAL, f.frame, sdp));
            }
            return;
        }
        if (f.status >= 200 && t.requestSeen() && ("UPDATE".equals(t.method) || "PRACK".equals(t.method))) {
            anomalies.add(Anomaly.of("correlate.sdp.unexpected", f.status + " to " + t.method
                    + " carries SDP but the " + t.method + " made no offer"));
        }
    }

    private static SdpCarrier answerCarrier(String method, MessageFacts f) {
        return switch (method) {
            case "UPDATE" -> SdpCarrier.UPDATE_2XX;
            case "PRACK" -> SdpCarrier.PRACK_2XX;
            default -> f.status >= 200 ? SdpCarrier.INVITE_2XX : SdpCarrier.RELIABLE_PROVISIONAL;
        };
    }

    private Exchange forTransaction(int transaction) {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            if (exchanges.get(i).transaction == transaction) {
                return exchanges.get(i);
            }
        }
        return null;
    }

    /** The latest open exchange whose answer is due in an ACK or PRACK (of that INVITE, when known). */
    private Exchange awaiting(Expect what, int invite) {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            Exchange x = exchanges.get(i);
            if (x.expect == what && x.open() && (invite < 0 || x.transaction == invite)) {
                return x;
            }
        }
        return null;
    }

    List<SdpExchange> build() {
        List<SdpExchange> out = new ArrayList<>(exchanges.size());
        for (Exchange x : exchanges) {
            out.add(x.build());
        }
        return out;
    }
}
