package io.sipvista.insight;

import io.sipvista.bytes.IpText;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallOutcome;
import io.sipvista.correlate.CallParty;
import io.sipvista.correlate.Correlation;
import io.sipvista.correlate.Dialog;
import io.sipvista.correlate.Registration;
import io.sipvista.correlate.SdpExchange;
import io.sipvista.correlate.SipEvent;
import io.sipvista.correlate.Transaction;
import io.sipvista.sip.NameAddr;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.Via;
import io.sipvista.sip.sdp.Connection;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Call- and capture-level diagnosis: reads the correlated model, the assembled calls and the messages, and says
 * what went wrong (failed calls and why, credentials rejected again and again, a 2xx never acknowledged, an INVITE
 * never answered, a CANCEL crossing a 2xx, loops and glare, offer/answer violations, private addresses behind NAT,
 * lapsed registrations, expired session timers), each with the frames that show it. Detection is code; the words
 * are {@link FindingCatalog}'s.
 */
public final class FindingDetector {
    /** Timer B: 64 × T1 (500 ms), RFC 3261 §17.1.1.2. */
    private static final Duration TIMER_B = Duration.ofSeconds(32);
    /**
     * A gap between consecutive messages this long is no pause in a capture but a jump (captures pieced together,
     * a clock that was set in between, one odd timestamp): what came after it says nothing of what was pending.
     */
    static final Duration JUMP = Duration.ofDays(1);
    /** Statuses reported per transaction (whatever the method), not as a call failure. */
    private static final Map<Integer, String> TRANSACTION_STATUSES = Map.of(
            481, "dialog.does_not_exist",
            482, "request.loop_detected",
            483, "request.too_many_hops",
            488, "offer.not_acceptable",
            606, "offer.not_acceptable",
            491, "request.pending");
    private static final Pattern REALM = Pattern.compile("(?i)\\brealm\\s*=\\s*\"?([^\",]*)\"?");
    private static final Pattern STALE = Pattern.compile("(?i)\\bstale\\s*=\\s*\"?true");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d{1,9})");

    private final Correlation correlation;
    private final List<Call> calls;
    private final List<SipEvent> events;
    private final Instant captureEnd;
    private final FindingCatalog catalog = FindingCatalog.standard();
    /**
     * The events' frame numbers, in the events' order, when that order is by frame (as every caller gives them):
     * {@link #event} then searches them. Null otherwise, and {@link #byFrame} is made instead.
     */
    private final long[] frameNumbers;
    /** The events, when {@link #frameNumbers} is not null. */
    private final SipEvent[] inFrameOrder;
    /** The first event of each frame, for events not in frame order; else null. */
    private final Map<Long, SipEvent> byFrame;
    private final Map<String, String> callOf = new HashMap<>();
    /** The transactions of each Call-ID in model order, made when first asked for. */
    private Map<String, List<Transaction>> transactionsByCallId;
    /** The messages in frame and time order for {@link #watch}, made when first asked for. */
    private Timeline timeline;
    private final Running run;

    private FindingDetector(Correlation correlation, List<Call> calls, List<SipEvent> events, Instant captureEnd,
                            Running run) {
        this.correlation = correlation;
        this.calls = calls;
        this.events = events;
        this.captureEnd = captureEnd;
        this.run = run;
        SipEvent[] all = events.toArray(new SipEvent[0]);
        long[] numbers = new long[all.length];
        boolean ordered = true;
        for (int i = 0; i < all.length; i++) {
            numbers[i] = all[i].frame();
            ordered &= i == 0 || numbers[i - 1] <= numbers[i];
        }
        this.frameNumbers = ordered ? numbers : null;
        this.inFrameOrder = ordered ? all : null;
        this.byFrame = ordered ? null : new HashMap<>();
        if (!ordered) {
            for (SipEvent e : events) {
                byFrame.putIfAbsent(e.frame(), e);
            }
        }
        for (Call call : calls) {
            for (String id : call.callIds()) {
                callOf.putIfAbsent(id, call.id());
            }
        }
    }

    /**
     * The findings of a capture whose last message is its last frame, ordered by first evidence frame, then id.
     *
     * @param correlation what {@link io.sipvista.correlate.Correlator#finish()} returned for {@code events}
     * @param calls       what {@link io.sipvista.correlate.CallAssembler} made of them
     * @param events      the messages in capture order
     */
    public static List<Finding> detect(Correlation correlation, List<Call> calls, List<SipEvent> events) {
        Instant end = events.isEmpty() ? Instant.EPOCH : events.get(events.size() - 1).time();
        return detect(correlation, calls, events, end);
    }

    /**
     * The findings of a capture that ends at {@code captureEnd} (the time of its last frame, SIP or not), ordered
     * by first evidence frame, then id.
     */
    public static List<Finding> detect(Correlation correlation, List<Call> calls, List<SipEvent> events,
                                       Instant captureEnd) {
        Running run = new Running();
        run.add(correlation, calls, events, captureEnd);
        return run.finish(correlation.registrations(), captureEnd, id -> id);
    }

    /**
     * Findings made part by part, for an analysis that settles calls as the capture goes and forgets their messages:
     * {@link #add} each settled part (the model of its Call-IDs, its calls and messages), then {@link #finish} once
     * with the registrations and the capture's end. The findings equal those of {@link #detect} over the whole
     * capture, as long as no part is added before its Call-IDs have nothing open. A finding is kept as its catalog
     * id, values and evidence until {@link #finish}, which renders it with each call's final id.
     */
    public static final class Running {
        private record Pending(String id, Map<String, String> values, List<Long> frames, String call) {
        }

        private final List<Pending> pending = new ArrayList<>();
        /** Private addresses per finding id, sender and address, gathered over every part. */
        private final Map<String, TreeSet<Long>> natFrames = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> natValues = new HashMap<>();
        private final Map<String, String> natCalls = new HashMap<>();
        /** Per private-address key: the sender's host and the public address it was seen from. */
        private final Map<String, String[]> natHosts = new HashMap<>();
        /** Hosts a request was sent to and answered from, anywhere in the capture: reachable through their NAT. */
        private final Set<String> reachable = new HashSet<>();

        /**
         * The findings of one settled part. {@code now}: a time after every message of the part (the capture's end
         * when the part is the whole capture).
         */
        public void add(Correlation part, List<Call> calls, List<SipEvent> events, Instant now) {
            add(part, calls, events, now, true);
        }

        /**
         * {@link #add(Correlation, List, List, Instant)}, told whether any of {@code events} {@link #mayShowNat}: when
         * none does, the part's messages are not read again for the NAT findings (a part's messages are no longer in
         * the processor's cache when it settles, and most parts have no public address at all).
         */
        public void add(Correlation part, List<Call> calls, List<SipEvent> events, Instant now, boolean natPossible) {
            FindingDetector d = new FindingDetector(part, calls, events, now, this);
            d.failedCalls();
            d.challengeLoops();
            d.missingAcks();
            d.unansweredInvites();
            d.cancelRaces();
            d.transactionStatuses();
            d.offerAnswer();
            d.privateAddresses(natPossible);
            d.sessionTimers();
        }

        /**
         * Whether a message may give a NAT finding: sent from a public IPv4 address, or with a public address in its
         * top Via's received. A part none of whose messages may gives none. Cheap enough to ask of every message as
         * it arrives, while it is at hand.
         */
        public static boolean mayShowNat(SipEvent e) {
            return publicReceived(e) != null || IpAddresses.publicV4Endpoint(e.src());
        }

        /**
         * Every finding, ordered by first evidence frame, then id and text.
         *
         * @param registrations the capture's registrations (findings about them need the capture's end)
         * @param captureEnd    the time of the capture's last frame
         * @param callIds       the final id of a call, given the id its part had
         */
        public List<Finding> finish(List<Registration> registrations, Instant captureEnd,
                                    java.util.function.UnaryOperator<String> callIds) {
            Correlation capture = new Correlation(List.of(), List.of(), registrations, List.of(), List.of(), List.of());
            FindingDetector d = new FindingDetector(capture, List.of(), List.of(), captureEnd, this);
            for (Map.Entry<String, TreeSet<Long>> en : natFrames.entrySet()) {
                String id = en.getKey().substring(0, en.getKey().indexOf(' '));
                String[] hosts = natHosts.get(en.getKey());
                if ("nat.private_contact".equals(id) && hosts != null
                        && (reachable.contains(hosts[0]) || reachable.contains(hosts[1]))) {
                    continue; // a request to the client was answered: the NAT binding works (RFC 3581)
                }
                d.add(id, natValues.get(en.getKey()), en.getValue(), natCalls.get(en.getKey()));
            }
            d.lapsedRegistrations();
            d.rejectedRegistrations();
            FindingCatalog catalog = FindingCatalog.standard();
            List<Finding> out = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                String call = p.call() == null ? null : callIds.apply(p.call());
                Map<String, String> values = p.values();
                if (call != null && values.containsKey("call")) {
                    values = new HashMap<>(values);
                    values.put("call", call);
                }
                out.add(catalog.finding(p.id(), values, p.frames(), call));
            }
            out.sort(Comparator.comparingLong(Finding::firstFrame).thenComparing(Finding::id)
                    .thenComparing(Finding::text));
            return List.copyOf(out);
        }
    }

    private void add(String id, Map<String, String> values, Set<Long> frames, String call) {
        frames.remove(0L);
        if (!frames.isEmpty()) {
            catalog.entry(id); // an unknown id fails here, where it is made
            run.pending.add(new Running.Pending(id, new HashMap<>(values), new ArrayList<>(new TreeSet<>(frames)), call));
        }
    }

    private static Set<Long> frames(long... f) {
        Set<Long> s = new TreeSet<>();
        for (long x : f) {
            s.add(x);
        }
        return s;
    }

    private static long first(List<Long> frames) {
        return frames.isEmpty() ? 0 : frames.get(0);
    }

    /** The first event of that frame (a frame may carry several messages); null if none. */
    private SipEvent event(long frame) {
        if (frameNumbers == null) {
            return byFrame.get(frame);
        }
        int lo = 0;
        int hi = frameNumbers.length; // the first index whose frame is not below frame, in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (frameNumbers[mid] < frame) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < frameNumbers.length && frameNumbers[lo] == frame ? inFrameOrder[lo] : null;
    }

    private Instant time(long frame) {
        SipEvent e = event(frame);
        return e == null ? null : e.time();
    }

    private static String or(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }

    // --- failed calls ------------------------------------------------------------------------------------------

    private void failedCalls() {
        for (Call call : calls) {
            int code = call.finalStatus();
            CallOutcome o = call.outcome();
            if (code < 300 || call.legs().isEmpty() || o == CallOutcome.CANCELLED || o == CallOutcome.ANSWERED
                    || o == CallOutcome.STILL_UP || TRANSACTION_STATUSES.containsKey(code)) {
                continue;
            }
            Transaction t = lastInitialInvite(call.legs().get(0).callId(), code);
            if (t == null) {
                continue;
            }
            Transaction.Response r = t.finalResponse();
            Map<String, String> v = new HashMap<>();
            v.put("call", call.id());
            v.put("caller", party(call.caller()));
            v.put("callee", party(call.callee()));
            v.put("code", Integer.toString(code));
            v.put("reason", or(r.reason(), "(no reason phrase)"));
            add(failureId(code), v, frames(first(t.requestFrames()), r.frames().get(0)), call.id());
        }
    }

    private static String failureId(int code) {
        return switch (code) {
            case 486, 600 -> "call.busy";
            case 408, 480 -> "call.no_answer";
            case 603 -> "call.declined";
            case 404, 604 -> "call.not_found";
            case 403 -> "call.forbidden";
            case 500, 502, 503, 504 -> "call.unavailable";
            default -> code < 400 ? "call.redirected" : "call.failed";
        };
    }

    private Transaction lastInitialInvite(String callId, int code) {
        Transaction found = null;
        for (Transaction t : transactionsOf(callId)) {
            if (!"INVITE".equals(t.method()) || t.finalStatus() != code) {
                continue;
            }
            SipEvent req = t.requestSeen() ? event(t.requestFrames().get(0)) : null;
            if (req != null && req.message().to() != null && req.message().to().tag() != null) {
                continue;
            }
            found = t;
        }
        return found;
    }

    /** The model's transactions of this Call-ID, in model order (an index, so that per-call checks stay linear). */
    private List<Transaction> transactionsOf(String callId) {
        if (transactionsByCallId == null) {
            transactionsByCallId = new HashMap<>();
            for (Transaction t : correlation.transactions()) {
                transactionsByCallId.computeIfAbsent(t.callId(), k -> new ArrayList<>()).add(t);
            }
        }
        return transactionsByCallId.getOrDefault(callId, List.of());
    }

    private static String party(CallParty p) {
        if (p == null) {
            return "unknown";
        }
        return or(p.user(), or(p.uri(), "unknown"));
    }

    // --- challenge loops ---------------------------------------------------------------------------------------

    private void challengeLoops() {
        // a loop is two challenged retries or more of one Call-ID's requests: only such Call-IDs are grouped (most
        // parts have none, and grouping every transaction by a key made of strings was most of this check)
        Set<String> once = new HashSet<>();
        Set<String> twice = new HashSet<>();
        for (Transaction t : correlation.transactions()) {
            if (loopCandidate(t) && challengedRetry(t) && !once.add(t.callId())) {
                twice.add(t.callId());
            }
        }
        if (twice.isEmpty()) {
            return;
        }
        Map<String, List<Transaction>> groups = new LinkedHashMap<>();
        for (Transaction t : correlation.transactions()) {
            if (!loopCandidate(t) || !twice.contains(t.callId())) {
                continue;
            }
            groups.computeIfAbsent(t.callId() + "\n" + t.method() + "\n" + t.client(), k -> new ArrayList<>())
                    .add(t);
        }
        for (List<Transaction> group : groups.values()) {
            List<Transaction> run = new ArrayList<>();
            for (Transaction t : group) {
                int s = t.finalStatus();
                if (challengedRetry(t)) {
                    run.add(t);
                } else if (s >= 200 && s < 300 || s >= 300 && s != 401 && s != 407) {
                    loop(run);
                    run = new ArrayList<>();
                }
            }
            loop(run);
        }
    }

    /** A transaction a challenge loop may be made of: a request seen, neither ACK nor CANCEL. */
    private static boolean loopCandidate(Transaction t) {
        return t.requestSeen() && !"ACK".equals(t.method()) && !"CANCEL".equals(t.method());
    }

    /** Challenged (401 or 407) though its request carried credentials, and not for a stale nonce. */
    private boolean challengedRetry(Transaction t) {
        int s = t.finalStatus();
        return (s == 401 || s == 407) && credentialed(t) && !stale(t);
    }

    private boolean credentialed(Transaction t) {
        SipEvent e = event(t.requestFrames().get(0));
        return e != null && (e.message().header("Authorization") != null
                || e.message().header("Proxy-Authorization") != null);
    }

    private String challenge(Transaction t) {
        SipEvent e = event(t.finalResponse().frames().get(0));
        if (e == null) {
            return null;
        }
        String h = e.message().header(t.finalStatus() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate");
        return h;
    }

    /**
     * The challenge says the credentials were right but the nonce was old: {@code stale=true} (RFC 7616 §3.3),
     * or, as some servers do instead, a reason phrase that blames the nonce ("401 nonce has changed").
     */
    private boolean stale(Transaction t) {
        String h = challenge(t);
        String reason = t.finalResponse().reason();
        return h != null && STALE.matcher(h).find()
                || reason != null && reason.toLowerCase(Locale.ROOT).matches(".*\\b(nonce|stale)\\b.*");
    }

    private void loop(List<Transaction> run) {
        if (run.size() < 2) {
            return;
        }
        Set<Long> f = new TreeSet<>();
        for (Transaction t : run) {
            f.add(t.requestFrames().get(0));
            f.add(t.finalResponse().frames().get(0));
        }
        Transaction last = run.get(run.size() - 1);
        String h = challenge(last);
        Matcher m = h == null ? null : REALM.matcher(h);
        Map<String, String> v = new HashMap<>();
        v.put("method", last.method());
        v.put("client", or(last.client(), "unknown"));
        v.put("count", Integer.toString(run.size()));
        v.put("code", Integer.toString(last.finalStatus()));
        v.put("realm", m != null && m.find() ? "\"" + m.group(1) + "\"" : "(not given)");
        add("auth.challenge_loop", v, f, callOf.get(last.callId()));
    }

    // --- INVITE transactions -----------------------------------------------------------------------------------

    private void missingAcks() {
        Set<Integer> acked = new HashSet<>();
        for (Transaction t : correlation.transactions()) {
            if (t.acknowledges() != null && "ACK".equals(t.method())) {
                acked.add(t.acknowledges().transaction());
            }
        }
        for (Transaction t : correlation.transactions()) {
            if (!"INVITE".equals(t.method()) || acked.contains(t.index())) {
                continue;
            }
            for (Transaction.Response r : t.responses()) {
                if (r.status() >= 200 && r.status() < 300 && r.frames().size() >= 2) {
                    Set<Long> f = frames(first(t.requestFrames()));
                    f.addAll(r.frames());
                    Map<String, String> v = new HashMap<>();
                    v.put("code", r.status() + " " + or(r.reason(), ""));
                    v.put("sip-call-id", t.callId());
                    v.put("copies", Integer.toString(r.frames().size()));
                    add("ack.missing", v, f, callOf.get(t.callId()));
                    break;
                }
            }
        }
    }

    /** How far the capture watched an INVITE before it jumps ({@code jump}, null when it does not). */
    private record Watch(Instant until, Duration jump) {
    }

    /**
     * From the INVITE's start, over the messages after its first frame: the last time before the first gap of
     * {@link #JUMP} or more, and that gap. Walking the messages after each unanswered INVITE made a flood of them (a
     * SIP scanner: 20,000 INVITEs in six seconds) quadratic; when the messages are in frame and time order, as
     * nearly always, the first such gap after each message is known from one pass over them, and the walk is only
     * taken otherwise.
     */
    private Watch watch(Transaction t) {
        Instant start = t.started();
        Timeline line = timeline();
        int n = line.frames.length;
        if (line.ordered) {
            int s = line.firstAfter(t.firstFrame());
            if (s == n) {
                return new Watch(start, null);
            }
            if (!line.times[s].isBefore(start)) { // then each step after s is one from the message before
                Duration gap = Duration.between(start, line.times[s]);
                if (gap.compareTo(JUMP) >= 0) {
                    return new Watch(start, gap);
                }
                int k = line.nextJump[s + 1];
                Instant last = line.times[k - 1];
                Instant until = last.isAfter(start) ? last : start;
                return new Watch(until, k == n ? null : Duration.between(line.times[k - 1], line.times[k]));
            }
        }
        Instant watchedUntil = start;
        for (SipEvent e : events) {
            if (e.frame() <= t.firstFrame()) {
                continue;
            }
            Duration gap = Duration.between(watchedUntil, e.time());
            if (gap.abs().compareTo(JUMP) >= 0) {
                return new Watch(watchedUntil, gap);
            }
            if (!gap.isNegative() && !gap.isZero()) {
                watchedUntil = e.time();
            }
        }
        return new Watch(watchedUntil, null);
    }

    /**
     * The messages' frames and times; whether both never go back; and for each index the first one at or after it
     * whose step from the message before is {@link #JUMP} or more (the count of messages when none is).
     */
    private static final class Timeline {
        final long[] frames;
        final Instant[] times;
        final boolean ordered;
        final int[] nextJump;

        Timeline(List<SipEvent> events) {
            int n = events.size();
            frames = new long[n];
            times = new Instant[n];
            boolean inOrder = true;
            for (int i = 0; i < n; i++) {
                frames[i] = events.get(i).frame();
                times[i] = events.get(i).time();
                inOrder &= i == 0 || frames[i - 1] <= frames[i] && !times[i].isBefore(times[i - 1]);
            }
            ordered = inOrder;
            nextJump = new int[n + 1];
            nextJump[n] = n;
            for (int i = n - 1; i >= 0; i--) {
                boolean jumps = i > 0 && Duration.between(times[i - 1], times[i]).compareTo(JUMP) >= 0;
                nextJump[i] = jumps ? i : nextJump[i + 1];
            }
        }

        /** The index of the first message with a frame after {@code frame}. */
        int firstAfter(long frame) {
            int lo = 0;
            int hi = frames.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (frames[mid] <= frame) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private Timeline timeline() {
        if (timeline == null) {
            timeline = new Timeline(events);
        }
        return timeline;
    }

    /**
     * An INVITE without a final response. How long the capture watched it runs from the INVITE to the last message
     * before the capture jumps ({@link #JUMP} or more from one message to the next, or to its last frame): a
     * capture pieced together, or one odd timestamp, must not make an INVITE look as if it waited for years. At
     * least Timer B watched and no response at all came: it timed out (a provisional response moves the client
     * transaction from Calling to Proceeding, where Timer B no longer runs, RFC 3261 §17.1.1.2); otherwise, when
     * the capture went on after a jump, how it ended cannot be told; else it was still pending at the end.
     */
    private void unansweredInvites() {
        for (Transaction t : correlation.transactions()) {
            if (!"INVITE".equals(t.method()) || !t.requestSeen() || t.finalStatus() != 0 || t.started() == null
                    || answeredLate(t)) {
                continue;
            }
            Watch watch = watch(t);
            Instant watchedUntil = watch.until();
            Duration jump = watch.jump();
            if (jump == null) {
                Duration gap = Duration.between(watchedUntil, captureEnd);
                if (gap.abs().compareTo(JUMP) >= 0) {
                    jump = gap;
                } else if (!gap.isNegative() && !gap.isZero()) {
                    watchedUntil = captureEnd;
                }
            }
            Duration waited = Duration.between(t.started(), watchedUntil);
            Map<String, String> v = new HashMap<>();
            v.put("sip-call-id", t.callId());
            v.put("server", or(t.server(), "unknown"));
            v.put("waited", Durations.words(waited));
            String id;
            if (waited.compareTo(TIMER_B) >= 0 && t.responses().isEmpty()) {
                id = "invite.timeout";
            } else if (jump != null) {
                id = "invite.capture_jump";
                v.put("jump", Durations.words(jump.abs()) + (jump.isNegative() ? " back" : " ahead"));
            } else {
                id = "invite.no_final_response";
            }
            add(id, v, new TreeSet<>(t.requestFrames()), callOf.get(t.callId()));
        }
    }

    /**
     * A final response with the INVITE's key (branch, sent-by, method), Call-ID and CSeq in a transaction whose
     * request was not seen: the correlator had stopped matching the INVITE when it came (a capture whose clock jumps),
     * but it answers this INVITE.
     */
    private boolean answeredLate(Transaction t) {
        for (Transaction u : transactionsOf(t.callId())) {
            if (u.index() > t.index() && !u.requestSeen() && u.finalStatus() != 0 && u.key().equals(t.key())
                    && "INVITE".equals(u.method())
                    && java.util.Objects.equals(u.cseq(), t.cseq())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A duration as a person would say it, rounded down: seconds up to 10 minutes, then minutes, hours, days and
     * years of 365 days.
     */

    private void cancelRaces() {
        for (Transaction t : correlation.transactions()) {
            if (!"INVITE".equals(t.method()) || t.cancelledBy() < 0) {
                continue;
            }
            Transaction cancel = correlation.transaction(t.cancelledBy());
            Transaction.Response cancelOk = cancel.finalResponse();
            Transaction.Response ok = null;
            for (Transaction.Response r : t.responses()) {
                if (r.status() >= 200 && r.status() < 300) {
                    ok = r;
                    break;
                }
            }
            if (ok == null || cancelOk == null || cancelOk.status() < 200 || cancelOk.status() >= 300) {
                continue;
            }
            Map<String, String> v = new HashMap<>();
            v.put("sip-call-id", t.callId());
            v.put("code", ok.status() + " " + or(ok.reason(), ""));
            add("cancel.race", v, frames(first(cancel.requestFrames()), cancelOk.frames().get(0),
                    ok.frames().get(0)), callOf.get(t.callId()));
        }
    }

    private void transactionStatuses() {
        for (Transaction t : correlation.transactions()) {
            Transaction.Response r = t.finalResponse();
            if (r == null || !TRANSACTION_STATUSES.containsKey(r.status())) {
                continue;
            }
            boolean offers = "INVITE".equals(t.method()) || "UPDATE".equals(t.method());
            if ((r.status() == 488 || r.status() == 606) && !offers) {
                continue;
            }
            Map<String, String> v = new HashMap<>();
            v.put("method", t.method());
            v.put("sip-call-id", t.callId());
            v.put("code", Integer.toString(r.status()));
            v.put("reason", or(r.reason(), "(no reason phrase)"));
            add(TRANSACTION_STATUSES.get(r.status()), v, frames(first(t.requestFrames()), r.frames().get(0)),
                    callOf.get(t.callId()));
        }
    }

    // --- offer/answer ------------------------------------------------------------------------------------------

    private void offerAnswer() {
        for (Dialog d : correlation.dialogs()) {
            List<long[]> order = new ArrayList<>();
            Map<Long, Sdp> sdps = new HashMap<>();
            for (SdpExchange x : d.offerAnswer()) {
                if (x.offer() != null && x.answer() != null) {
                    answerFormats(d, x);
                }
                // a refused offer leaves the session as it was (RFC 3261 §14.1): the next offer follows the last
                // description in force, not the refused one
                if (x.offer() != null && x.offerFrame() != 0 && !x.rejected()
                        && sdps.putIfAbsent(x.offerFrame(), x.offer()) == null) {
                    order.add(new long[] {x.offerFrame()});
                }
                if (x.answer() != null && x.answerFrame() != 0
                        && sdps.putIfAbsent(x.answerFrame(), x.answer()) == null) {
                    order.add(new long[] {x.answerFrame()});
                }
            }
            order.sort(Comparator.comparingLong(a -> a[0]));
            Map<String, Long> lastOf = new HashMap<>();
            for (long[] a : order) {
                Sdp sdp = sdps.get(a[0]);
                if (sdp.origin() == null) {
                    continue;
                }
                String key = sdp.origin().username() + " " + sdp.origin().sessionId() + " "
                        + sdp.origin().address();
                Long previous = lastOf.put(key, a[0]);
                if (previous == null) {
                    continue;
                }
                Sdp before = sdps.get(previous);
                if (before.origin().sessionVersion().equals(sdp.origin().sessionVersion())
                        && !content(before).equals(content(sdp))) {
                    Map<String, String> v = new HashMap<>();
                    v.put("frame", Long.toString(a[0]));
                    v.put("previous-frame", Long.toString(previous));
                    v.put("version", sdp.origin().sessionVersion());
                    add("sdp.version_not_increased", v, frames(previous, a[0]), callOf.get(d.id().callId()));
                }
            }
        }
    }

    private static List<String> content(Sdp sdp) {
        List<String> out = new ArrayList<>();
        for (Sdp.Line l : sdp.lines()) {
            if (l.type() != 'o') {
                out.add(l.type() + "=" + l.value().strip());
            }
        }
        return out;
    }

    /**
     * RFC 3264 §6.1: an accepted unicast stream of the answer MUST list at least one format of the offer and MAY
     * add formats the offer did not list (the answerer is willing to receive them; telephone-event added by the
     * answerer is the common case): only an answer sharing no codec with the offer is reported. Telephone-event
     * and comfort noise shared alone carry no voice, so they do not count as a codec in common. §6.2: a
     * multicast stream's formats MUST equal or be a subset of the offer's: any format added is reported.
     */
    private void answerFormats(Dialog d, SdpExchange x) {
        List<SdpMedia> offered = x.offer().media();
        List<SdpMedia> answered = x.answer().media();
        List<String> unshared = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < answered.size() && i < offered.size(); i++) {
            SdpMedia a = answered.get(i);
            SdpMedia o = offered.get(i);
            if (a.rejected() || !a.rtp() || !o.rtp()) {
                continue;
            }
            Set<String> names = new HashSet<>();
            for (String n : o.codecNames()) {
                names.add(codec(n));
            }
            List<String> extra = new ArrayList<>();
            boolean shared = false;
            for (String n : a.codecNames()) {
                if (!names.contains(codec(n))) {
                    extra.add(n);
                } else if (!signalOnly(n)) {
                    shared = true;
                }
            }
            if (multicast(a.effectiveConnection())) {
                addAll(added, extra);
            } else if (!shared) {
                addAll(unshared, a.codecNames());
            }
        }
        for (String id : List.of("offer.no_common_codec", "offer.multicast_format_added")) {
            List<String> codecs = id.equals("offer.no_common_codec") ? unshared : added;
            if (!codecs.isEmpty()) {
                Map<String, String> v = new HashMap<>();
                v.put("answer-frame", Long.toString(x.answerFrame()));
                v.put("offer-frame", Long.toString(x.offerFrame()));
                v.put("codecs", String.join(", ", codecs));
                add(id, v, frames(x.offerFrame(), x.answerFrame()), callOf.get(d.id().callId()));
            }
        }
    }

    private static void addAll(List<String> to, List<String> names) {
        for (String n : names) {
            if (!to.contains(n)) {
                to.add(n);
            }
        }
    }

    /** DTMF events or comfort noise: a format that carries no voice of its own. */
    private static boolean signalOnly(String name) {
        String n = codec(name);
        return n.startsWith("telephone-event/") || n.startsWith("cn/");
    }

    /** An IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast connection address. */
    static boolean multicast(Connection c) {
        if (c == null || c.address() == null) {
            return false;
        }
        String a = c.address().toLowerCase(Locale.ROOT);
        if (a.startsWith("ff") && a.contains(":")) {
            return true;
        }
        int dot = a.indexOf('.');
        if (dot <= 0 || !a.substring(0, dot).chars().allMatch(Character::isDigit) || dot > 3) {
            return false;
        }
        int first = Integer.parseInt(a.substring(0, dot));
        return first >= 224 && first <= 239;
    }

    private static String codec(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith("/1") ? n.substring(0, n.length() - 2) : n;
    }

    // --- NAT ---------------------------------------------------------------------------------------------------

    /**
     * Private addresses sent from behind NAT. Not reported where the capture shows the NAT handled: a private
     * Contact when a request sent to the client's host was answered (the server reaches it through the NAT
     * binding, RFC 3581); private media when the receiver of that SDP puts its own address in the SDP it sends in
     * the same Call-ID (an SBC or B2BUA anchors the media, so the private address never leaves it).
     * {@code natPossible} is false when no message of the part {@link Running#mayShowNat}: there is nothing to name.
     */
    private void privateAddresses(boolean natPossible) {
        for (Transaction t : correlation.transactions()) {
            if (t.requestSeen() && !t.responses().isEmpty()) {
                run.reachable.add(host(t.server()));
            }
        }
        if (!natPossible) {
            return; // no public address to start from: what the two questions below would both answer no to
        }
        // one pass over the part's messages for both questions (most parts answer no to both)
        boolean anyReceived = false;
        boolean anySource = false;
        for (SipEvent e : events) {
            anyReceived = anyReceived || publicReceived(e) != null;
            anySource = anySource || IpAddresses.publicV4Endpoint(e.src());
            if (anyReceived && anySource) {
                break;
            }
        }
        Map<Long, String> observed = anyReceived ? observedSources() : Map.of();
        if (observed.isEmpty() && !anySource) {
            return; // nothing of the part was sent from an address known to be public: no sender behind NAT to name
        }
        Map<String, Set<String>> anchors = new HashMap<>();
        for (SipEvent e : events) {
            String callId = e.message().callId();
            for (Sdp sdp : e.sdp()) {
                for (SdpMedia md : sdp.media()) {
                    Connection c = md.effectiveConnection();
                    if (callId != null && !md.rejected() && c != null && host(e.src()).equals(c.address())) {
                        anchors.computeIfAbsent(callId, k -> new HashSet<>()).add(c.address());
                    }
                }
            }
        }
        Map<String, TreeSet<Long>> frames = run.natFrames;
        Map<String, Map<String, String>> values = run.natValues;
        Map<String, String> calls = run.natCalls;
        for (SipEvent e : events) {
            String seen = host(e.src());
            if (!IpAddresses.publicV4(seen)) {
                seen = observed.get(e.frame());
                if (seen == null) {
                    continue;
                }
            }
            SipMessage m = e.message();
            boolean bindings = m.isResponse() && m.cseq() != null && "REGISTER".equals(m.cseq().method());
            if (!bindings) { // dropped at the end if a request to this host was answered anywhere in the capture
                for (String c : m.values("Contact")) {
                    String h = uriHost(NameAddr.parse(c).uri());
                    if (IpAddresses.privateV4(h)) {
                        note(frames, values, calls, "nat.private_contact", e, seen, h);
                    }
                }
            }
            for (Sdp sdp : e.sdp()) {
                Set<String> hosts = new java.util.LinkedHashSet<>();
                if (sdp.connection() != null) {
                    hosts.add(sdp.connection().address());
                }
                for (SdpMedia md : sdp.media()) {
                    Connection c = md.effectiveConnection();
                    if (!md.rejected() && c != null) {
                        hosts.add(c.address());
                    }
                }
                boolean anchored = m.callId() != null
                        && anchors.getOrDefault(m.callId(), Set.of()).contains(host(e.dst()));
                for (String h : hosts) {
                    if (IpAddresses.privateV4(h) && !anchored) {
                        note(frames, values, calls, "nat.private_media", e, seen, h);
                    }
                }
            }
        }
    }

    /**
     * For each request frame whose server told, in the top Via of a response, that it saw the request come from a
     * public address ({@code received}, RFC 3261 §18.2.1): that address. The request was sent from behind NAT. Asked
     * only when some message of the part has a public {@code received} (it reads the message first seen in a
     * response's frame, which in a TCP segment of several may be another).
     */
    private Map<Long, String> observedSources() {
        Map<Long, String> out = new HashMap<>();
        for (Transaction t : correlation.transactions()) {
            if (!t.requestSeen()) {
                continue;
            }
            for (Transaction.Response r : t.responses()) {
                SipEvent e = event(r.frames().get(0));
                String received = e == null ? null : publicReceived(e);
                if (received != null) {
                    for (long f : t.requestFrames()) {
                        out.putIfAbsent(f, received);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** The {@code received} of the message's top Via when it is a public address, else null. */
    private static String publicReceived(SipEvent e) {
        Via via = e.message().topVia();
        String received = via == null ? null : via.received();
        return received != null && IpAddresses.publicV4(received) ? received : null;
    }

    private void note(Map<String, TreeSet<Long>> frames, Map<String, Map<String, String>> values,
                      Map<String, String> calls, String id, SipEvent e, String seen, String address) {
        String key = id + " " + e.src() + " " + address;
        TreeSet<Long> evidence = frames.computeIfAbsent(key, k -> new TreeSet<>());
        boolean first = evidence.isEmpty() || e.frame() < evidence.first();
        evidence.add(e.frame());
        if (first) { // the values and the call come from the earliest message, whatever order parts come in
            calls.remove(key);
            run.natHosts.put(key, new String[] {host(e.src()), seen});
            Map<String, String> v = new HashMap<>();
            v.put("sender", e.src());
            v.put("public", seen);
            v.put("address", address);
            v.put("via", viaNote(e.message().topVia()));
            values.put(key, v);
            String call = e.message().callId() == null ? null : callOf.get(e.message().callId());
            if (call != null) {
                calls.put(key, call);
            }
        }
    }

    private static String viaNote(Via via) {
        if (via == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String received = via.received();
        String rport = via.rport();
        if (received != null && !received.isEmpty()) {
            parts.add("received=" + received);
        }
        if (rport != null) {
            parts.add(rport.isEmpty() ? "rport" : "rport=" + rport);
        }
        return parts.isEmpty() ? "" : " (top Via has " + String.join(", ", parts) + ")";
    }

    /** The host of {@code ip:port} or {@code [v6]:port}; empty for null. */
    static String host(String address) {
        return address == null ? "" : IpText.host(address);
    }

    /** The host of a SIP URI ({@code sip:user@host:port;params}); empty when there is none. */
    static String uriHost(String uri) {
        if (uri == null) {
            return "";
        }
        String u = uri;
        int colon = u.indexOf(':');
        if (colon >= 0 && u.substring(0, colon).matches("(?i)sips?|tel")) {
            u = u.substring(colon + 1);
        }
        int at = u.lastIndexOf('@');
        if (at >= 0) {
            u = u.substring(at + 1);
        }
        int end = 0;
        while (end < u.length() && ":;>?".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        return u.substring(0, end);
    }

    // --- registrations -----------------------------------------------------------------------------------------

    private void lapsedRegistrations() {
        for (Registration r : correlation.registrations()) {
            for (Registration.Binding b : r.bindings()) {
                if (b.expiresAt() == null || b.expires() == null || b.expires() <= 0
                        || !b.expiresAt().isBefore(captureEnd)) {
                    continue;
                }
                Set<Long> f = frames(b.frame());
                for (Registration.Attempt a : r.attempts()) {
                    if (a.responseFrame() == b.frame()) {
                        f.add(a.requestFrame());
                    }
                }
                Map<String, String> v = new HashMap<>();
                v.put("aor", r.aor());
                v.put("expires", Integer.toString(b.expires()));
                v.put("grant-frame", Long.toString(b.frame()));
                add("registration.expired", v, f, null);
            }
        }
    }

    private void rejectedRegistrations() {
        for (Registration r : correlation.registrations()) {
            for (Registration.Attempt a : r.attempts()) {
                int s = a.status();
                if (s < 300 || s == 401 || s == 407 || s == 423 || TRANSACTION_STATUSES.containsKey(s)) {
                    continue;
                }
                Map<String, String> v = new HashMap<>();
                v.put("aor", r.aor());
                v.put("code", Integer.toString(s));
                v.put("reason", or(a.reason(), "(no reason phrase)"));
                add(s >= 500 && s < 600 ? "registration.server_error" : "registration.rejected", v,
                        frames(a.requestFrame(), a.responseFrame()), null);
            }
        }
    }

    // --- session timers ----------------------------------------------------------------------------------------

    private record Refresh(Instant time, long frame, Integer seconds, String refresher) {
    }

    private void sessionTimers() {
        for (Dialog d : correlation.dialogs()) {
            if (!"INVITE".equals(d.method()) || d.confirmedFrame() == 0) {
                continue;
            }
            List<Refresh> refreshes = new ArrayList<>();
            for (Transaction t : correlation.transactionsOf(d)) {
                if (!"INVITE".equals(t.method()) && !"UPDATE".equals(t.method())) {
                    continue;
                }
                for (Transaction.Response r : t.responses()) {
                    if (r.status() >= 200 && r.status() < 300) {
                        SipEvent e = event(r.frames().get(0));
                        String se = e == null ? null : e.message().header("Session-Expires");
                        refreshes.add(new Refresh(r.time(), r.frames().get(0), seconds(se), refresher(se)));
                        break;
                    }
                }
            }
            refreshes.sort(Comparator.comparing(Refresh::time));
            long endFrame = d.terminatedFrame();
            for (Transaction t : correlation.transactionsOf(d)) {
                if ("BYE".equals(t.method()) && t.requestSeen()) {
                    endFrame = t.requestFrames().get(0);
                    break;
                }
            }
            sessionTimer(d, refreshes, endFrame);
        }
    }

    /** {@code endFrame}: the BYE that ended the dialog, else the message that ended it, else 0 (still up). */
    private void sessionTimer(Dialog d, List<Refresh> refreshes, long endFrame) {
        Refresh current = null;
        long late = 0;
        for (Refresh r : refreshes) {
            if (current == null) {
                if (r.seconds() != null) {
                    current = r;
                }
                continue;
            }
            if (r.time().isAfter(current.time().plusSeconds(current.seconds()))) {
                late = r.frame();
                break;
            }
            if (r.seconds() == null) {
                return;
            }
            current = r;
        }
        if (current == null) {
            return;
        }
        Instant end = endFrame != 0 ? time(endFrame) : captureEnd;
        if (late == 0 && (end == null || !end.isAfter(current.time().plusSeconds(current.seconds())))) {
            return;
        }
        Map<String, String> v = new HashMap<>();
        v.put("sip-call-id", d.id().callId());
        v.put("seconds", Integer.toString(current.seconds()));
        v.put("frame", Long.toString(current.frame()));
        v.put("refresher", or(current.refresher(), "not named"));
        add("session.timer_expired", v, frames(current.frame(), late, endFrame),
                callOf.get(d.id().callId()));
    }

    private static Integer seconds(String sessionExpires) {
        if (sessionExpires == null) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(sessionExpires);
        if (!m.find()) {
            return null;
        }
        int s = Integer.parseInt(m.group(1));
        return s > 0 ? s : null;
    }

    private static String refresher(String sessionExpires) {
        if (sessionExpires == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?i);\\s*refresher\\s*=\\s*([a-z]+)").matcher(sessionExpires);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
