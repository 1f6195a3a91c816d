package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * The correlated model of one capture, as {@link Correlator#finish()} returns it: every transaction, dialog,
 * registration and subscription, each list in order of first frame (ties in order of creation), and what could
 * not be placed. Immutable.
 *
 * @param transactions  every transaction; {@link Transaction#index()} is its position here
 * @param dialogs       every dialog
 * @param registrations one entry per address-of-record
 * @param subscriptions every subscription
 * @param uncorrelated  the messages that could not be placed, with the reason
 * @param anomalies     every correlation anomaly with the frame it was found on (0: the capture as a whole)
 */
public record Correlation(List<Transaction> transactions, List<Dialog> dialogs, List<Registration> registrations,
                          List<Subscription> subscriptions, List<Uncorrelated> uncorrelated,
                          List<FrameAnomaly> anomalies) {
    public Correlation {
        transactions = List.copyOf(transactions);
        dialogs = List.copyOf(dialogs);
        // the capture's, built as read (they are many, and each as objects costs ~250 bytes an attempt)
        registrations = registrations instanceof RegistrationTracker.Built ? registrations
                : List.copyOf(registrations);
        subscriptions = List.copyOf(subscriptions);
        uncorrelated = List.copyOf(uncorrelated);
        anomalies = List.copyOf(anomalies);
    }

    /** A message that could not be placed in a transaction. */
    public record Uncorrelated(long frame, String reason) {
    }

    /** An anomaly and the frame it was found on; frame 0 for the capture as a whole. */
    public record FrameAnomaly(long frame, Anomaly anomaly) {
    }

    /**
     * The transaction with this {@link Transaction#index()}; null when this model does not hold it (a model of part of
     * a capture holds the transactions of its calls only, still in order of index).
     */
    public Transaction transaction(int index) {
        if (index >= 0 && index < transactions.size() && transactions.get(index).index() == index) {
            return transactions.get(index);
        }
        int lo = 0;
        int hi = transactions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = transactions.get(mid).index();
            if (at == index) {
                return transactions.get(mid);
            }
            if (at < index) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /** The first dialog with this id, in either direction; null when there is none. A linear scan. */
    public Dialog dialog(DialogId id) {
        for (Dialog d : dialogs) {
            if (d.id().equals(id) || d.id().equals(id.reversed())) {
                return d;
            }
        }
        return null;
    }

    /** The dialog's transactions, in order. */
    public List<Transaction> transactionsOf(Dialog dialog) {
        List<Transaction> out = new ArrayList<>(dialog.transactions().size());
        for (int i : dialog.transactions()) {
            Transaction t = transaction(i);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** The registration of this address-of-record; null when there is none. */
    public Registration registration(String aor) {
        for (Registration r : registrations) {
            if (r.aor().equals(aor)) {
                return r;
            }
        }
        return null;
    }
}
