package io.sipvista.correlate;

import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

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

    /** The offer puts media on hold: a stream that is not rejected is sendonly, inactive or sent to 0.0.0.0. */
    public boolean offerHolds() {
        return holds(offer);
    }

    /** The answer puts media on hold (same test as {@link #offerHolds()}). */
    public boolean answerHolds() {
        return holds(answer);
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
