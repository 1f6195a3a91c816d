package io.sipvista.correlate;

import io.sipvista.sip.NameAddr;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Sdp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What may tie the leg of one Call-ID to the leg of another in {@link CallAssembler}, gathered message by message
 * for the Call-IDs a streaming analysis holds, so that it assembles only the Call-IDs that can end up in one call
 * with those that settled, not everything it holds.
 *
 * <p>It over-approximates every tie the assembler makes, and never misses one:
 * <ul>
 *   <li>header and transfer ties ({@link CallLeg.Tie#HEADER}, {@link CallLeg.Tie#TRANSFER}) by shared keys,
 *       whatever the time: the Call-ID itself, the X-CID, Session-ID and icid-value of any initial INVITE (the
 *       assembler's own {@link CallAssembler#headerKeys}), a Replaces target; every Call-ID with a REFER or an
 *       INVITE with Referred-By shares one key;</li>
 *   <li>number ties ({@link CallLeg.Tie#MATCH}) by a called or calling number of any initial INVITE, normalised
 *       the way the assembler compares them, between Call-IDs whose legs may start within
 *       {@link CallAssembler#TIE_WINDOW} of each other;</li>
 *   <li>media ties (MATCH and {@link CallLeg.Tie#MEDIA}) by any {@code c=}/{@code m=} address of any SDP, between
 *       a Call-ID whose leg may start within the window of any message of the other.</li>
 * </ul>
 * A leg starts with its first initial INVITE (or, without one, with one of its messages), so its start lies
 * between the Call-ID's earliest message and the latest message given up to its first initial INVITE request.
 * Assembling a set of Call-IDs closed under these links gives the calls assembling everything would give for
 * them: no leg outside the set can tie to a leg inside it.
 */
public final class CallLinks {
    private static final String TRANSFER = "transfer";
    private static final String CALL_ID = "callid:";
    private static final String[] NONE = {};
    /** About year 2255: seconds beyond this are clamped so that nanoseconds fit a long. */
    private static final long MAX_SECONDS = 9_000_000_000L;

    /**
     * A number or media address held by more Call-IDs than this is searched by time in a closure ({@link Run})
     * rather than holder by holder: a SIP scanner's INVITEs to one number, or a flood of INVITEs with the same SDP,
     * made the walk quadratic.
     */
    static final int SCAN_LIMIT = 16;

    private final long windowNanos;
    private final int scanLimit;
    /** How many pairs of Call-IDs closures tested for being near in time (for tests of the work done). */
    long nearTests;
    private final Map<String, Entry> entries = new HashMap<>();
    /**
     * Which known Call-IDs have each header or transfer key (besides a Call-ID's own, which {@link #entries} finds),
     * each number and each media address: kept as Call-IDs gain them and are forgotten, so that a closure walks what
     * it reaches, not everything held. A value is one {@link Entry}, or a list of several (a number or transfer key
     * many held Call-IDs share grows it by one at a time).
     */
    private final Map<String, Object> byKey = new HashMap<>();
    private final Map<String, Object> byNumber = new HashMap<>();
    private final Map<String, Object> byMedia = new HashMap<>();

    /** Links with the assembler's own window, {@link CallAssembler#TIE_WINDOW}. */
    public CallLinks() {
        this(CallAssembler.TIE_WINDOW);
    }

    CallLinks(Duration window) {
        this(window, SCAN_LIMIT);
    }

    /** Links whose numbers and addresses are searched by time when more than {@code scanLimit} Call-IDs hold them. */
    CallLinks(Duration window, int scanLimit) {
        this.windowNanos = window.toNanos();
        this.scanLimit = scanLimit;
    }

    /** What is known of one Call-ID; each set is an insertion-ordered array of distinct values. */
    private static final class Entry {
        final String callId;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        /** The latest message time up to the first initial INVITE request; MIN_VALUE before it. */
        long startBound = Long.MIN_VALUE;
        /** Header and transfer keys besides the Call-ID's own ({@code "callid:"} and the Call-ID, never held). */
        String[] otherKeys = NONE;
        String[] numbers = NONE;
        String[] media = NONE;
        /**
         * {@link #media} again, once it has more than {@link #SCAN_LIMIT} addresses, for telling a new one: an SDP
         * with hundreds of m= lines made each address look through all the others.
         */
        Set<String> mediaSet;

        /** Adds a media address; false when the Call-ID had it already. */
        boolean addMedia(String a) {
            if (mediaSet != null) {
                if (!mediaSet.add(a)) {
                    return false;
                }
                media = SmallArrays.append(media, a);
                return true;
            }
            String[] before = media;
            media = SmallArrays.appendAbsent(before, a);
            if (media == before) {
                return false;
            }
            if (media.length > SCAN_LIMIT) {
                mediaSet = new HashSet<>(Arrays.asList(media));
            }
            return true;
        }

        Entry(String callId) {
            this.callId = callId;
        }

        boolean hasInvite() {
            return startBound != Long.MIN_VALUE;
        }

        /** Latest the leg can start. */
        long startHigh() {
            return hasInvite() ? startBound : last;
        }
    }

    /** Takes the next message of {@code callId} (in capture order). */
    public void add(String callId, SipEvent event) {
        Entry e = entries.computeIfAbsent(callId, Entry::new);
        long t = nanos(event.time());
        e.first = Math.min(e.first, t);
        e.last = Math.max(e.last, t);
        SipMessage m = event.message();
        for (Sdp sdp : event.sdp()) {
            for (String a : CallAssembler.mediaAddresses(sdp)) {
                if (e.addMedia(a)) {
                    put(byMedia, a, e);
                }
            }
        }
        if (!m.isRequest()) {
            return;
        }
        if ("REFER".equals(m.method())) {
            key(e, TRANSFER);
            return;
        }
        NameAddr to = m.to();
        if (!"INVITE".equals(m.method()) || (to != null && to.tag() != null)) {
            return;
        }
        if (!e.hasInvite()) {
            e.startBound = e.last;
        }
        for (String k : CallAssembler.headerKeys(m)) {
            key(e, k);
        }
        String replaces = m.header("Replaces");
        if (replaces != null) {
            key(e, CALL_ID + CallAssembler.beforeSemicolon(replaces));
        }
        if (m.header("Referred-By") != null) {
            key(e, TRANSFER);
        }
        NameAddr from = m.from();
        number(e, "c", CallAssembler.userOf(m.requestUri()));
        number(e, "c", to == null ? null : CallAssembler.userOf(to.uri()));
        number(e, "f", from == null ? null : CallAssembler.userOf(from.uri()));
    }

    /** Gives {@code e} a header or transfer key. */
    private void key(Entry e, String k) {
        String[] before = e.otherKeys;
        e.otherKeys = SmallArrays.appendAbsent(before, k);
        if (e.otherKeys != before) {
            put(byKey, k, e);
        }
    }

    /** Keys a called ("c") or calling ("f") user part the way the assembler compares numbers. */
    private void number(Entry e, String role, String user) {
        String n = CallAssembler.number(user);
        if (n != null) {
            String k = role + CallAssembler.numberKey(n);
            String[] before = e.numbers;
            e.numbers = SmallArrays.appendAbsent(before, k);
            if (e.numbers != before) {
                put(byNumber, k, e);
            }
        }
    }

    /**
     * Forgets these Call-IDs (they settled and were made final). Each key they held is rewritten once, whatever
     * number of them held it: removing them one at a time from a number thousands held was quadratic.
     */
    public void remove(Collection<String> callIds) {
        Set<Entry> gone = new HashSet<>(); // by identity
        Set<String> keys = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Set<String> media = new HashSet<>();
        for (String id : callIds) {
            Entry e = entries.remove(id);
            if (e != null) {
                gone.add(e);
                keys.addAll(Arrays.asList(e.otherKeys));
                numbers.addAll(Arrays.asList(e.numbers));
                media.addAll(Arrays.asList(e.media));
            }
        }
        drop(byKey, keys, gone);
        drop(byNumber, numbers, gone);
        drop(byMedia, media, gone);
    }

    /** Adds {@code e} to the holders of {@code k}. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> index, String k, Entry e) {
        Object v = index.get(k);
        if (v == null) {
            index.put(k, e);
        } else if (v instanceof Entry one) {
            List<Entry> several = new ArrayList<>(4);
            several.add(one);
            several.add(e);
            index.put(k, several);
        } else {
            ((List<Entry>) v).add(e);
        }
    }

    /** Removes the entries {@code gone} from the holders of each of {@code keys}. */
    @SuppressWarnings("unchecked")
    private static void drop(Map<String, Object> index, Set<String> keys, Set<Entry> gone) {
        for (String k : keys) {
            Object v = index.get(k);
            if (v instanceof Entry one) {
                if (gone.contains(one)) {
                    index.remove(k);
                }
            } else if (v instanceof List<?> several) {
                List<Entry> rest = (List<Entry>) several;
                rest.removeIf(gone::contains);
                if (rest.isEmpty()) {
                    index.remove(k);
                } else if (rest.size() == 1) {
                    index.put(k, rest.get(0));
                }
            }
        }
    }

    /** The holders of {@code k} in {@code index}: none, one or several. */
    @SuppressWarnings("unchecked")
    private static List<Entry> holders(Map<String, Object> index, String k) {
        Object v = index.get(k);
        return v == null ? List.of() : v instanceof Entry one ? List.of(one) : (List<Entry>) v;
    }

    /** How many Call-IDs are known. */
    public int size() {
        return entries.size();
    }

    /** The latest message time of any known Call-ID, or null when none is known. */
    public Instant horizon() {
        long max = Long.MIN_VALUE;
        for (Entry e : entries.values()) {
            max = Math.max(max, e.last);
        }
        return max == Long.MIN_VALUE ? null : Instant.ofEpochSecond(Math.floorDiv(max, 1_000_000_000L),
                Math.floorMod(max, 1_000_000_000L));
    }

    /**
     * The known Call-IDs whose legs may end up in one call with a leg of {@code seeds}, the seeds included (those
     * known): the closure of the seeds under the links of the class comment.
     */
    public Set<String> closure(Set<String> seeds) {
        Set<String> out = new HashSet<>();
        Set<String> keysDone = new HashSet<>();
        ArrayDeque<Entry> queue = new ArrayDeque<>();
        Map<String, Run> runs = null; // the numbers and media addresses with many holders met so far
        for (String s : seeds) {
            Entry e = entries.get(s);
            if (e != null && out.add(s)) {
                queue.add(e);
            }
        }
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            // every Call-ID with one of e's keys joins, whatever the time: once per key. The Call-ID's own key is
            // held by e itself and by whoever names it (Replaces); another "callid:" key also by that Call-ID.
            String own = CALL_ID + e.callId;
            if (keysDone.add(own)) {
                joinAll(holders(byKey, own), out, queue);
            }
            for (String k : e.otherKeys) {
                if (keysDone.add(k)) {
                    joinAll(holders(byKey, k), out, queue);
                    if (k.startsWith(CALL_ID)) {
                        Entry named = entries.get(k.substring(CALL_ID.length()));
                        if (named != null && out.add(named.callId)) {
                            queue.add(named);
                        }
                    }
                }
            }
            for (String n : e.numbers) {
                runs = reach(e, n, false, runs, out, queue);
            }
            for (String a : e.media) {
                runs = reach(e, a, true, runs, out, queue);
            }
        }
        return out;
    }

    /**
     * Joins to {@code out} (and the queue) every holder of number or media address {@code key} that may be tied to
     * {@code e}: holder by holder when few hold it, else through the key's {@link Run}, kept in {@code runs} for the
     * rest of the closure ({@code runs} is made when first needed, and returned).
     */
    private Map<String, Run> reach(Entry e, String key, boolean media, Map<String, Run> runs, Set<String> out,
                                   ArrayDeque<Entry> queue) {
        List<Entry> holders = holders(media ? byMedia : byNumber, key);
        if (holders.size() <= scanLimit) {
            for (Entry o : holders) {
                if (!out.contains(o.callId) && near(e, o, media)) {
                    out.add(o.callId);
                    queue.add(o);
                }
            }
            return runs;
        }
        Map<String, Run> r = runs == null ? new HashMap<>() : runs;
        r.computeIfAbsent((media ? "m " : "n ") + key, k -> new Run(holders, media)).join(e, out, queue);
        return r;
    }

    /** Whether {@code o} may be tied to {@code e} by a shared media address, or by a shared number. */
    private boolean near(Entry e, Entry o, boolean media) {
        return media ? mediaNear(e, o) : startsNear(e, o);
    }

    private static void joinAll(List<Entry> holders, Set<String> out, ArrayDeque<Entry> queue) {
        for (Entry o : holders) {
            if (out.add(o.callId)) {
                queue.add(o);
            }
        }
    }

    /**
     * The holders of one number or media address in order of their first message, as one closure meets them: each
     * is joined at most once and then skipped, and a leg looks only at those whose first message is near enough in
     * time to be tied to it, so a closure over a key held by n Call-IDs tests about n pairs, not n squared (a
     * scanner's 20,000 INVITEs to one number, all within seconds).
     *
     * <p>A holder {@code b} can tie to {@code e} only when their ranges come within the window: for a number, from
     * the first message to the latest possible start ({@link #startsNear}; every holder of a number has an initial
     * INVITE, since numbers come from it); for a media address, from the first message to the last
     * ({@link #mediaNear} asks less, between a start and any message). So b's first message lies between e's first
     * message less the window and the longest such range of any holder, and the end of e's range plus the window.
     */
    private final class Run {
        private final boolean media;
        private final Entry[] holders;
        private final long[] firsts;
        /** Skip pointers: the first holder at or after i not yet joined is {@code skip(i)}; n is the end. */
        private final int[] next;
        /** The longest range of a holder, from its first message to its range's end. */
        private final long maxSpan;

        Run(List<Entry> all, boolean media) {
            this.media = media;
            holders = all.toArray(new Entry[0]);
            Arrays.sort(holders, Comparator.comparingLong(o -> o.first));
            int n = holders.length;
            firsts = new long[n];
            next = new int[n + 1];
            long span = 0;
            for (int i = 0; i < n; i++) {
                firsts[i] = holders[i].first;
                next[i] = i;
                long d = end(holders[i]) - holders[i].first; // never negative, but for an overflow
                span = Math.max(span, d < 0 ? Long.MAX_VALUE : d);
            }
            next[n] = n;
            maxSpan = span;
        }

        /** Where the range of {@code o} that a tie compares ends. */
        private long end(Entry o) {
            return media ? o.last : o.startHigh();
        }

        /** Joins every holder not yet in {@code out} that may be tied to {@code e}. */
        void join(Entry e, Set<String> out, ArrayDeque<Entry> queue) {
            long lo = e.first - windowNanos;
            lo = lo < Long.MIN_VALUE + maxSpan ? Long.MIN_VALUE : lo - maxSpan;
            long hi = end(e) + windowNanos;
            int from = 0; // the first holder whose first message is at or after lo
            for (int to = firsts.length; from < to; ) {
                int mid = (from + to) >>> 1;
                if (firsts[mid] < lo) {
                    from = mid + 1;
                } else {
                    to = mid;
                }
            }
            for (int i = skip(from); i < holders.length && firsts[i] <= hi; i = skip(i + 1)) {
                Entry o = holders[i];
                if (out.contains(o.callId)) {
                    next[i] = i + 1; // joined through another link: nothing more to do with it here
                } else if (near(e, o, media)) {
                    out.add(o.callId);
                    queue.add(o);
                    next[i] = i + 1;
                }
            }
        }

        /** The first holder at or after {@code i} not yet joined (path halving). */
        private int skip(int i) {
            while (next[i] != i) {
                next[i] = next[next[i]];
                i = next[i];
            }
            return i;
        }
    }

    /** Both legs have an initial INVITE and may start within the window of each other. */
    private boolean startsNear(Entry a, Entry b) {
        nearTests++;
        return a.hasInvite() && b.hasInvite() && gap(a.first, a.startHigh(), b.first, b.startHigh()) <= windowNanos;
    }

    /** One leg may start within the window of a message of the other (a re-INVITE or UPDATE bridging it in). */
    private boolean mediaNear(Entry a, Entry b) {
        nearTests++;
        return gap(a.first, a.startHigh(), b.first, b.last) <= windowNanos
                || gap(b.first, b.startHigh(), a.first, a.last) <= windowNanos;
    }

    /** The distance between two time ranges; 0 when they overlap. */
    private static long gap(long aFrom, long aTo, long bFrom, long bTo) {
        return Math.max(0, Math.max(aFrom, bFrom) - Math.min(aTo, bTo));
    }

    /** Capture time in nanoseconds; absurd times are clamped, which can only add links, never lose one. */
    private static long nanos(Instant t) {
        long s = Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, t.getEpochSecond()));
        return s * 1_000_000_000L + t.getNano();
    }
}
