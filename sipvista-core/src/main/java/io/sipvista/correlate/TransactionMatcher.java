package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Matches requests and responses to transactions (RFC 3261 §17.1.3, §17.2.3) and recognises retransmissions.
 * Owns every transaction of the capture and the table of those still matchable, bounded by
 * {@link CorrelatorLimits}.
 */
final class TransactionMatcher {
    /**
     * Where a message went.
     *
     * @param transaction      its transaction
     * @param retransmissionOf the frame it repeats, 0 when new
     * @param role             what it is
     * @param response         for a response, its distinct response entry
     */
    record Match(TransactionBuilder transaction, long retransmissionOf, MessageRole role,
                 TransactionBuilder.ResponseBuilder response) {
    }

    private final CorrelatorLimits limits;
    private final Ledger<TransactionBuilder> all;
    private final LinkedHashMap<TransactionKey, TransactionBuilder> open = new LinkedHashMap<>();
    private long forcedOut;

    TransactionMatcher(CorrelatorLimits limits, boolean keepReleased) {
        this.all = new Ledger<>(t -> t.callId, t -> t.index, keepReleased);
        this.limits = limits;
    }

    Match request(MessageFacts f, List<Anomaly> anomalies) {
        if ("ACK".equals(f.method)) {
            return ack(f, anomalies);
        }
        MessageRole role = "CANCEL".equals(f.method) ? MessageRole.CANCEL
                : f.toTag == null ? MessageRole.REQUEST : MessageRole.IN_DIALOG_REQUEST;
        TransactionKey key = f.key(f.method);
        TransactionBuilder t = open.get(key);
        if (t != null) {
            if (!t.requestSeen() && sameSequence(t, f)) {
                t.adoptRequest(f);
                return new Match(t, 0, role, null);
            }
            if (sameRequest(t, f)) {
                t.requestFrames.add(f.frame);
                t.touch(f.time);
                return new Match(t, t.requestFrames.first(), role, null);
            }
            if (f.rfc3261) {
                String other = t.callId.equals(f.callId) ? "" : ", another Call-ID";
                anomalies.add(Anomaly.of("correlate.branch.reused", f.method + " " + f.cseq.number() + " reuses the"
                        + " branch of frame " + t.firstFrame + " (" + t.method + " " + t.cseq.number() + other + ")"));
            }
        }
        t = create(key, f.method, f, anomalies);
        if (role == MessageRole.CANCEL) {
            TransactionBuilder invite = open.get(f.key("INVITE"));
            if (invite != null && sameSequence(invite, f)) {
                t.cancels = invite.index;
                if (invite.cancelledBy < 0) {
                    invite.cancelledBy = t.index;
                }
            }
        }
        relay(t, f);
        return new Match(t, 0, role, null);
    }

    /** Links a new request transaction to the one it relays: its second Via is that request's top Via. */
    private void relay(TransactionBuilder t, MessageFacts f) {
        TransactionKey upstream = f.upstreamKey(t.method);
        if (upstream != null) {
            TransactionBuilder u = open.get(upstream);
            if (u != null && u != t && sameSequence(u, f)) {
                t.upstream = u;
                u.relays = SmallArrays.append(u.relays, t);
            }
        }
    }

    /**
     * An ACK joins the INVITE transaction it shares a key with when that INVITE got a non-2xx final response (or
     * no final response was captured); otherwise it is a transaction of its own (the ACK for a 2xx).
     */
    private Match ack(MessageFacts f, List<Anomaly> anomalies) {
        TransactionBuilder invite = open.get(f.key("INVITE"));
        if (invite != null && sameSequence(invite, f) && (f.rfc3261 || legacyAckMatches(invite, f))) {
            boolean answered2xx = invite.finalResponse != null && invite.finalResponse.status < 300;
            if (!answered2xx) {
                long first = invite.addAck(f.frame);
                invite.touch(f.time);
                return new Match(invite, first, MessageRole.ACK_FOR_NON_2XX, null);
            }
            if (f.rfc3261) {
                anomalies.add(Anomaly.of("correlate.ack.branch_reused", "ACK for the 2xx of frame "
                        + invite.finalResponse.frame + " has the INVITE's branch " + f.branch));
            }
        }
        TransactionKey key = f.key("ACK");
        TransactionBuilder t = open.get(key);
        if (t != null && sameRequest(t, f)) {
            t.requestFrames.add(f.frame);
            t.touch(f.time);
            return new Match(t, t.requestFrames.first(), MessageRole.ACK_FOR_2XX, null);
        }
        t = create(key, "ACK", f, anomalies);
        relay(t, f);
        return new Match(t, 0, MessageRole.ACK_FOR_2XX, null);
    }

