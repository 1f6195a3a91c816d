package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.NameAddr;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Follows dialogs (RFC 3261 §12): creates them from tagged 1xx and 2xx responses to INVITE, SUBSCRIBE and REFER
 * (several for a forked request), from a NOTIFY that beats the SUBSCRIBE's 2xx (RFC 6665 §4.1.2.4), or from any
 * in-dialog request of a dialog that began before the capture; confirms, terminates, and links ACKs and PRACKs to
 * the INVITE responses they acknowledge. Owns every dialog and the table of those still matchable.
 */
final class DialogTracker {
    /** A Call-ID and the tag of the side that sent a dialog-creating request. */
    private record Leg(String callId, String tag) {
        @Override
        public boolean equals(Object o) { // written out, as DialogId's
            return o == this || o instanceof Leg l && Objects.equals(callId, l.callId)
                    && Objects.equals(tag, l.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(callId) * 31 + Objects.hashCode(tag);
        }
    }

    private final CorrelatorLimits limits;
    private final Ledger<DialogBuilder> all;
    private final LinkedHashMap<DialogId, DialogBuilder> open = new LinkedHashMap<>();
    private final Map<Leg, TransactionBuilder> creating = new HashMap<>();
    private long forcedOut;

    DialogTracker(CorrelatorLimits limits, boolean keepReleased) {
        this.all = new Ledger<>(d -> d.id.callId(), d -> d.creation, keepReleased);
        this.limits = limits;
    }

    /** The open dialog with this Call-ID and these two tags, in either order; null when none. */
    DialogBuilder find(String callId, String tagA, String tagB) {
        DialogBuilder d = open.get(new DialogId(callId, tagA, tagB));
        return d != null ? d : open.get(new DialogId(callId, tagB, tagA));
    }

    /** The dialog of a message, changing nothing (for retransmissions). */
    DialogBuilder lookup(MessageFacts f) {
        return f.toTag == null ? null : find(f.callId, f.fromTag, f.toTag);
    }

    /** A new request (not a retransmission). Returns its dialog, or null when it has none. */
    DialogBuilder request(MessageFacts f, TransactionBuilder t, MessageRole role, List<Anomaly> anomalies) {
        if (f.toTag == null) {
            if (role == MessageRole.REQUEST && t.creatingDialogs()) {
                // a relayed copy (proxy seen on both sides) must not take the first hop's place
                if (t.upstream == null) {
                    creating.put(new Leg(f.callId, f.fromTag), t);
                } else {
                    creating.putIfAbsent(new Leg(f.callId, f.fromTag), t.root());
                }
                if ("INVITE".equals(f.method) && f.sdp() != null) {
                    t.offer = f.sdp();
                    t.offerFrame = f.frame;
                }
            }
            return null;
        }
        DialogBuilder d = find(f.callId, f.fromTag, f.toTag);
        if (d == null) {
            if (role == MessageRole.ACK_FOR_NON_2XX || role == MessageRole.CANCEL) {
                return null;
            }
            d = "NOTIFY".equals(f.method) ? notifyCreates(f, anomalies) : null;
            if (d == null) {
                boolean notify = "NOTIFY".equals(f.method);
                DialogId id = notify ? new DialogId(f.callId, f.toTag, f.fromTag)
                        : new DialogId(f.callId, f.fromTag, f.toTag);
                d = create(id, f.method, null, uri(notify ? f.to : f.from), uri(notify ? f.from : f.to), f.frame, f,
                        anomalies);
                d.state = DialogState.CONFIRMED;
            }
        }
        d.add(t);
        d.touch(f.time);
        switch (f.method) {
            case "INVITE" -> d.invite(t.root());
            case "ACK" -> {
                if (role == MessageRole.ACK_FOR_2XX && t.acknowledges == null) {
                    link(d, t, f.cseq.number(), 200, 299, 0);
                }
            }
            case "PRACK" -> prackLink(d, t, f);
            default -> {
            }
        }
        d.negotiation.request(f, t, anomalies);
        return d;
    }

