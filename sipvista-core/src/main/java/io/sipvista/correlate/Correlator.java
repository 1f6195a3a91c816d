package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private final SubscriptionTracker subscriptions = new SubscriptionTracker();
    private final List<Correlation.Uncorrelated> uncorrelated = new ArrayList<>();
    private final List<Correlation.FrameAnomaly> anomalies = new ArrayList<>();
    private Instant nextSweep;
    private Correlation model;

    public Correlator() {
        this(CorrelatorLimits.DEFAULT);
    }

    public Correlator(CorrelatorLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Duration quarter = limits.linger().dividedBy(4);
        this.sweepEvery = quarter.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : quarter;
        this.transactions = new TransactionMatcher(limits);
        this.dialogs = new DialogTracker(limits);
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
        MessageFacts f = MessageFacts.read(event, found);
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

    /** Transactions still matchable now (for tests of the memory bound). */
    int openTransactions() {
        return transactions.openCount();
    }

    /** Dialogs still matchable now. */
    int openDialogs() {
        return dialogs.openCount();
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
        List<Transaction> ts = new ArrayList<>(transactions.all().size());
        for (TransactionBuilder t : transactions.all()) {
            ts.add(t.build());
        }
        List<DialogBuilder> ds = new ArrayList<>(dialogs.all());
        ds.sort(Comparator.comparingLong((DialogBuilder d) -> d.firstFrame).thenComparingInt(d -> d.creation));
        List<Dialog> dialogList = new ArrayList<>(ds.size());
        for (DialogBuilder d : ds) {
            dialogList.add(d.build());
        }
        List<SubscriptionBuilder> ss = new ArrayList<>(subscriptions.all());
        ss.sort(Comparator.comparingLong((SubscriptionBuilder s) -> s.firstFrame).thenComparingInt(s -> s.creation));
        List<Subscription> subscriptionList = new ArrayList<>(ss.size());
        for (SubscriptionBuilder s : ss) {
            subscriptionList.add(s.build());
        }
        model = new Correlation(ts, dialogList, registrations.build(), subscriptionList, uncorrelated, anomalies);
        return model;
    }
}