    /** RFC 2543 ACK matching (§17.2.3): same Request-URI, and the To tag of the response it acknowledges. */
    private static boolean legacyAckMatches(TransactionBuilder invite, MessageFacts f) {
        if (invite.requestSeen() && !Objects.equals(invite.requestUri, f.requestUri)) {
            return false;
        }
        return invite.finalResponse == null || invite.finalResponse.toTag == null
                || invite.finalResponse.toTag.equals(f.toTag);
    }

    Match response(MessageFacts f, List<Anomaly> anomalies) {
        MessageRole role = f.status < 200 ? MessageRole.PROVISIONAL
                : f.status < 300 ? MessageRole.FINAL_2XX : MessageRole.FINAL_NON_2XX;
        String method = f.cseq.method();
        TransactionKey key = f.key(method);
        TransactionBuilder t = open.get(key);
        if (t != null && !sameSequence(t, f)) {
            t = null;
        }
        if (t == null) {
            t = create(key, method, f, anomalies);
        }
        t.touch(f.time);
        for (TransactionBuilder.ResponseBuilder r : t.responses) {
            if (r.repeats(f)) {
                r.repeated(f.frame);
                return new Match(t, r.frame, role, r);
            }
        }
        TransactionBuilder.ResponseBuilder r = new TransactionBuilder.ResponseBuilder(f);
        t.addResponse(r);
        if (f.status < 200) {
            if (t.finalResponse != null) {
                anomalies.add(Anomaly.of("correlate.response.late_provisional", f.status + " after the final "
                        + t.finalResponse.status + " of frame " + t.finalResponse.frame));
            }
        } else if (t.finalResponse == null) {
            t.finalResponse = r;
        } else if (!(f.status < 300 && t.finalResponse.status < 300 && "INVITE".equals(t.method))) {
            // several 2xx with different To tags are forks of one INVITE; anything else after a final is wrong
            anomalies.add(Anomaly.of("correlate.response.after_final", f.status + " after the final "
                    + t.finalResponse.status + " of frame " + t.finalResponse.frame));
        }
        return new Match(t, 0, role, r);
    }

    /** Same Call-ID and CSeq number: the messages belong to one request. */
    private static boolean sameSequence(TransactionBuilder t, MessageFacts f) {
        return t.callId.equals(f.callId) && t.cseq.number() == f.cseq.number();
    }

    /** A retransmission of the transaction's request (RFC 2543 keys also compare Request-URI and To tag). */
    private static boolean sameRequest(TransactionBuilder t, MessageFacts f) {
        if (!sameSequence(t, f)) {
            return false;
        }
        return t.key instanceof TransactionKey.Branch
                || (Objects.equals(t.requestUri, f.requestUri) && Objects.equals(t.requestToTag, f.toTag));
    }

    private TransactionBuilder create(TransactionKey key, String method, MessageFacts f, List<Anomaly> anomalies) {
        if (!open.containsKey(key) && open.size() >= limits.maxOpenTransactions()) {
            Iterator<TransactionBuilder> eldest = open.values().iterator();
            eldest.next().open = false;
            eldest.remove();
            forcedOut++;
            if (forcedOut == 1) {
                anomalies.add(Anomaly.of("correlate.transactions.limit", limits.maxOpenTransactions()
                        + " transactions open; the oldest is no longer matched"));
            }
        }
        TransactionBuilder t = new TransactionBuilder(all.nextNumber(), key, method, f);
        all.add(t);
        TransactionBuilder replaced = open.put(key, t);
        if (replaced != null) {
            replaced.open = false;
        }
        return t;
    }

    /** Moves transactions idle past their linger (or open timeout) out of the lookup table. */
    void sweep(Instant now) {
        Iterator<Map.Entry<TransactionKey, TransactionBuilder>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            TransactionBuilder t = it.next().getValue();
            if (t.expired(now, limits)) {
                t.open = false;
                it.remove();
            }
        }
    }

    /** The Call-IDs of the transactions still matchable. */
    void openCallIds(java.util.Set<String> into) {
        for (TransactionBuilder t : open.values()) {
            into.add(t.callId);
        }
    }

    int openCount() {
        return open.size();
    }

    /** How many transactions were pushed out of the table by the limit rather than by age. */
    long forcedOut() {
        return forcedOut;
    }

    Ledger<TransactionBuilder> all() {
        return all;
    }
}
