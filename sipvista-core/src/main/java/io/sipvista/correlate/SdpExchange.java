package io.sipvista.correlate;

import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

import java.util.List;

/**
 * One offer and its answer in a dialog (RFC 3264). The offer may be missing when only the answer was captured
 * (the transaction's request was not), the answer when none came; a failure response to the request that carried
 * the offer rejects it.
 *
 * @param transaction  index of the transaction whose request or response carried the offer
 * @param offerIn      which message carried the offer; null when not captured
 * @param offerFrame   its frame; 0 when not captured
 * @param offer        the offer; null when not captured
 * @param answerIn     which message carried the answer; null when none
 * @param answerFrame  its frame; 0 when none
 * @param answer       the answer; null when none
 * @param previewFrame the first unreliable 1xx that carried SDP before the answer (early media); 0 when none
 * @param preview      that SDP; null when none
 * @param rejected     the request that carried the offer got a non-2xx final response instead of an answer
 */
public record SdpExchange(int transaction, SdpCarrier offerIn, long offerFrame, Sdp offer, SdpCarrier answerIn,
                          long answerFrame, Sdp answer, long previewFrame, Sdp preview, boolean rejected) {
    public boolean answered() {
        return answer != null;
    }

    /**
     * The offer puts media on hold (RFC 3264 §8.4): a stream that is not rejected is sendonly, inactive or sent to
     * 0.0.0.0.
     */
    public boolean offerHolds() {
        return holds(offer);
    }

    /**
     * The answerer holds media on its own: an answer stream that is not rejected is held ({@link SdpMedia#held()})
     * where the offer's stream at that position was neither held nor recvonly. A sendonly answer to a recvonly
     * offer is agreement (one-way media, e.g. an announcement), not hold. Without a captured offer, any held
     * answer stream counts.
     */
    public boolean answerHolds() {
        if (answer == null) {
            return false;
        }
        if (offer == null) {
            return holds(answer);
        }
        List<SdpMedia> offered = offer.media();
        List<SdpMedia> answered = answer.media();
        for (int i = 0; i < answered.size(); i++) {
            SdpMedia a = answered.get(i);
            if (a.rejected() || !a.held()) {
                continue;
            }
            if (i >= offered.size()) {
                return true;
            }
            SdpMedia o = offered.get(i);
            if (!o.held() && !"recvonly".equals(o.effectiveDirection())) {
                return true;
            }
        }
        return false;
    }

    /** True when some stream of {@code sdp} that is not rejected is held ({@link SdpMedia#held()}). */
    public static boolean holds(Sdp sdp) {
        if (sdp == null) {
            return false;
        }
        for (SdpMedia m : sdp.media()) {
            if (!m.rejected() && m.held()) {
                return true;
            }
        }
        return false;
    }
}
