package io.sipvista.correlate;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Follows subscriptions (RFC 6665) and the implicit subscription of a REFER (RFC 3515): per dialog and event
 * package (with its {@code id}), the SUBSCRIBE and its refreshes, every NOTIFY and the Subscription-State it
 * reports. Owns every subscription; the tables only hold those still waiting for something.
 */
final class SubscriptionTracker {
    /** A SUBSCRIBE or REFER outside a dialog, waiting for its 2xx or first NOTIFY to make the dialog. */
    private record Waiting(String callId, String subscriberTag, String event, String eventId) {
    }

    /** An Event header read: package lower case, and the id parameter. */
    private record Event(String event, String id) {
    }

    private final Ledger<SubscriptionBuilder> all;
    private final Map<Waiting, SubscriptionBuilder> waiting = new HashMap<>();
    /** Initial SUBSCRIBE/REFER transactions waiting for their final response. */
    private final Map<TransactionBuilder, SubscriptionBuilder> initial = new HashMap<>();
    /** Refresh SUBSCRIBE transactions waiting for their final response. */
    private final Map<TransactionBuilder, SubscriptionBuilder.RefreshBuilder> refreshing = new HashMap<>();
    /** NOTIFY transactions waiting for their final response. */
    private final Map<TransactionBuilder, SubscriptionBuilder> notifying = new HashMap<>();

    /**
     * A new SUBSCRIBE, REFER or NOTIFY. Returns true when the message ended the last subscription of a dialog
     * that has no other use (not an INVITE dialog), which the caller then terminates.
     */
    boolean request(MessageFacts f, TransactionBuilder t, DialogBuilder d) {
        switch (f.method) {
            case "SUBSCRIBE" -> subscribe(f, t, d);
            case "REFER" -> refer(f, t, d);
            case "NOTIFY" -> {
                return d != null && notify(f, t, d);
            }
            default -> {
            }
        }
        return false;
    }

    private void subscribe(MessageFacts f, TransactionBuilder t, DialogBuilder d) {
        Event ev = event(f);
        Integer expires = MessageFacts.seconds(f.header("Expires"));
        if (d == null) {
            SubscriptionBuilder s = create(ev, f.frame, t, expires, f.callId, f.fromTag);
            s.state = Subscription.State.REQUESTED;
            waiting.put(new Waiting(f.callId, f.fromTag, ev.event(), ev.id()), s);
            initial.put(t, s);
            return;
        }
        SubscriptionBuilder s = find(d, ev);
        if (s == null) {
            s = create(ev, f.frame, null, null, f.callId, d.id.localTag());
            s.state = Subscription.State.REQUESTED;
            attach(s, d);
        }
        SubscriptionBuilder.RefreshBuilder r = new SubscriptionBuilder.RefreshBuilder(t, f.frame, expires);
        s.refreshes.add(r);
        refreshing.put(t, r);
    }

    private void refer(MessageFacts f, TransactionBuilder t, DialogBuilder d) {
        Event ev = new Event("refer", Long.toString(f.cseq.number()));
        SubscriptionBuilder s = create(ev, f.frame, t, null, f.callId, f.fromTag);
        s.state = Subscription.State.REQUESTED;
        if (d == null) {
            waiting.put(new Waiting(f.callId, f.fromTag, ev.event(), ev.id()), s);
        } else {
            attach(s, d);
        }
        initial.put(t, s);
    }

    private boolean notify(MessageFacts f, TransactionBuilder t, DialogBuilder d) {
        Event ev = event(f);
        SubscriptionBuilder s = find(d, ev);
        if (s == null) {
            s = takeWaiting(f.callId, f.toTag, ev);
            if (s != null) {
                attach(s, d);
                s.notifyBeforeResponse = s.subscribe != null && s.subscribe.finalResponse == null;
            } else {
                s = create(ev, f.frame, null, null, f.callId, f.toTag);
                attach(s, d);
            }
        }
        String value = f.header("Subscription-State");
        String state = null;
        String reason = null;
        Integer expires = null;
        if (value != null) {
            int semi = value.indexOf(';');
            state = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
            Map<String, String> params = params(semi < 0 ? "" : value.substring(semi));
            reason = params.get("reason");
            expires = MessageFacts.seconds(params.get("expires"));
        }
        s.notifies.add(new SubscriptionBuilder.NotifyEntry(t, f.frame, state, reason, expires));
        notifying.put(t, s);
        if (state != null) {
            switch (state) {
                case "active" -> s.state = Subscription.State.ACTIVE;
                case "pending" -> s.state = Subscription.State.PENDING;
                case "terminated" -> s.terminate(reason, f.frame);
                default -> {
                    // an unknown state is kept in the NOTIFY entry and changes nothing (RFC 6665 §4.1.3)
                }
            }
        }
        return s.state == Subscription.State.TERMINATED && dialogEnded(d);
    }

