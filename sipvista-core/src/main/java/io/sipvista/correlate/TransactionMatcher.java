package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Matches requests and responses to transactions (RFC 3261 §17.1.3, §17.2.3) and recognises retransmissions.
 * Owns every transaction of the capture and the table of those still matchable, bounded by
 * {@link CorrelatorLimits}. The open transactions are also queued by when they may expire, so a sweep looks at
 * those whose time may have come instead of at every open one.
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
    /** The matchable transactions, in the order their keys entered the table (the oldest is forced out first). */
    private final LinkedHashMap<TransactionKey, TransactionBuilder> open = new LinkedHashMap<>();
    /** The same transactions by when they may expire, soonest first. */
    private final ExpiryQueue expiries = new ExpiryQueue();
    private long forcedOut;

    TransactionMatcher(CorrelatorLimits limits, boolean keepReleased) {
        this.all = new Ledger<>(t -> t.callId, t -> t.index, keepReleased);
        this.limits = limits;
    }

    /** Places a request; its transaction is then queued no later than it may now expire. */
    Match request(MessageFacts f, List<Anomaly> anomalies) {
        Match m = placeRequest(f, anomalies);
        queueNoLater(m.transaction());
        return m;
    }

    /** Places a response; its transaction is then queued no later than it may now expire. */
    Match response(MessageFacts f, List<Anomaly> anomalies) {
        Match m = placeResponse(f, anomalies);
        queueNoLater(m.transaction());
        return m;
    }

    /**
     * A message can bring a transaction's expiry nearer (a final response shortens the open timeout to the linger; a
     * request seen after its responses may be earlier than them): the queue is told. Later expiries are found when
     * the earlier one comes.
     */
    private void queueNoLater(TransactionBuilder t) {
        if (t.open) {
            expiries.noLaterThan(t, t.lastActivity, t.idleLimit(limits));
        }
    }

    private Match placeRequest(MessageFacts f, List<Anomaly> anomalies) {
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

    private Match placeResponse(MessageFacts f, List<Anomaly> anomalies) {
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
        TransactionBuilder.ResponseBuilder first = t.firstCopyOf(f);
        if (first != null) {
            first.repeated(f.frame);
            return new Match(t, first.frame, role, first);
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
            TransactionBuilder out = eldest.next();
            out.open = false;
            eldest.remove();
            expiries.remove(out);
            forcedOut++;
            if (forcedOut == 1) {
                anomalies.add(Anomaly.of("correlate.transactions.limit", limits.maxOpenTransactions()
                        + " transactions open; the oldest is no longer matched"));
            }
        }
        TransactionBuilder t = new TransactionBuilder(all.nextNumber(), key, method, f);
        all.add(t);
        TransactionBuilder replaced = open.put(key, t); // a reused key keeps its place in the order
        if (replaced != null) {
            replaced.open = false;
            expiries.remove(replaced);
        }
        expiries.add(t, t.lastActivity, t.idleLimit(limits));
        return t;
    }

    /**
     * Moves transactions idle past their linger (or open timeout) out of the lookup table: those {@link
     * TransactionBuilder#expired} at {@code now}. Only the queued ones whose time may have come are looked at; one
     * whose later messages moved its expiry on is queued again at it.
     */
    void sweep(Instant now) {
        while (expiries.firstBefore(now)) {
            TransactionBuilder t = expiries.first();
            if (t.expired(now, limits)) {
                expiries.removeFirst();
                t.open = false;
                open.remove(t.key);
            } else {
                expiries.delayFirst(t.lastActivity, t.idleLimit(limits)); // not before now: it has not expired
            }
        }
    }

    /** The Call-IDs of the transactions still matchable. */
    void openCallIds(java.util.Set<String> into) {
        for (TransactionBuilder t : open.values()) {
            into.add(t.callId);
        }
    }

    /**
     * Whether a held transaction of this Call-ID is open (one open is always held: releasing needs none open). A
     * transaction's flag is cleared on every way out of the open table, so it is read rather than the table.
     */
    boolean hasOpen(String callId) {
        for (TransactionBuilder t : all.heldOf(callId)) {
            if (t.open) {
                return true;
            }
        }
        return false;
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

    /**
     * The open transactions by when they may expire, soonest first: a binary heap whose keys (seconds and
     * nanoseconds, in arrays beside the transactions) are never later than a transaction's expiry, its last activity
     * plus its {@link TransactionBuilder#idleLimit}. A message that brings the expiry nearer moves the transaction up
     * at once; one that puts it off changes nothing until the old time comes and the sweep finds the transaction not
     * yet expired. Each transaction knows its slot, so one forced out or replaced leaves at once.
     */
    static final class ExpiryQueue {
        private static final int NANOS_PER_SECOND = 1_000_000_000;
        /** Beyond any instant's seconds: a limit this long never ends within the range of instants. */
        private static final long NEVER = Long.MAX_VALUE / 2;

        private TransactionBuilder[] items = new TransactionBuilder[16];
        private long[] seconds = new long[16];
        private int[] nanos = new int[16];
        private int size;

        /** Queues an open transaction to expire {@code limit} after {@code last}. */
        void add(TransactionBuilder t, Instant last, Duration limit) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
                seconds = Arrays.copyOf(seconds, size * 2);
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            set(size, t, dueSeconds(last, limit), dueNanos(last, limit));
            size++;
            up(size - 1);
        }

        /** Moves a queued transaction up to expire {@code limit} after {@code last}, when that is sooner. */
        void noLaterThan(TransactionBuilder t, Instant last, Duration limit) {
            int i = t.expirySlot;
            long s = dueSeconds(last, limit);
            int n = dueNanos(last, limit);
            if (s < seconds[i] || s == seconds[i] && n < nanos[i]) {
                seconds[i] = s;
                nanos[i] = n;
                up(i);
            }
        }

        /** Takes a transaction out of the queue. */
        void remove(TransactionBuilder t) {
            int i = t.expirySlot;
            t.expirySlot = -1;
            size--;
            if (i != size) {
                set(i, items[size], seconds[size], nanos[size]);
                if (!up(i)) {
                    down(i);
                }
            }
            items[size] = null;
        }

        /** Whether the soonest queued time is before {@code now}: only then may something have expired. */
        boolean firstBefore(Instant now) {
            return size > 0 && (seconds[0] < now.getEpochSecond()
                    || seconds[0] == now.getEpochSecond() && nanos[0] < now.getNano());
        }

        TransactionBuilder first() {
            return items[0];
        }

        void removeFirst() {
            remove(items[0]);
        }

        /** Queues the first transaction again, to expire {@code limit} after {@code last} (not sooner than now). */
        void delayFirst(Instant last, Duration limit) {
            seconds[0] = dueSeconds(last, limit);
            nanos[0] = dueNanos(last, limit);
            down(0);
        }

        private static long dueSeconds(Instant last, Duration limit) {
            if (limit.getSeconds() >= NEVER) {
                return Long.MAX_VALUE;
            }
            long s = last.getEpochSecond() + limit.getSeconds();
            return last.getNano() + limit.getNano() >= NANOS_PER_SECOND ? s + 1 : s;
        }

        private static int dueNanos(Instant last, Duration limit) {
            int n = last.getNano() + limit.getNano();
            return n >= NANOS_PER_SECOND ? n - NANOS_PER_SECOND : n;
        }

        private void set(int i, TransactionBuilder t, long s, int n) {
            items[i] = t;
            seconds[i] = s;
            nanos[i] = n;
            t.expirySlot = i;
        }

        private boolean before(int i, int j) {
            return seconds[i] < seconds[j] || seconds[i] == seconds[j] && nanos[i] < nanos[j];
        }

        /** Moves slot {@code i} up past later parents; whether it moved. */
        private boolean up(int i) {
            int start = i;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(i, parent)) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
            return i != start;
        }

        /** Moves slot {@code i} down past sooner children. */
        private void down(int i) {
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    return;
                }
                if (child + 1 < size && before(child + 1, child)) {
                    child++;
                }
                if (!before(child, i)) {
                    return;
                }
                swap(i, child);
                i = child;
            }
        }

        private void swap(int i, int j) {
            TransactionBuilder t = items[i];
            long s = seconds[i];
            int n = nanos[i];
            set(i, items[j], seconds[j], nanos[j]);
            set(j, t, s, n);
        }
    }
}
