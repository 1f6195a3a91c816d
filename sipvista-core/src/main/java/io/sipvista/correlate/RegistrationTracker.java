package io.sipvista.correlate;

import io.sipvista.sip.NameAddr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows registrations (RFC 3261 §10) per address-of-record: each REGISTER's contacts with the expiry asked for
 * and the one granted, challenges and their retries, refreshes, de-registrations, 423 with Min-Expires, and the
 * bindings the last 2xx listed. Owns every registration; only REGISTERs waiting for a final response are tabled.
 */
final class RegistrationTracker {
    private static final ContactBuilder[] NO_CONTACTS = {};
    /** Up to this many attempts of one address-of-record are looked through for a Call-ID's latest. */
    static final int SCAN_ATTEMPTS = 8;

    /** Expiry seconds not given (the model's null): seconds are never negative. */
    private static final int NO_EXPIRY = -1;

    /** One contact of a REGISTER; expiries in seconds, {@link #NO_EXPIRY} when not given (no boxed Integer held). */
    private static final class ContactBuilder {
        final String uri;
        final int requested;
        int granted = NO_EXPIRY;

        ContactBuilder(String uri, Integer requested) {
            this.uri = uri;
            this.requested = requested == null ? NO_EXPIRY : requested;
        }
    }

    private static final class AttemptBuilder {
        /** The REGISTER's transaction by index: an attempt is kept to the end, its transaction is not. */
        final int transaction;
        final long requestFrame;
        final String callId;
        final long cseq;
        Registration.Purpose purpose;
        boolean credentials;
        int retryOf = -1;
        boolean wildcard;
        ContactBuilder[] contacts = NO_CONTACTS;
        int status;
        long responseFrame;
        Integer minExpires;
        String reason;
        /** The latest attempt before this one of the same address-of-record with the same Call-ID, or null. */
        AttemptBuilder earlierOfCallId;

        AttemptBuilder(TransactionBuilder transaction, long requestFrame, String callId, long cseq) {
            this.transaction = transaction.index;
            this.requestFrame = requestFrame;
            this.callId = callId;
            this.cseq = cseq;
        }

        Registration.Attempt build() {
            List<Registration.ContactExpiry> cs = new ArrayList<>(contacts.length);
            for (ContactBuilder c : contacts) {
                cs.add(new Registration.ContactExpiry(c.uri, boxed(c.requested), boxed(c.granted)));
            }
            return new Registration.Attempt(transaction, requestFrame, callId, cseq, purpose, credentials,
                    retryOf, wildcard, cs, status, responseFrame, minExpires, reason);
        }

        private static Integer boxed(int seconds) {
            return seconds == NO_EXPIRY ? null : seconds;
        }

        /** The string equal to {@code s} among this attempt's Call-ID and contact URIs, or {@code s}. */
        String same(String s) {
            if (callId.equals(s)) {
                return callId;
            }
            for (ContactBuilder c : contacts) {
                if (c.uri.equals(s)) {
                    return c.uri;
                }
            }
            return s;
        }
    }

    private static final class RegistrationBuilder {
        final String aor;
        final long firstFrame;
        final List<AttemptBuilder> attempts = new ArrayList<>(2);
        /** Bindings in force by comparison key (mostly one or two). */
        final Map<String, Registration.Binding> bindings = new LinkedHashMap<>(2);
        /**
         * The latest attempt of each Call-ID, once there are more than {@link #SCAN_ATTEMPTS} attempts (before that
         * they are looked through): a password-guessing tool's thousands of REGISTERs to one address-of-record, each
         * with a Call-ID of its own, made every REGISTER walk all the earlier ones.
         */
        Map<String, AttemptBuilder> latestOfCallId;

        RegistrationBuilder(String aor, long firstFrame) {
            this.aor = aor;
            this.firstFrame = firstFrame;
        }

        /** Adds the next attempt, linked to the latest earlier one with its Call-ID. */
        void add(AttemptBuilder a) {
            if (latestOfCallId != null) {
                a.earlierOfCallId = latestOfCallId.put(a.callId, a);
            } else {
                for (int i = attempts.size() - 1; i >= 0; i--) {
                    if (attempts.get(i).callId.equals(a.callId)) {
                        a.earlierOfCallId = attempts.get(i);
                        break;
                    }
                }
                if (attempts.size() >= SCAN_ATTEMPTS) {
                    latestOfCallId = new HashMap<>();
                    for (AttemptBuilder earlier : attempts) {
                        latestOfCallId.put(earlier.callId, earlier);
                    }
                    latestOfCallId.put(a.callId, a);
                }
            }
            attempts.add(a);
        }

        /**
         * The string equal to {@code s} that the latest attempt holds (its Call-ID or a contact URI), or {@code s}:
         * refreshes repeat them, and attempts are kept to the end of the capture.
         */
        String same(String s) {
            return attempts.isEmpty() ? s : attempts.get(attempts.size() - 1).same(s);
        }
    }

    private final Map<String, RegistrationBuilder> byAor = new LinkedHashMap<>();
    private final Map<TransactionBuilder, AttemptBuilder> waiting = new HashMap<>();