    /**
     * A final response (not a retransmission) to a SUBSCRIBE, REFER or NOTIFY. Returns true when it ended the
     * last subscription of a dialog with no other use.
     */
    boolean response(MessageFacts f, TransactionBuilder t, DialogBuilder d) {
        if (f.status < 200) {
            return false;
        }
        SubscriptionBuilder s = initial.remove(t);
        if (s != null) {
            if (f.success()) {
                s.grantedExpires = MessageFacts.seconds(f.header("Expires"));
                if (s.dialog == null && d != null) {
                    attach(s, d);
                    waiting.remove(new Waiting(s.callId, s.subscriberTag, s.event, s.eventId));
                }
            } else if (s.notifies.isEmpty()) {
                s.terminate(null, f.frame);
                waiting.remove(new Waiting(s.callId, s.subscriberTag, s.event, s.eventId));
            }
            return false;
        }
        SubscriptionBuilder.RefreshBuilder r = refreshing.remove(t);
        if (r != null) {
            if (f.success()) {
                r.grantedExpires = MessageFacts.seconds(f.header("Expires"));
            } else if (f.status == 481 && d != null) {
                return endAll(d, f.frame);
            }
            return false;
        }
        s = notifying.remove(t);
        if (s != null && f.status == 481) {
            s.terminate(null, f.frame);
            return s.dialog != null && dialogEnded(s.dialog);
        }
        return false;
    }

    private boolean endAll(DialogBuilder d, long frame) {
        for (SubscriptionBuilder s : d.subscriptions) {
            s.terminate(null, frame);
        }
        return dialogEnded(d);
    }

    /**
     * True when every subscription of a dialog made for subscriptions (by SUBSCRIBE, REFER or NOTIFY) has ended. A
     * dialog made by an INVITE, or first seen through another request, has another use and goes on.
     */
    private static boolean dialogEnded(DialogBuilder d) {
        boolean subscriptionDialog = "SUBSCRIBE".equals(d.method) || "REFER".equals(d.method)
                || "NOTIFY".equals(d.method);
        if (!subscriptionDialog || d.subscriptions.isEmpty()) {
            return false;
        }
        for (SubscriptionBuilder s : d.subscriptions) {
            if (s.state != Subscription.State.TERMINATED) {
                return false;
            }
        }
        return true;
    }

    /** The dialog's subscription for this event: same package and id, else the same package where one has no id. */
    private static SubscriptionBuilder find(DialogBuilder d, Event ev) {
        SubscriptionBuilder loose = null;
        for (int i = d.subscriptions.size() - 1; i >= 0; i--) {
            SubscriptionBuilder s = d.subscriptions.get(i);
            if (!s.event.equals(ev.event())) {
                continue;
            }
            if (Objects.equals(s.eventId, ev.id())) {
                return s;
            }
            if (loose == null && (s.eventId == null || ev.id() == null)) {
                loose = s;
            }
        }
        return loose;
    }

    private SubscriptionBuilder takeWaiting(String callId, String subscriberTag, Event ev) {
        SubscriptionBuilder s = waiting.remove(new Waiting(callId, subscriberTag, ev.event(), ev.id()));
        if (s != null) {
            return s;
        }
        Iterator<Map.Entry<Waiting, SubscriptionBuilder>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Waiting w = it.next().getKey();
            if (w.callId().equals(callId) && w.subscriberTag().equals(subscriberTag) && w.event().equals(ev.event())
                    && (w.eventId() == null || ev.id() == null)) {
                s = waiting.get(w);
                it.remove();
                return s;
            }
        }
        return null;
    }

    private SubscriptionBuilder create(Event ev, long frame, TransactionBuilder subscribe, Integer expires,
                                       String callId, String subscriberTag) {
        SubscriptionBuilder s = new SubscriptionBuilder(all.nextNumber(), ev.event(), ev.id(), frame, subscribe, expires,
                callId, subscriberTag);
        all.add(s);
        return s;
    }

    private static void attach(SubscriptionBuilder s, DialogBuilder d) {
        s.dialog = d;
        if (!d.subscriptions.contains(s)) {
            d.subscriptions.add(s);
        }
    }

    private static Event event(MessageFacts f) {
        String v = f.header("Event");
        if (v == null) {
            return new Event("", null);
        }
        int semi = v.indexOf(';');
        String pkg = (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        String id = semi < 0 ? null : params(v.substring(semi)).get("id");
        return new Event(pkg, id == null || id.isEmpty() ? null : id);
    }

    /** {@code ;name=value} parameters, names lower case, values unquoted. */
    private static Map<String, String> params(String s) {
        Map<String, String> out = new HashMap<>();
        for (String p : s.split(";")) {
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!name.isEmpty()) {
                out.putIfAbsent(name, value);
            }
        }
        return out;
    }

    /** Drops waiting entries whose transactions have left the lookup table. */
    SubscriptionTracker(boolean keepReleased) {
        this.all = new Ledger<>(s -> s.callId, s -> s.creation, keepReleased);
    }

    /** The Call-IDs of subscriptions whose NOTIFY or SUBSCRIBE is still awaited. */
    void openCallIds(java.util.Set<String> into) {
        for (SubscriptionBuilder s : waiting.values()) {
            into.add(s.callId);
        }
    }

    void sweep() {
        initial.keySet().removeIf(t -> !t.open);
        refreshing.keySet().removeIf(t -> !t.open);
        notifying.keySet().removeIf(t -> !t.open);
        waiting.values().removeIf(s -> s.subscribe != null && !s.subscribe.open);
    }

    Ledger<SubscriptionBuilder> all() {
        return all;
    }
}
