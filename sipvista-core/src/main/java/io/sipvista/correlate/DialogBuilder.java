package io.sipvista.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One dialog while the capture is read: mutable, owned by {@link DialogTracker}; becomes a {@link Dialog}. */
final class DialogBuilder {
    final int creation;
    final DialogId id;
    final String method;
    final boolean initialRequestSeen;
    final TransactionBuilder initial;
    final String localUri;
    final String remoteUri;
    final long firstFrame;
    long earlyFrame;
    long confirmedFrame;
    long terminatedFrame;
    DialogState state;
    Termination termination;
    Instant lastActivity;
    final List<TransactionBuilder> transactions = new ArrayList<>(4);
    /** INVITE transactions of the dialog (their first hops), one per CSeq number, for ACK and PRACK. */
    private TransactionBuilder[] invites = TransactionBuilder.NONE;
    /**
     * The same by CSeq number once there are more than {@link #SCAN_INVITES} (then {@link #invites} is no longer
     * used): a dialog refreshed by re-INVITE thousands of times made each re-INVITE and ACK look through them all.
     */
    private Map<Long, TransactionBuilder> inviteIndex;
    static final int SCAN_INVITES = 8;
    final Negotiation negotiation = new Negotiation();
    final List<SubscriptionBuilder> subscriptions = new ArrayList<>(0);
    boolean open = true;

    DialogBuilder(int creation, DialogId id, String method, TransactionBuilder initial, String localUri,
                  String remoteUri, long firstFrame, Instant time) {
        this.creation = creation;
        this.id = id;
        this.method = method;
        this.initial = initial;
        this.initialRequestSeen = initial != null && initial.requestSeen();
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.firstFrame = firstFrame;
        this.lastActivity = time;
    }

    /** Adds a transaction to the dialog and the dialog to the transaction (both lists always change together). */
    void add(TransactionBuilder t) {
        if (!SmallArrays.holds(t.dialogs, this)) {
            t.dialogs = SmallArrays.append(t.dialogs, this);
            transactions.add(t);
        }
    }

    /** Takes the first hop of an INVITE transaction of the dialog, in place of one with the same CSeq number. */
    void invite(TransactionBuilder root) {
        if (inviteIndex != null) {
            inviteIndex.put(root.cseq.number(), root);
            return;
        }
        for (int i = 0; i < invites.length; i++) {
            if (invites[i].cseq.number() == root.cseq.number()) {
                invites[i] = root;
                return;
            }
        }
        if (invites.length < SCAN_INVITES) {
            invites = SmallArrays.append(invites, root);
            return;
        }
        inviteIndex = new HashMap<>();
        for (TransactionBuilder t : invites) {
            inviteIndex.put(t.cseq.number(), t);
        }
        inviteIndex.put(root.cseq.number(), root);
        invites = TransactionBuilder.NONE;
    }

    /** The first hop of the dialog's INVITE transaction with this CSeq number; null when none. */
    TransactionBuilder invite(long cseq) {
        if (inviteIndex != null) {
            return inviteIndex.get(cseq);
        }
        for (TransactionBuilder t : invites) {
            if (t.cseq.number() == cseq) {
                return t;
            }
        }
        return null;
    }

    void touch(Instant t) {
        if (t.isAfter(lastActivity)) {
            lastActivity = t;
        }
    }

    void terminate(Termination how, long frame) {
        if (state != DialogState.TERMINATED) {
            state = DialogState.TERMINATED;
            termination = how;
            terminatedFrame = frame;
        }
    }

    Dialog build() {
        List<Integer> tx = new ArrayList<>(transactions.size());
        for (TransactionBuilder t : transactions) {
            tx.add(t.index);
        }
        tx.sort(null);
        return new Dialog(id, method, initialRequestSeen, initial == null ? -1 : initial.index, localUri, remoteUri,
                firstFrame, earlyFrame, confirmedFrame, terminatedFrame, state, termination, tx, negotiation.build());
    }
}
