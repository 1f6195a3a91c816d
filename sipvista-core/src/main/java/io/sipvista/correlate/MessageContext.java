package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;

import java.util.List;

/**
 * What one message is in context, as {@link Correlator#accept} saw it when it arrived: its transaction, whether it
 * repeats an earlier message, its dialog and its role.
 *
 * @param frame            the event's frame
 * @param role             what the message is
 * @param transaction      index of its transaction in {@link Correlation#transactions()}; -1 when uncorrelatable
 * @param key              its transaction key; null when uncorrelatable
 * @param retransmissionOf the frame of the message this one repeats (same transaction, same request, or same
 *                         status, To tag and RSeq); 0 when it is not a retransmission
 * @param dialog           the dialog it belongs to, null when none (out-of-dialog requests, a 100 Trying, a
 *                         response without To tag, an ACK for a failure that made no dialog)
 * @param dialogState      the dialog's state just after this message; null when there is no dialog
 * @param uncorrelatable   why the message could not be placed; null when it was
 * @param anomalies        correlation anomalies found on this message ({@code correlate.*})
 */
public record MessageContext(long frame, MessageRole role, int transaction, TransactionKey key, long retransmissionOf,
                             DialogId dialog, DialogState dialogState, String uncorrelatable,
                             List<Anomaly> anomalies) {
    public MessageContext {
        anomalies = List.copyOf(anomalies);
    }

    /** True when the message repeats an earlier one and must not be counted again. */
    public boolean retransmission() {
        return retransmissionOf != 0;
    }

    /** True when the message was placed in a transaction. */
    public boolean correlated() {
        return uncorrelatable == null;
    }
}