    /** A NOTIFY whose To tag is the From tag of a SUBSCRIBE or REFER still open makes that dialog. */
    private DialogBuilder notifyCreates(MessageFacts f, List<Anomaly> anomalies) {
        TransactionBuilder sub = creating.get(new Leg(f.callId, f.toTag));
        if (sub == null || !sub.open || "INVITE".equals(sub.method)) {
            return null;
        }
        DialogBuilder d = create(new DialogId(f.callId, f.toTag, f.fromTag), sub.method, sub, uri(f.to), uri(f.from),
                sub.firstFrame, f, anomalies);
        d.state = DialogState.CONFIRMED;
        d.confirmedFrame = f.frame;
        d.add(sub);
        return d;
    }

    /** A new response (not a retransmission). Returns its dialog, or null when it has none. */
    DialogBuilder response(MessageFacts f, TransactionBuilder t, TransactionBuilder.ResponseBuilder r,
                           List<Anomaly> anomalies) {
        DialogBuilder d = f.toTag == null ? null : find(f.callId, f.fromTag, f.toTag);
        boolean invite = "INVITE".equals(t.method);
        if (d == null && f.toTag != null && t.creatingDialogs() && f.status > 100 && f.status < 300
                && (f.status >= 200 || invite)) {
            TransactionBuilder root = t.root();
            d = create(new DialogId(f.callId, f.fromTag, f.toTag), t.method, root, uri(f.from), uri(f.to),
                    root.firstFrame, f, anomalies);
            if (f.status < 200) {
                d.state = DialogState.EARLY;
                d.earlyFrame = f.frame;
            } else {
                d.state = DialogState.CONFIRMED;
                d.confirmedFrame = f.frame;
            }
            if (invite) {
                d.invite(root);
                d.negotiation.initialOffer(root);
            }
        }
        if (d != null) {
            d.add(t);
            d.touch(f.time);
            if (invite && f.success() && d.state == DialogState.EARLY) {
                d.state = DialogState.CONFIRMED;
                d.confirmedFrame = f.frame;
            }
            if (f.status >= 200) {
                if ("BYE".equals(t.method)) {
                    d.terminate(Termination.BYE, f.frame);
                } else if ((f.status == 481 || f.status == 408) && t.requestToTag != null) {
                    d.terminate(Termination.NO_SUCH_DIALOG, f.frame);
                }
            }
            d.negotiation.response(f, t, anomalies);
        }
        if (f.status >= 300 && invite && t.creatingDialogs() && t.finalResponse == r) {
            // a non-2xx final to the initial INVITE ends every early dialog it made (RFC 3261 §12.3)
            Termination how = f.status == 487 ? Termination.CANCELLED : Termination.REJECTED;
            for (DialogBuilder e : t.dialogs) {
                if (e.state == DialogState.EARLY) {
                    if (e != d) {
                        e.negotiation.response(f, t, anomalies);
                    }
                    e.terminate(how, f.frame);
                    e.touch(f.time);
                }
            }
        }
        return d;
    }

    /**
     * Links an ACK or PRACK to the INVITE response it acknowledges: the response with a status in range (and RSeq,
     * when given) and one of the dialog's tags, on the same hop as the acknowledging request.
     */
    private static void link(DialogBuilder d, TransactionBuilder request, long inviteCseq, int minStatus,
                             int maxStatus, long rseq) {
        TransactionBuilder root = d.invite(inviteCseq);
        if (root == null) {
            return;
        }
        TransactionBuilder invite = hop(d, root, request);
        request.acknowledgedInvite = invite;
        long frame = 0;
        for (int i = 0; i < invite.responseCount(); i++) {
            TransactionBuilder.ResponseBuilder r = invite.response(i);
            if (tagged(d, r) && r.status >= minStatus && r.status <= maxStatus && (rseq == 0 || r.rseq == rseq)) {
                frame = r.frame;
                break;
            }
        }
        request.acknowledges = new Transaction.Link(invite.index, frame);
    }

