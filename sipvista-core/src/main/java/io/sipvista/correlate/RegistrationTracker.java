package io.sipvista.correlate;

import io.sipvista.sip.NameAddr;
import io.sipvista.store.ByteSink;
import io.sipvista.store.ByteSource;
import io.sipvista.store.Codec;
import io.sipvista.store.RecordCodec;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Follows registrations (RFC 3261 §10) per address-of-record: each REGISTER's contacts with the expiry asked for
 * and the one granted, challenges and their retries, refreshes, de-registrations, 423 with Min-Expires, and the
 * bindings the last 2xx listed. Owns every registration; only REGISTERs waiting for a final response are tabled.
 */
final class RegistrationTracker {
    private static final ContactBuilder[] NO_CONTACTS = {};
    /** A REGISTER may retry one of the latest this many attempts of its Call-ID (see {@link Recent}). */
    static final int RECENT = 8;
    private static final Codec<Registration.Attempt> ATTEMPTS = RecordCodec.of(Registration.Attempt.class);
    private static final Codec<Registration.Binding> BINDINGS = RecordCodec.of(Registration.Binding.class);

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
        /** Answered, or left unanswered for good: nothing changes it any more. */
        boolean done;

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

    /**
     * The latest attempts of one Call-ID of one address-of-record, oldest first, at most {@link #RECENT}: their CSeq,
     * transaction and final status (read from the attempt itself while it may still be answered). A new REGISTER of
     * that Call-ID retries the latest of them with a lower CSeq, if that one was challenged.
     */
    private static final class Recent {
        long[] cseqs = new long[1];
        int[] transactions = new int[1];
        int[] statuses = new int[1];
        AttemptBuilder[] open = new AttemptBuilder[1];
        int size;

        void add(AttemptBuilder a) {
            add(a.cseq, a.transaction, a.status, a.done ? null : a);
        }

        void add(long cseq, int transaction, int status, AttemptBuilder stillOpen) {
            if (size == RECENT) {
                System.arraycopy(cseqs, 1, cseqs, 0, size - 1);
                System.arraycopy(transactions, 1, transactions, 0, size - 1);
                System.arraycopy(statuses, 1, statuses, 0, size - 1);
                System.arraycopy(open, 1, open, 0, size - 1);
                size--;
            } else if (size == cseqs.length) {
                int n = Math.min(RECENT, size * 2);
                cseqs = Arrays.copyOf(cseqs, n);
                transactions = Arrays.copyOf(transactions, n);
                statuses = Arrays.copyOf(statuses, n);
                open = Arrays.copyOf(open, n);
            }
            cseqs[size] = cseq;
            transactions[size] = transaction;
            statuses[size] = status;
            open[size] = stillOpen;
            size++;
        }

        /** {@code a} is done: its status is final, and the attempt need not be held for it. */
        void done(AttemptBuilder a) {
            for (int i = size - 1; i >= 0; i--) {
                if (open[i] == a) {
                    statuses[i] = a.status;
                    open[i] = null;
                    return;
                }
            }
        }

        /** The transaction a REGISTER of CSeq {@code cseq} retries, or -1. */
        int retryOf(long cseq) {
            for (int i = size - 1; i >= 0; i--) {
                if (cseqs[i] < cseq) { // the attempt this one follows: a retry if that one was challenged
                    int status = open[i] != null ? open[i].status : statuses[i];
                    return status == 401 || status == 407 || status == 423 ? transactions[i] : -1;
                }
            }
            return -1;
        }
    }

    private static final class RegistrationBuilder {
        final String aor;
        final long firstFrame;
        /** Bindings in force by comparison key (mostly one or two). */
        Map<String, Registration.Binding> bindings = new LinkedHashMap<>(2);
        /**
         * The attempts done, in order, up to the first one still waiting: as bytes, {@link #ATTEMPTS}; a registrar
         * sees refreshes all day, and each attempt as objects cost ~250 bytes.
         */
        ByteSink doneBytes;
        int doneCount;
        /** The attempts after those, in order: the first still waiting, and any after it. */
        List<AttemptBuilder> later = new ArrayList<>(2);
        AttemptBuilder latest;
        /** The recent attempts of the first Call-ID seen; of any other, in {@link #recentOf}. */
        String firstCallId;
        Recent firstRecent;
        Map<String, Recent> recentOf;

