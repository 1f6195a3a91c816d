package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.List;

/** One subscription while the capture is read: mutable, owned by {@link SubscriptionTracker}. */
final class SubscriptionBuilder {
    static final class RefreshBuilder {
        final TransactionBuilder transaction;
        final long frame;
        final Integer requestedExpires;
        Integer grantedExpires;

        RefreshBuilder(TransactionBuilder transaction, long frame, Integer requestedExpires) {
            this.transaction = transaction;
            this.frame = frame;
            this.requestedExpires = requestedExpires;
        }
    }

    record NotifyEntry(TransactionBuilder transaction, long frame, String state, String reason, Integer expires) {
    }

    final int creation;
    final String event;
    final String eventId;
    final long firstFrame;
    final TransactionBuilder subscribe;
    final Integer requestedExpires;
    final String callId;
    final String subscriberTag;
    DialogBuilder dialog;
    Integer grantedExpires;
    boolean notifyBeforeResponse;
    final List<RefreshBuilder> refreshes = new ArrayList<>(0);
    final List<NotifyEntry> notifies = new ArrayList<>(1);
    Subscription.State state;
    String reason;
    long terminatedFrame;

    SubscriptionBuilder(int creation, String event, String eventId, long firstFrame, TransactionBuilder subscribe,
                        Integer requestedExpires, String callId, String subscriberTag) {
        this.creation = creation;
        this.event = event;
        this.eventId = eventId;
        this.firstFrame = firstFrame;
        this.subscribe = subscribe;
        this.requestedExpires = requestedExpires;
        this.callId = callId;
        this.subscriberTag = subscriberTag;
    }

    void terminate(String why, long frame) {
        if (state != Subscription.State.TERMINATED) {
            state = Subscription.State.TERMINATED;
            reason = why;
            terminatedFrame = frame;
        }
    }

    Subscription build() {
        List<Subscription.Refresh> rs = new ArrayList<>(refreshes.size());
        for (RefreshBuilder r : refreshes) {
            rs.add(new Subscription.Refresh(r.transaction.index, r.frame, r.requestedExpires,
                    r.transaction.finalStatus(), r.grantedExpires));
        }
        List<Subscription.Notify> ns = new ArrayList<>(notifies.size());
        for (NotifyEntry n : notifies) {
            ns.add(new Subscription.Notify(n.transaction().index, n.frame(), n.state(), n.reason(), n.expires(),
                    n.transaction().finalStatus()));
        }
        return new Subscription(dialog == null ? null : dialog.id, event, eventId, firstFrame,
                subscribe == null ? -1 : subscribe.index, requestedExpires, grantedExpires,
                subscribe == null ? 0 : subscribe.finalStatus(), notifyBeforeResponse, rs, ns, state, reason,
                terminatedFrame, callId);
    }
}