    /**
     * The INVITE transaction on the acknowledging request's hop: a request relayed n times by a proxy seen on both
     * sides acknowledges the INVITE relayed n times (the relay answered in this dialog, else the first relay).
     */
    private static TransactionBuilder hop(DialogBuilder d, TransactionBuilder root, TransactionBuilder request) {
        TransactionBuilder invite = root;
        for (TransactionBuilder up = request.upstream; up != null; up = up.upstream) {
            TransactionBuilder next = null;
            for (TransactionBuilder r : invite.relays) {
                boolean answered = false;
                for (int i = 0; i < r.responseCount() && !answered; i++) {
                    answered = tagged(d, r.response(i));
                }
                if (next == null || answered) {
                    next = r;
                    if (answered) {
                        break;
                    }
                }
            }
            if (next == null) {
                break;
            }
            invite = next;
        }
        return invite;
    }

    private static boolean tagged(DialogBuilder d, TransactionBuilder.ResponseBuilder r) {
        return d.id.remoteTag().equals(r.toTag) || d.id.localTag().equals(r.toTag);
    }

    /** RAck: {@code response-num CSeq-num method} (RFC 3262 §7.2). */
    private static void prackLink(DialogBuilder d, TransactionBuilder prack, MessageFacts f) {
        String rack = f.header("RAck");
        if (rack == null) {
            return;
        }
        String[] parts = rack.trim().split("\\s+");
        if (parts.length < 2) {
            return;
        }
        Long rseq = MessageFacts.number(parts[0]);
        Long cseq = MessageFacts.number(parts[1]);
        if (rseq != null && cseq != null && rseq != 0) {
            link(d, prack, cseq, 101, 199, rseq);
        }
    }

    /** Ends early dialogs whose other fork was answered: at the end of the capture they never were. */
    void finish() {
        settle(all.held());
    }

    /** Ends the early dialogs among these whose other fork was answered (their Call-ID has nothing open left). */
    static void settle(List<DialogBuilder> dialogs) {
        for (DialogBuilder d : dialogs) {
            if (d.state == DialogState.EARLY && d.initial != null) {
                TransactionBuilder.ResponseBuilder ok = d.initial.firstSuccess();
                if (ok != null) {
                    d.terminate(Termination.OTHER_FORK_ANSWERED, ok.frame);
                }
            }
        }
    }

    /** The Call-IDs of the dialogs still matchable. */
    void openCallIds(java.util.Set<String> into) {
        for (DialogBuilder d : open.values()) {
            into.add(d.id.callId());
        }
    }

    /** Whether a held dialog of this Call-ID is open (one open is always held: releasing needs none open). */
    boolean hasOpen(String callId) {
        for (DialogBuilder d : all.heldOf(callId)) {
            if (open.get(d.id) == d) {
                return true;
            }
        }
        return false;
    }

    /** Moves terminated dialogs idle past the linger, and early ones whose INVITE is gone, out of the table. */
    void sweep(Instant now) {
        Iterator<DialogBuilder> it = open.values().iterator();
        while (it.hasNext()) {
            DialogBuilder d = it.next();
            boolean ended = d.state == DialogState.TERMINATED
                    && Idle.longerThan(d.lastActivity, now, limits.linger());
            boolean stale = d.state == DialogState.EARLY && d.initial != null && !d.initial.open;
            if (ended || stale) {
                d.open = false;
                it.remove();
            }
        }
        creating.values().removeIf(t -> !t.open);
    }

    private DialogBuilder create(DialogId id, String method, TransactionBuilder initial, String localUri,
                                 String remoteUri, long firstFrame, MessageFacts f, List<Anomaly> anomalies) {
        if (open.size() >= limits.maxOpenDialogs()) {
            Iterator<DialogBuilder> eldest = open.values().iterator();
            eldest.next().open = false;
            eldest.remove();
            forcedOut++;
            if (forcedOut == 1) {
                anomalies.add(Anomaly.of("correlate.dialogs.limit", limits.maxOpenDialogs()
                        + " dialogs open; the oldest is no longer matched"));
            }
        }
        DialogBuilder d = new DialogBuilder(all.nextNumber(), id, method, initial, localUri, remoteUri, firstFrame, f.time);
        all.add(d);
        open.put(id, d);
        return d;
    }

    private static String uri(NameAddr a) {
        return a == null ? null : a.uri();
    }

    long forcedOut() {
        return forcedOut;
    }

    int openCount() {
        return open.size();
    }

    Ledger<DialogBuilder> all() {
        return all;
    }
}
