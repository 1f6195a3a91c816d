package io.sipvista.correlate;

import java.util.List;
import java.util.Objects;

/**
 * One dialog (RFC 3261 §12): its identity, how it began and ended, its transactions and its offer/answer history.
 *
 * @param id                 the dialog id, direction fixed (see {@link DialogId})
 * @param method             the method that created it (INVITE, SUBSCRIBE, REFER), or of its first message when
 *                           it began before the capture
 * @param initialRequestSeen the request that created it was captured
 * @param initialTransaction index of that request's transaction, -1 when unknown
 * @param localUri           the initiator's URI (From of the creating request); null when unknown
 * @param remoteUri          the other side's URI (To of the creating request); null when unknown
 * @param firstFrame         the frame of the creating request, else of its first message
 * @param earlyFrame         the 1xx that created it early; 0 when it was never early
 * @param confirmedFrame     the 2xx that confirmed it; 0 when never confirmed (or confirmed before the capture)
 * @param terminatedFrame    the message that ended it; 0 when it did not end in the capture
 * @param state              its state at the end of the capture
 * @param termination        how it ended; null when it did not
 * @param transactions       indices of its transactions in order (the creating one first when seen)
 * @param offerAnswer        its offer/answer exchanges in order of offer
 */
public record Dialog(DialogId id, String method, boolean initialRequestSeen, int initialTransaction, String localUri,
                     String remoteUri, long firstFrame, long earlyFrame, long confirmedFrame, long terminatedFrame,
                     DialogState state, Termination termination, List<Integer> transactions,
                     List<SdpExchange> offerAnswer) {
    public Dialog {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        transactions = List.copyOf(transactions);
        offerAnswer = List.copyOf(offerAnswer);
    }

    /** Media is on hold at the end: the last answered exchange's offer or answer holds it. */
    public boolean heldAtEnd() {
        for (int i = offerAnswer.size() - 1; i >= 0; i--) {
            SdpExchange x = offerAnswer.get(i);
            if (x.answered()) {
                return x.offerHolds() || x.answerHolds();
            }
        }
        return false;
    }
}
