package io.sipvista.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        for (int i = 0; i < invites.length; i++) {
            if (invites[i].cseq.number() == root.cseq.number()) {
                invites[i] = root;
                return;
            }
        }
        invites = SmallArrays.append(invites, root);
    }

    /** The first hop of the dialog's INVITE transaction with this CSeq number; null when none. */
    TransactionBuilder invite(long cseq) {
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