        /**
         * While nothing of it waits and no REGISTER came since the last sweep: everything above as bytes
         * ({@link #pack}), the fields null; a REGISTER or response for it unpacks it. A registrar's phones are many
         * and idle between refreshes, and each as objects cost ~1.2 KB.
         */
        byte[] packed;
        /** Listed in {@link #touched} since the last sweep. */
        boolean touched;

        RegistrationBuilder(String aor, long firstFrame) {
            this.aor = aor;
            this.firstFrame = firstFrame;
        }

        /** Packs this address-of-record's state when nothing of it is waiting; true if it did. */
        boolean pack(ByteSink scratch) {
            if (packed != null || !later.isEmpty()) {
                return packed != null;
            }
            scratch.clear();
            scratch.writeVarLong(doneCount);
            int n = doneBytes == null ? 0 : doneBytes.size();
            scratch.writeVarLong(n);
            if (n > 0) {
                scratch.writeBytes(doneBytes.array(), 0, n);
            }
            scratch.writeVarLong(bindings.size());
            for (Map.Entry<String, Registration.Binding> e : bindings.entrySet()) {
                scratch.writeString(e.getKey());
                BINDINGS.write(e.getValue(), scratch);
            }
            int callIds = (firstCallId == null ? 0 : 1) + (recentOf == null ? 0 : recentOf.size());
            scratch.writeVarLong(callIds);
            if (firstCallId != null) {
                writeRecent(firstCallId, firstRecent, scratch);
            }
            if (recentOf != null) {
                for (Map.Entry<String, Recent> e : recentOf.entrySet()) {
                    writeRecent(e.getKey(), e.getValue(), scratch);
                }
            }
            packed = Arrays.copyOf(scratch.array(), scratch.size());
            bindings = null;
            doneBytes = null;
            later = null;
            latest = null;
            firstCallId = null;
            firstRecent = null;
            recentOf = null;
            return true;
        }

        private static void writeRecent(String callId, Recent r, ByteSink out) {
            out.writeString(callId);
            out.writeVarLong(r.size);
            for (int i = 0; i < r.size; i++) {
                out.writeZigZag(r.cseqs[i]).writeVarLong(r.transactions[i]).writeVarLong(r.statuses[i]);
            }
        }

        /** Unpacks what {@link #pack} packed; nothing when it is not packed. */
        void unpack() {
            if (packed == null) {
                return;
            }
            ByteSource in = new ByteSource(packed, 0, packed.length);
            doneCount = (int) in.readVarLong();
            int n = (int) in.readVarLong();
            if (n > 0) {
                doneBytes = new ByteSink(n);
                doneBytes.writeBytes(packed, in.position(), n);
                in.skip(n);
            }
            bindings = new LinkedHashMap<>(2);
            for (long i = in.readVarLong(); i > 0; i--) {
                String key = in.readString();
                bindings.put(key, BINDINGS.read(in));
            }
            later = new ArrayList<>(2);
            for (long c = in.readVarLong(); c > 0; c--) {
                String callId = in.readString();
                Recent r = recent(callId, true);
                for (long k = in.readVarLong(); k > 0; k--) {
                    long cseq = in.readZigZag();
                    int transaction = (int) in.readVarLong();
                    r.add(cseq, transaction, (int) in.readVarLong(), null);
                }
            }
            packed = null;
        }

        /** The recent attempts of {@code callId}, made when {@code create}, else null when none. */
        Recent recent(String callId, boolean create) {
            if (firstCallId == null || firstCallId.equals(callId)) {
                if (firstCallId == null && create) {
                    firstCallId = callId;
                    firstRecent = new Recent();
                }
                return firstRecent;
            }
            if (recentOf == null) {
                if (!create) {
                    return null;
                }
                recentOf = new HashMap<>();
            }
            return create ? recentOf.computeIfAbsent(callId, k -> new Recent()) : recentOf.get(callId);
        }

        /** Adds the next attempt (its retry already found). */
        void add(AttemptBuilder a) {
            recent(a.callId, true).add(a);
            later.add(a);
            latest = a;
        }

        /** {@code a} of this address-of-record is done: kept as bytes once every attempt before it is. */
        void done(AttemptBuilder a) {
            a.done = true;
            recent(a.callId, false).done(a);
            int n = 0;
            while (n < later.size() && later.get(n).done) {
                if (doneBytes == null) {
                    doneBytes = new ByteSink(64);
                }
                ATTEMPTS.write(later.get(n).build(), doneBytes);
                doneCount++;
                n++;
            }
            if (n > 0) {
                later.subList(0, n).clear();
            }
        }

