package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.HeaderValuePool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Correlates the SIP messages of one capture the RFC way: transactions by top Via branch, sent-by and method
 * (RFC 3261 §17, with the RFC 2543 fallback), dialogs by Call-ID and both tags (§12), offer/answer per dialog
 * (RFC 3264, 6337), registrations per address-of-record (§10) and subscriptions per dialog and event (RFC 6665).
 *
 * <p>Feed it every SIP message in capture order with {@link #accept}; each call says at once what the message is
 * in context. {@link #finish()} then gives the whole model. One instance per capture; not thread-safe; capture
 * time only, never the wall clock, so the same messages always give the same model.
 *
 * <p>Memory follows open state: transactions and terminated dialogs leave the lookup tables when idle past
 * {@link CorrelatorLimits#linger()} of capture time (they stay in the model), and the tables are capped
 * ({@code correlate.transactions.limit}, {@code correlate.dialogs.limit}). Messages are never thrown at: one that
 * cannot be placed is reported as uncorrelatable with the reason ({@code correlate.message.uncorrelatable}).
 */
public final class Correlator {
    private final CorrelatorLimits limits;
    private final Duration sweepEvery;
    private final TransactionMatcher transactions;
    private final DialogTracker dialogs;
    private final RegistrationTracker registrations = new RegistrationTracker();
    /** The From, To, top Via and Call-ID values that messages repeat, read once (held until their call settles). */
    private final HeaderValuePool values = new HeaderValuePool();
    private final SubscriptionTracker subscriptions;
    private final List<Correlation.Uncorrelated> uncorrelated = new ArrayList<>();
    private final List<Correlation.FrameAnomaly> anomalies = new ArrayList<>();
    private Instant nextSweep;
    private Correlation model;

    public Correlator() {
        this(CorrelatorLimits.DEFAULT);
    }

    public Correlator(CorrelatorLimits limits) {
        this(limits, true);
    }

    private Correlator(CorrelatorLimits limits, boolean keepReleased) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.subscriptions = new SubscriptionTracker(keepReleased);
        Duration quarter = limits.linger().dividedBy(4);
        this.sweepEvery = quarter.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : quarter;
        this.transactions = new TransactionMatcher(limits, keepReleased);
        this.dialogs = new DialogTracker(limits, keepReleased);
    }

    /**
     * A correlator for a streaming analysis: the transactions, dialogs and subscriptions of a {@link #release}d
     * Call-ID are forgotten, so it holds what is open or not yet released, and {@link #finish()} shows only that
     * (plus every registration). The default correlator keeps everything for the final model.
     */
    public static Correlator streaming(CorrelatorLimits limits) {
        return new Correlator(limits, false);
    }

    /**
     * Places one message, the next in capture order, and says what it is in context.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public MessageContext accept(SipEvent event) {
        Objects.requireNonNull(event, "event");
        if (model != null) {
            throw new IllegalStateException("accept after finish");
        }
        List<Anomaly> found = new ArrayList<>(0);
        event.message().readShared(values);
        MessageFacts f = MessageFacts.read(event, found, values);
        if (f.problem != null) {
            uncorrelated.add(new Correlation.Uncorrelated(f.frame, f.problem));
            found.add(Anomaly.of("correlate.message.uncorrelatable", f.problem));
            record(f.frame, found);
            return new MessageContext(f.frame, MessageRole.UNCORRELATABLE, -1, null, 0, null, null, f.problem, found);
        }
        sweepIfDue(f.time);
        TransactionMatcher.Match m = f.request ? transactions.request(f, found) : transactions.response(f, found);
        TransactionBuilder t = m.transaction();
        DialogBuilder d;
        if (m.retransmissionOf() != 0) {
            d = dialogs.lookup(f);
        } else if (f.request) {
            d = dialogs.request(f, t, m.role(), found);
            if ("REGISTER".equals(f.method)) {
                registrations.request(f, t);
            } else if (subscriptions.request(f, t, d)) {
                d.terminate(Termination.SUBSCRIPTION_ENDED, f.frame);
            }
        } else {
            d = dialogs.response(f, t, m.response(), found);
            if ("REGISTER".equals(t.method)) {
                registrations.response(f, t);
            } else if (subscriptions.response(f, t, d) && d != null) {
                d.terminate(Termination.SUBSCRIPTION_ENDED, f.frame);
            }
        }
        record(f.frame, found);
        return new MessageContext(f.frame, m.role(), t.index, t.key, m.retransmissionOf(), d == null ? null : d.id,
                d == null ? null : d.state, null, found);
    }

    private void record(long frame, List<Anomaly> found) {
        for (Anomaly a : found) {
            anomalies.add(new Correlation.FrameAnomaly(frame, a));
        }
    }

    private void sweepIfDue(Instant now) {
        if (nextSweep != null && now.isBefore(nextSweep)) {
            return;
        }
        transactions.sweep(now);
        dialogs.sweep(now);
        subscriptions.sweep();
        registrations.sweep();
        nextSweep = now.plus(sweepEvery);
    }

    /** Addresses-of-record whose registration is packed as bytes now (for tests of the memory bound). */
    int packedRegistrations() {
        return registrations.packed();
    }

    /** Transactions still matchable now (for tests of the memory bound). */
    int openTransactions() {
        return transactions.openCount();
    }

    /** Dialogs still matchable now. */
    int openDialogs() {
        return dialogs.openCount();
    }

    /**
     * The Call-IDs that still have something matchable: a transaction not yet past its linger, a dialog not
     * terminated (or terminated less than the linger ago), a subscription waiting for its NOTIFY or SUBSCRIBE. A
     * Call-ID not in this set gets nothing more from later messages: they would start new transactions and dialogs.
     */
    public Set<String> openCallIds() {
        Set<String> out = new HashSet<>();
        transactions.openCallIds(out);
        dialogs.openCallIds(out);
        subscriptions.openCallIds(out);
        return out;
    }

    /**
     * Those of {@code callIds} in {@link #openCallIds()}, found through what each of them holds rather than by
     * walking everything open: settling asks about the few Call-IDs quiet for the linger, while thousands of
     * transactions and dialogs are open (the walk was a twentieth of a signalling capture's analysis).
     */
    public Set<String> openAmong(Collection<String> callIds) {
        Set<String> subscribed = new HashSet<>();
        subscriptions.openCallIds(subscribed); // those waiting: a few, kept in one table
        Set<String> out = new HashSet<>();
        for (String id : callIds) {
            if (subscribed.contains(id) || transactions.hasOpen(id) || dialogs.hasOpen(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * The model of the unreleased transactions, dialogs and subscriptions of these Call-IDs, as it stands now; no
     * registrations, uncorrelated messages or anomalies (those belong to the capture). Call-IDs passed as
     * {@code settled} (nothing open left, see {@link #openCallIds()}) get what {@link #finish()} would do to
     * them: their early dialogs whose INVITE was answered on another fork are terminated.
     */
    public Correlation part(Set<String> callIds, Set<String> settled) {
        List<DialogBuilder> ds = dialogs.all().heldOf(callIds);
        List<DialogBuilder> settling = new ArrayList<>();
        for (DialogBuilder d : ds) {
            if (settled.contains(d.id.callId())) {
                settling.add(d);
            }
        }
        DialogTracker.settle(settling);
        return model(transactions.all().heldOf(callIds), ds, subscriptions.all().heldOf(callIds), List.of(),
                List.of(), List.of());
    }

    /**
     * Done with these Call-IDs: their transactions, dialogs and subscriptions leave the held lists (and, for a
     * {@link #streaming} correlator, memory). Call only for Call-IDs with nothing open.
     */
    public void release(Set<String> callIds) {
        transactions.all().release(callIds);
        dialogs.all().release(callIds);
        subscriptions.all().release(callIds);
    }

    /**
     * The model of everything accepted. The first call ends the capture (early dialogs whose INVITE was answered
     * on another fork are then terminated); later calls return the same model.
     */
    public Correlation finish() {
        if (model != null) {
            return model;
        }
        dialogs.finish();
        if (transactions.forcedOut() > 1) {
            anomalies.add(new Correlation.FrameAnomaly(0, Anomaly.of("correlate.transactions.limit",
                    transactions.forcedOut() + " transactions in all left matching before they were done")));
        }
        if (dialogs.forcedOut() > 1) {
            anomalies.add(new Correlation.FrameAnomaly(0, Anomaly.of("correlate.dialogs.limit",
                    dialogs.forcedOut() + " dialogs in all left matching before they were done")));
        }
        model = model(transactions.all().everything(), dialogs.all().everything(), subscriptions.all().everything(),
                registrations.build(), uncorrelated, anomalies);
        return model;
    }

    private static Correlation model(Collection<TransactionBuilder> transactionBuilders,
                                     Collection<DialogBuilder> dialogBuilders,
                                     Collection<SubscriptionBuilder> subscriptionBuilders,
                                     List<Registration> registrations, List<Correlation.Uncorrelated> uncorrelated,
                                     List<Correlation.FrameAnomaly> anomalies) {
        List<TransactionBuilder> tbs = new ArrayList<>(transactionBuilders);
        tbs.sort(Comparator.comparingInt((TransactionBuilder t) -> t.index));
        List<Transaction> ts = new ArrayList<>(tbs.size());
        for (TransactionBuilder t : tbs) {
            ts.add(t.build());
        }
        List<DialogBuilder> ds = new ArrayList<>(dialogBuilders);
        ds.sort(Comparator.comparingLong((DialogBuilder d) -> d.firstFrame).thenComparingInt(d -> d.creation));
        List<Dialog> dialogList = new ArrayList<>(ds.size());
        for (DialogBuilder d : ds) {
            dialogList.add(d.build());
        }
        List<SubscriptionBuilder> ss = new ArrayList<>(subscriptionBuilders);
        ss.sort(Comparator.comparingLong((SubscriptionBuilder s) -> s.firstFrame).thenComparingInt(s -> s.creation));
        List<Subscription> subscriptionList = new ArrayList<>(ss.size());
        for (SubscriptionBuilder s : ss) {
            subscriptionList.add(s.build());
        }
        return new Correlation(ts, dialogList, registrations, subscriptionList, uncorrelated, anomalies);
    }
}