    /** A new REGISTER (not a retransmission). */
    void request(MessageFacts f, TransactionBuilder t) {
        RegistrationBuilder reg = byAor.computeIfAbsent(f.to.uri(), a -> new RegistrationBuilder(a, f.frame));
        AttemptBuilder a = new AttemptBuilder(t, f.frame, reg.same(f.callId), f.cseq.number());
        a.credentials = f.header("Authorization") != null || f.header("Proxy-Authorization") != null;
        Integer expiresHeader = MessageFacts.seconds(f.header("Expires"));
        for (String value : f.message.values("Contact")) {
            if (value.strip().equals("*")) {
                a.wildcard = true;
                continue;
            }
            NameAddr c = NameAddr.parse(value);
            Integer exp = MessageFacts.seconds(c.param("expires"));
            ContactBuilder contact = new ContactBuilder(reg.same(c.uri()), exp != null ? exp : expiresHeader);
            a.contacts = SmallArrays.append(a.contacts, contact);
        }
        a.purpose = purpose(a, reg);
        reg.add(a);
        for (AttemptBuilder p = a.earlierOfCallId; p != null; p = p.earlierOfCallId) {
            if (p.cseq < a.cseq) { // the attempt this one follows: a retry if that one was challenged
                if (p.status == 401 || p.status == 407 || p.status == 423) {
                    a.retryOf = p.transaction;
                }
                break;
            }
        }
        waiting.put(t, a);
    }

    private static Registration.Purpose purpose(AttemptBuilder a, RegistrationBuilder reg) {
        if (a.wildcard) {
            return Registration.Purpose.DEREGISTER;
        }
        if (a.contacts.length == 0) {
            return Registration.Purpose.QUERY;
        }
        boolean allZero = true;
        boolean bound = false;
        for (ContactBuilder c : a.contacts) {
            allZero &= c.requested == 0;
            bound |= reg.bindings.containsKey(key(c.uri));
        }
        if (allZero) {
            return Registration.Purpose.DEREGISTER;
        }
        return bound ? Registration.Purpose.REFRESH : Registration.Purpose.REGISTER;
    }

    /** A final response (not a retransmission) to a REGISTER. */
    void response(MessageFacts f, TransactionBuilder t) {
        if (f.status < 200) {
            return;
        }
        AttemptBuilder a = waiting.remove(t);
        RegistrationBuilder reg = byAor.computeIfAbsent(f.to.uri(), u -> new RegistrationBuilder(u, f.frame));
        if (a == null) {
            if (t.requestSeen()) {
                return; // a second final response; the first one counted
            }
            a = new AttemptBuilder(t, 0, reg.same(f.callId), f.cseq.number());
            a.purpose = Registration.Purpose.UNKNOWN;
            reg.add(a);
        }
        a.status = f.status;
        a.reason = f.reason;
        a.responseFrame = f.frame;
        if (f.status == 423) {
            a.minExpires = MessageFacts.seconds(f.header("Min-Expires"));
        }
        if (f.success()) {
            granted(f, a, reg);
        }
    }

    private static void granted(MessageFacts f, AttemptBuilder a, RegistrationBuilder reg) {
        Integer expiresHeader = MessageFacts.seconds(f.header("Expires"));
        Map<String, Registration.Binding> listed = new LinkedHashMap<>();
        for (String value : f.message.values("Contact")) {
            if (value.strip().equals("*")) {
                continue;
            }
            NameAddr c = NameAddr.parse(value);
            Integer exp = MessageFacts.seconds(c.param("expires"));
            Integer granted = exp != null ? exp : expiresHeader;
            listed.put(key(c.uri()), binding(c.uri(), granted, f.frame, f.time));
        }
        for (ContactBuilder c : a.contacts) {
            Registration.Binding b = listed.get(key(c.uri));
            c.granted = b == null || b.expires() == null ? NO_EXPIRY : b.expires();
        }
        if (!listed.isEmpty()) {
            reg.bindings.clear();
            for (Map.Entry<String, Registration.Binding> e : listed.entrySet()) {
                Integer exp = e.getValue().expires();
                if (exp == null || exp > 0) {
                    reg.bindings.put(e.getKey(), e.getValue());
                }
            }
            return;
        }
        // the registrar listed nothing: apply the request as asked
        if (a.wildcard) {
            reg.bindings.clear();
        }
        for (ContactBuilder c : a.contacts) {
            if (c.requested == 0) {
                reg.bindings.remove(key(c.uri));
            } else if (a.purpose != Registration.Purpose.QUERY) {
                reg.bindings.put(key(c.uri), binding(c.uri, expiresHeader, f.frame, f.time));
            }
        }
    }

    private static Registration.Binding binding(String uri, Integer expires, long frame, Instant at) {
        return new Registration.Binding(uri, expires, frame, expires == null ? null : at.plusSeconds(expires));
    }

    /**
     * The comparison key of a contact URI: without its parameters and headers, lower case. Registrars echo the URI
     * as it was registered, so this only has to absorb case and parameter differences.
     */
    private static String key(String uri) {
        int end = uri.length();
        int semi = uri.indexOf(';');
        int q = uri.indexOf('?');
        if (semi >= 0) {
            end = semi;
        }
        if (q >= 0 && q < end) {
            end = q;
        }
        return uri.substring(0, end).strip().toLowerCase(Locale.ROOT);
    }

    /** Drops REGISTERs whose transaction left the lookup table without a final response. */
    void sweep() {
        waiting.keySet().removeIf(t -> !t.open);
    }

    List<Registration> build() {
        List<Registration> out = new ArrayList<>(byAor.size());
        for (RegistrationBuilder r : byAor.values()) {
            List<Registration.Attempt> as = new ArrayList<>(r.attempts.size());
            for (AttemptBuilder a : r.attempts) {
                as.add(a.build());
            }
            out.add(new Registration(r.aor, r.firstFrame, as, new ArrayList<>(r.bindings.values())));
        }
        out.sort((x, y) -> Long.compare(x.firstFrame(), y.firstFrame()));
        return out;
    }
}