        /**
         * The string equal to {@code s} that the latest attempt holds (its Call-ID or a contact URI), or {@code s}:
         * refreshes repeat them, and attempts are kept to the end of the capture.
         */
        String same(String s) {
            return latest == null ? s : latest.same(s);
        }

        /** Every attempt, in order: those done read back from their bytes. */
        List<Registration.Attempt> attempts() {
            List<Registration.Attempt> out = new ArrayList<>(doneCount + later.size());
            if (doneBytes != null) {
                ByteSource in = new ByteSource(doneBytes.array(), 0, doneBytes.size());
                for (int i = 0; i < doneCount; i++) {
                    out.add(ATTEMPTS.read(in));
                }
            }
            for (AttemptBuilder a : later) {
                out.add(a.build());
            }
            return out;
        }

        /** The registration as it stands (packed or not; this builder is not changed). */
        Registration build() {
            if (packed != null) {
                RegistrationBuilder copy = new RegistrationBuilder(aor, firstFrame);
                copy.packed = packed;
                copy.unpack();
                return copy.build();
            }
            return new Registration(aor, firstFrame, attempts(), new ArrayList<>(bindings.values()));
        }
    }

    /**
     * The registrations of a capture once it ended, in order of first frame, each built from its builder as it is
     * read (the attempts decoded from their bytes): all of them as objects at once cost what holding them did.
     */
    static final class Built extends AbstractList<Registration> implements RandomAccess {
        private final RegistrationBuilder[] builders;

        private Built(RegistrationBuilder[] builders) {
            this.builders = builders;
        }

        @Override
        public Registration get(int index) {
            return builders[index].build();
        }

        @Override
        public int size() {
            return builders.length;
        }
    }

    private final Map<String, RegistrationBuilder> byAor = new LinkedHashMap<>();
    /** A REGISTER waiting for its final response, and the address-of-record it was filed under. */
    private record Waiting(AttemptBuilder attempt, RegistrationBuilder reg) {
    }

    private final Map<TransactionBuilder, Waiting> waiting = new HashMap<>();
    /** Addresses-of-record unpacked since the last sweep, packed at the next one when nothing of theirs waits. */
    private final List<RegistrationBuilder> touched = new ArrayList<>();
    private final ByteSink scratch = new ByteSink(256);

    /** The registration of {@code aor}, new or unpacked, listed to be packed at the next sweep. */
    private RegistrationBuilder registration(String aor, long frame) {
        RegistrationBuilder reg = byAor.computeIfAbsent(aor, a -> new RegistrationBuilder(a, frame));
        reg.unpack();
        if (!reg.touched) {
            reg.touched = true;
            touched.add(reg);
        }
        return reg;
    }

    /** A new REGISTER (not a retransmission). */
    void request(MessageFacts f, TransactionBuilder t) {
        RegistrationBuilder reg = registration(f.to.uri(), f.frame);
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
        Recent recent = reg.recent(a.callId, false);
        if (recent != null) {
            a.retryOf = recent.retryOf(a.cseq);
        }
        reg.add(a);
        waiting.put(t, new Waiting(a, reg));
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
        Waiting w = waiting.remove(t);
        AttemptBuilder a = w == null ? null : w.attempt;
        RegistrationBuilder reg = registration(f.to.uri(), f.frame);
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
        // the attempt's own address-of-record (the response's To may differ from its request's)
        (w == null ? reg : w.reg).done(a);
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
        waiting.entrySet().removeIf(e -> {
            if (e.getKey().open) {
                return false;
            }
            e.getValue().reg.done(e.getValue().attempt); // never answered
            return true;
        });
        int kept = 0;
        for (RegistrationBuilder reg : touched) {
            if (reg.pack(scratch)) {
                reg.touched = false;
            } else {
                touched.set(kept++, reg); // something of it still waits
            }
        }
        touched.subList(kept, touched.size()).clear();
    }

    /** Addresses-of-record packed now (for tests). */
    int packed() {
        int n = 0;
        for (RegistrationBuilder r : byAor.values()) {
            n += r.packed != null ? 1 : 0;
        }
        return n;
    }

    /** The registrations, in order of first frame; call once, at the end (what is still waiting is done then). */
    List<Registration> build() {
        for (Waiting w : waiting.values()) {
            w.reg.done(w.attempt);
        }
        waiting.clear();
        RegistrationBuilder[] regs = byAor.values().toArray(new RegistrationBuilder[0]);
        Arrays.sort(regs, (x, y) -> Long.compare(x.firstFrame, y.firstFrame));
        return new Built(regs);
    }
}
