package io.sipvista.correlate;

import java.util.List;

/**
 * One subscription (RFC 6665, and the implicit one of a REFER, RFC 3515): its event package, what its SUBSCRIBE
 * asked and got, its refreshes and every NOTIFY with the state it reported.
 *
 * @param dialog               its dialog; null when none was made (the SUBSCRIBE failed, or got no answer)
 * @param event                the event package, lower case ({@code presence}, {@code call-info},
 *                             {@code line-seize}, {@code refer}...); empty when the message had no Event
 * @param eventId              the Event {@code id} parameter (for REFER, the REFER's CSeq number); null when none
 * @param firstFrame           the SUBSCRIBE (or REFER), else the first NOTIFY
 * @param subscribeTransaction index of the creating SUBSCRIBE or REFER transaction; -1 when not captured
 * @param requestedExpires     the creating SUBSCRIBE's Expires; null when absent or not captured
 * @param grantedExpires       the Expires of its 2xx; null when absent
 * @param subscribeStatus      the final status of the creating SUBSCRIBE; 0 when none was seen
 * @param notifyBeforeResponse a NOTIFY arrived before the SUBSCRIBE's final response (allowed, RFC 6665 §4.1.2.4)
 * @param refreshes            SUBSCRIBEs within the dialog (an Expires of 0 unsubscribes)
 * @param notifies             the NOTIFYs in order
 * @param state                the state at the end of the capture
 * @param reason               the reason of a {@code terminated} Subscription-State; null otherwise
 * @param terminatedFrame      the message that ended it; 0 when it did not end
 * @param callId               the Call-ID of its messages (also when no dialog was made, e.g. a refused SUBSCRIBE)
 */
public record Subscription(DialogId dialog, String event, String eventId, long firstFrame, int subscribeTransaction,
                           Integer requestedExpires, Integer grantedExpires, int subscribeStatus,
                           boolean notifyBeforeResponse, List<Refresh> refreshes, List<Notify> notifies, State state,
                           String reason, long terminatedFrame, String callId) {
    public Subscription {
        refreshes = List.copyOf(refreshes);
        notifies = List.copyOf(notifies);
    }

    /** A subscription's state (RFC 6665 §4.1.2, Subscription-State). */
    public enum State {
        /** Subscribed; no NOTIFY yet. */
        REQUESTED,
        /** {@code pending}: awaiting authorisation. */
        PENDING,
        /** {@code active}. */
        ACTIVE,
        /** {@code terminated}, a failed SUBSCRIBE, or a 481 to a NOTIFY or refresh. */
        TERMINATED
    }

    /**
     * A SUBSCRIBE within the dialog.
     *
     * @param transaction      its transaction index
     * @param frame            its first frame
     * @param requestedExpires its Expires; null when absent
     * @param status           its final status; 0 when none
     * @param grantedExpires   the Expires of its 2xx; null when absent
     */
    public record Refresh(int transaction, long frame, Integer requestedExpires, int status, Integer grantedExpires) {
        /** Expires 0: the subscriber ends the subscription (RFC 6665 §4.1.2.3). */
        public boolean unsubscribe() {
            return requestedExpires != null && requestedExpires == 0;
        }
    }

    /**
     * One NOTIFY.
     *
     * @param transaction its transaction index
     * @param frame       its first frame
     * @param state       the Subscription-State value, lower case ({@code active}, {@code pending},
     *                    {@code terminated}); null when absent
     * @param reason      its {@code reason} parameter; null when none
     * @param expires     its {@code expires} parameter; null when none
     * @param status      the final status of its response; 0 when none was seen
     */
    public record Notify(int transaction, long frame, String state, String reason, Integer expires, int status) {
    }
}
