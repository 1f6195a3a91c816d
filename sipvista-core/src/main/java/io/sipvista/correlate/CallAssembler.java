package io.sipvista.correlate;

import io.sipvista.bytes.IpText;
import io.sipvista.sip.NameAddr;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Connection;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts calls together from a finished {@link Correlation} and the {@link SipEvent}s it was built from: INVITE
 * dialogs with one Call-ID form a {@link CallLeg} (forks included); legs with different Call-IDs (the two sides of
 * a B2BUA, a transfer, a retrieve) are tied into one {@link Call} without configuration.
 *
 * <p>Legs are tied, in this order of preference (each later leg joins the call of an earlier one):
 * <ol>
 *   <li>{@link CallLeg.Tie#HEADER}: the initial INVITEs share an {@code X-CID} value (or one's X-CID is the other's
 *       Call-ID), a {@code Session-ID} local UUID (RFC 7989; the null UUID is ignored) or a
 *       {@code P-Charging-Vector} {@code icid-value} (RFC 7315);</li>
 *   <li>{@link CallLeg.Tie#TRANSFER}: a {@code Replaces} header naming the other leg's Call-ID (RFC 3891), or a
 *       {@code Referred-By} header on an INVITE whose Request-URI user is the Refer-To user of a REFER sent in an
 *       earlier leg (RFC 3515, 3892);</li>
 *   <li>{@link CallLeg.Tie#MATCH}: the later INVITE starts at most {@link #TIE_WINDOW} after the earlier one, does
 *       not repeat its path (same source and destination host) and does not go back to its source host, and at
 *       least two of these hold, one of them the number or the media: <em>number</em> (a called or calling user
 *       part is the same after normalising), <em>media</em> (an offered or answered SDP {@code c=}/{@code m=}
 *       address and port is the same), <em>path</em> (it left the host the earlier INVITE went to),
 *       <em>answer</em> (both answered within {@link #ANSWER_WINDOW} of each other). The earlier leg with the
 *       most criteria wins, then the latest;</li>
 *   <li>{@link CallLeg.Tie#MEDIA}: the address this leg offered is put into another, earlier leg by a re-INVITE or
 *       UPDATE offer that the host this leg's INVITE went to sends within {@link #TIE_WINDOW}: a B2BUA bridged it
 *       in (a retrieve on a shared appearance, a pickup). Such a leg is part of the call it was bridged into.</li>
 * </ol>
 * Numbers are normalised simply: the user part without URI parameters, visual separators ({@code - . ( )} and
 * space), a leading {@code +} and then a leading {@code 00} removed. Two numbers match when equal, or when both are
 * at least 7 digits and one ends with the other (a national prefix or country code on one side only).
 *
 * <p>A call's caller, callee, start, answer, outcome and final status are its first leg's (the leg the call came in
 * on; when its INVITE was not captured, caller and callee come from a captured response to it, which repeats its From
 * and To); its ring is the first 18x on any leg; the codec comes from the answer to the first leg's initial offer
 * (else another leg's). An answered call ends when an endpoint hangs up ({@link Call.HangUp}: BYEs sent by the B2BUA
 * between two legs, or within {@link #ANSWER_WINDOW} after another leg's BYE, are relays) and is
 * {@link CallOutcome#STILL_UP} while any answered leg has not ended. A leg bridged in by {@link CallLeg.Tie#MEDIA} (in
 * the seed capture, the shared appearance that retrieves a held call) continues the call: its BYE can end it, but it
 * is not a new call and does not change caller or callee.
 *
 * <p>Calls are numbered {@code call-1}, {@code call-2} ... in order of first frame; everything is capture time and
 * the same input always gives the same calls.
 *
 * <p>Memory: this works from the model it is given. {@link io.sipvista.analysis.CaptureAnalysis} gives it the
 * Call-IDs still held (open, or ended within the linger) each time some settle, keeps the calls made only of
 * settled Call-IDs, and forgets their messages; matching goes through an index of numbers and media addresses, so
 * its cost follows the legs that have something in common.
 */
public final class CallAssembler {
    /** How long after an earlier leg's INVITE a later leg may start and still be matched to it. */
    public static final Duration TIE_WINDOW = Duration.ofSeconds(5);
    /**
     * How many of the latest earlier legs under one number or media address a leg is compared with. Comparing
     * each leg with every earlier one within the window made a flood of INVITEs to one number (a SIP scanner,
     * thousands a second) quadratic: 20,000 of them took 400 s. Ordinary traffic has far fewer legs under one key
     * within the window (this many would be 50 calls a second to one number), and a B2BUA's leg follows the leg it
     * continues within moments, so the leg it matches is among the latest.
     */
    static final int MATCH_LOOKBACK = 512;
    private static final long TWO_WINDOWS = TIE_WINDOW.multipliedBy(2).toNanos();
    /** How close the answers of two matched legs must be to count as one more criterion. */
    public static final Duration ANSWER_WINDOW = Duration.ofSeconds(1);
    private static final String NULL_UUID = "00000000000000000000000000000000";

    /** Timer B: 64 × T1 (500 ms), RFC 3261 §17.1.1.2. */
    private static final Duration TIMER_B = Duration.ofSeconds(32);

    private final Correlation model;
    /** The latest message time given: how far the capture watched. */
    private Instant horizon;
    private final Map<Long, SipEvent> events = new HashMap<>();
    private final List<Work> legs = new ArrayList<>();
    private int[] parent;

    /** Each From and To value's party, by identity (a message's values are read once and kept). */
    private final Map<NameAddr, CallParty> parties = new IdentityHashMap<>();

    private CallAssembler(Correlation model, List<SipEvent> events, Instant horizon) {
        this.model = model;
        for (SipEvent e : events) {
            this.events.putIfAbsent(e.frame(), e);
            if (horizon == null && (this.horizon == null || e.time().isAfter(this.horizon))) {
                this.horizon = e.time();
            }
        }
        if (horizon != null) {
            this.horizon = horizon;
        }
    }

    /**
     * The calls of a capture, in order of first frame.
     *
     * @param model  the finished correlation
     * @param events the events it was built from (for headers, addresses and SDP); a missing event leaves the
     *               fields it would fill empty
     */
    public static List<Call> assemble(Correlation model, List<SipEvent> events) {
        return new CallAssembler(model, events, null).run();
    }

    /**
     * {@link #assemble(Correlation, List)} for part of what was seen: {@code horizon} is how far the capture
     * watched (the latest message time of everything seen, not only of these events), which decides when an
     * unanswered INVITE has timed out. A streaming analysis assembles the Call-IDs {@link CallLinks} ties to those
     * that settled, with the horizon of all it holds.
     */
    public static List<Call> assemble(Correlation model, List<SipEvent> events, Instant horizon) {
        return new CallAssembler(model, events, Objects.requireNonNull(horizon, "horizon")).run();
    }

    private List<Call> run() {
        buildLegs();
        parent = new int[legs.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        tieByHeaders();
        tieByTransfer();
        tieByMatch();
        tieByMedia();
        Map<Integer, List<Work>> groups = new LinkedHashMap<>();
        for (int i = 0; i < legs.size(); i++) {
            groups.computeIfAbsent(find(i), k -> new ArrayList<>()).add(legs.get(i));
        }
        List<Call> calls = new ArrayList<>(groups.size());
        for (List<Work> g : groups.values()) {
            calls.add(call("call-" + (calls.size() + 1), g));
        }
        return calls;
    }

    // ---- legs ------------------------------------------------------------------------------------------------

    /** One leg while it is assembled. */
    private static final class Work {
        final String callId;
        final List<Transaction> all = new ArrayList<>();
        final List<Transaction> invites = new ArrayList<>();
        final List<Dialog> dialogs = new ArrayList<>();
        SipEvent invite;
        /**
         * Without {@link #invite}: a response to the INVITE that created one of its dialogs, whose From and To are
         * the INVITE's (RFC 3261 §8.2.6.2); null when none was captured.
         */
        SipMessage answeredInvite;
        long firstFrame;
        Instant start;
        String src = "";
        String dst = "";
        Instant ring;
        Instant answer;
        int answerStatus;
        boolean answered;
        Instant end;
        int finalStatus;
        CallOutcome outcome;
        final List<Transaction> byes = new ArrayList<>();
        final Set<String> offerMedia = new LinkedHashSet<>();
        final Set<String> answerMedia = new LinkedHashSet<>();
        Sdp answerSdp;
        CallLeg.Tie tie = CallLeg.Tie.FIRST;
        /** What matching compares, read once per leg: hosts, called numbers, calling number. */
        private boolean keyed;
        private String srcHost;
        private String dstHost;
        private List<String> called;
        private String calling;

        /** The transactions of {@link #all} whose request was not seen, by key, in order; built when first asked. */
        private Map<TransactionKey, List<Transaction>> unrequested;

        Work(String callId) {
            this.callId = callId;
        }

        /**
         * The transactions of this Call-ID with key {@code key} whose request was not seen, in order: those a
         * transaction's late twin can be. Indexed once: a Call-ID reused for thousands of calls made every INVITE
         * look through every transaction.
         */
        List<Transaction> unrequested(TransactionKey key) {
            if (unrequested == null) {
                unrequested = new HashMap<>();
                for (Transaction t : all) {
                    if (!t.requestSeen()) {
                        unrequested.computeIfAbsent(t.key(), k -> new ArrayList<>(1)).add(t);
                    }
                }
            }
            return unrequested.getOrDefault(key, List.of());
        }

        private void key() {
            if (!keyed) {
                keyed = true;
                srcHost = host(src);
                dstHost = host(dst);
                called = calledNumbers(this);
                calling = number(invite == null ? null : userOf(invite.message().from()));
            }
        }
    }

    private void buildLegs() {
        Map<String, Work> byCallId = new LinkedHashMap<>();
        for (Transaction t : model.transactions()) {
            byCallId.computeIfAbsent(t.callId(), Work::new).all.add(t);
        }
        for (Dialog d : model.dialogs()) {
            Work w = byCallId.get(d.id().callId());
            if (w != null && inviteUsage(d)) {
                w.dialogs.add(d);
            }
        }
        for (Work w : byCallId.values()) {
            for (Transaction t : w.all) {
                if ("INVITE".equals(t.method()) && t.requestSeen() && initial(t)) {
                    w.invites.add(t);
                } else if ("BYE".equals(t.method()) && t.requestSeen()) {
                    w.byes.add(t);
                }
            }
            if (w.invites.isEmpty() && (w.dialogs.isEmpty() || !midCall(w.all))) {
                continue;
            }
            fill(w);
            legs.add(w);
        }
        legs.sort((a, b) -> Long.compare(a.firstFrame, b.firstFrame));
    }

    /**
     * For a Call-ID whose initial INVITE was not captured: a request that only an established (or early) INVITE
     * dialog carries was seen (BYE, re-INVITE, UPDATE, PRACK, INFO). An ACK alone is not enough: without its
     * INVITE it may acknowledge a failure as well as a 2xx; a CANCEL alone cancels an INVITE nobody saw. Neither
     * tells a call.
     */
    private static boolean midCall(List<Transaction> all) {
        for (Transaction t : all) {
            switch (t.method()) {
                case "BYE", "INVITE", "UPDATE", "PRACK", "INFO" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * A dialog of the INVITE usage: created by an INVITE, or first seen mid-call with a message only such a dialog
     * carries (BYE, ACK, UPDATE, PRACK, INFO).
     */
    private static boolean inviteUsage(Dialog d) {
        return switch (d.method()) {
            case "INVITE" -> true;
            case "BYE", "ACK", "UPDATE", "PRACK", "INFO" -> !d.initialRequestSeen();
            default -> false;
        };
    }

    /** An INVITE outside any dialog: its To has no tag (without the event, it created a dialog or none). */
    private boolean initial(Transaction t) {
        SipEvent e = events.get(t.requestFrames().get(0));
        if (e != null) {
            NameAddr to = e.message().to();
            return to == null || to.tag() == null;
        }
        if (t.dialogs().isEmpty()) {
            return true;
        }
        for (Dialog d : model.dialogs()) {
            if (d.initialTransaction() == t.index()) {
                return true;
            }
        }
        return false;
    }

    private void fill(Work w) {
        Transaction first = w.invites.isEmpty() ? null : w.invites.get(0);
        w.firstFrame = w.all.get(0).firstFrame();
        for (Dialog d : w.dialogs) {
            w.firstFrame = Math.min(w.firstFrame, d.firstFrame());
        }
        if (first != null) {
            w.invite = events.get(first.requestFrames().get(0));
            w.start = first.started();
            w.src = first.client();
            w.dst = first.server();
            w.firstFrame = Math.min(w.firstFrame, first.firstFrame());
        } else {
            Transaction creating = creatingInvite(w);
            SipEvent e = events.get(w.firstFrame);
            w.start = e != null ? e.time() : w.all.get(0).started();
            w.src = e != null ? e.src() : w.all.get(0).client();
            w.dst = e != null ? e.dst() : w.all.get(0).server();
            if (creating != null) {
                w.src = creating.client(); // where its responses went: the caller
                w.dst = creating.server();
            }
        }
        Transaction cancel = null;
        for (Transaction t : w.invites) {
            for (Transaction.Response r : responses(w, t)) {
                if (r.status() >= 180 && r.status() < 190 && (w.ring == null || r.time().isBefore(w.ring))) {
                    w.ring = r.time();
                }
                if (r.status() >= 200 && r.status() < 300 && (w.answer == null || r.time().isBefore(w.answer))) {
                    w.answer = r.time();
                    w.answerStatus = r.status();
                }
            }
            if (t.cancelledBy() >= 0 && cancel == null) {
                cancel = model.transaction(t.cancelledBy());
            }
        }
        if (w.invite != null) {
            for (Sdp s : w.invite.sdp()) {
                w.offerMedia.addAll(mediaAddresses(s));
            }
        }
        w.answerSdp = initialAnswer(w.dialogs);
        if (w.answerSdp != null) {
            w.answerMedia.addAll(mediaAddresses(w.answerSdp));
        }
        w.answered = w.answer != null || (first == null && confirmedWithoutInvite(w.dialogs));
        if (w.answered) {
            w.finalStatus = w.answerStatus;
            w.end = w.byes.isEmpty() ? endedOtherwise(w.dialogs) : w.byes.get(0).started();
            w.outcome = w.end == null ? CallOutcome.STILL_UP : CallOutcome.ANSWERED;
            return;
        }
        Transaction last = lastInvite(w.invites);
        Transaction.Response fin = last == null ? null : last.finalResponse();
        for (int i = 0; last != null && fin == null && i < w.all.size(); i++) {
            if (lateTwin(last, w.all.get(i))) {
                fin = w.all.get(i).finalResponse();
            }
        }
        if (last != null && fin == null) {
            for (Transaction t : w.invites) {
                if ((t.relayOf() == last.index() || last.relayOf() == t.index()) && t.finalResponse() != null) {
                    fin = t.finalResponse();
                }
            }
        }
        w.finalStatus = fin == null ? 0 : fin.status();
        if (cancel != null || w.finalStatus == 487) {
            w.outcome = CallOutcome.CANCELLED;
            w.end = cancel != null && cancel.requestSeen() ? cancel.started() : fin == null ? null : fin.time();
        } else if (fin == null) {
            boolean heard = last != null && !last.responses().isEmpty();
            boolean timedOut = !heard && last != null && last.started() != null && horizon != null
                    && Duration.between(last.started(), horizon).compareTo(TIMER_B) >= 0;
            w.outcome = timedOut ? CallOutcome.FAILED : CallOutcome.PENDING;
        } else {
            int s = w.finalStatus;
            w.outcome = s == 486 || s == 600 ? CallOutcome.BUSY
                    : s == 408 || s == 480 ? CallOutcome.NO_ANSWER : CallOutcome.REJECTED;
            w.end = fin.time();
        }
    }

    /**
     * For a leg whose INVITE was not captured: the INVITE transaction that created one of its dialogs, known by its
     * responses, with {@link Work#answeredInvite} set to the first of them; null when there is none.
     */
    private Transaction creatingInvite(Work w) {
        for (Dialog d : w.dialogs) {
            if (d.initialTransaction() < 0 || !"INVITE".equals(d.method())) {
                continue;
            }
            Transaction t = model.transaction(d.initialTransaction());
            for (Transaction.Response r : t.responses()) {
                SipEvent e = events.get(r.firstFrame());
                if (e != null && e.message().isResponse()) {
                    w.answeredInvite = e.message();
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * The responses of an INVITE transaction, with those of its late twins: transactions of the same key (branch,
     * sent-by, method), Call-ID and CSeq whose request was not seen. The correlator starts one when a response comes
     * after it has stopped matching the INVITE (a capture whose clock jumps); by their key they are the same
     * transaction.
     */
    private static List<Transaction.Response> responses(Work w, Transaction t) {
        List<Transaction.Response> out = new ArrayList<>(t.responses());
        for (Transaction u : w.unrequested(t.key())) {
            if (lateTwin(t, u)) {
                out.addAll(u.responses());
            }
        }
        return out;
    }

    private static boolean lateTwin(Transaction t, Transaction u) {
        return u != t && !u.requestSeen() && u.method().equals(t.method()) && u.key().equals(t.key())
                && u.callId().equals(t.callId()) && java.util.Objects.equals(u.cseq(), t.cseq());
    }

    /**
     * Without a BYE: when the answered dialog was ended by a 481 or 408 to a request in it (RFC 3261 §12.2.1.2),
     * the time of that response; null when it did not end.
     */
    private Instant endedOtherwise(List<Dialog> dialogs) {
        for (Dialog d : dialogs) {
            if (d.termination() == Termination.NO_SUCH_DIALOG && d.terminatedFrame() > 0) {
                SipEvent e = events.get(d.terminatedFrame());
                if (e != null) {
                    return e.time();
                }
            }
        }
        return null;
    }

    private static boolean confirmedWithoutInvite(List<Dialog> dialogs) {
        for (Dialog d : dialogs) {
            if (d.state() == DialogState.CONFIRMED || d.termination() == Termination.BYE) {
                return true;
            }
        }
        return false;
    }

    /** The last initial INVITE that is not a proxy's relay of another (an authentication retry comes later). */
    private static Transaction lastInvite(List<Transaction> invites) {
        Transaction last = null;
        for (Transaction t : invites) {
            if (t.relayOf() < 0 || last == null) {
                last = t;
            }
        }
        return last;
    }

    /** The answer of the first offer/answer of the confirmed dialog (else of any dialog) of a leg. */
    private static Sdp initialAnswer(List<Dialog> dialogs) {
        Sdp any = null;
        for (Dialog d : dialogs) {
            if (d.offerAnswer().isEmpty() || !d.offerAnswer().get(0).answered()) {
                continue;
            }
            Sdp a = d.offerAnswer().get(0).answer();
            if (d.confirmedFrame() > 0 || d.termination() == Termination.BYE) {
                return a;
            }
            if (any == null) {
                any = a;
            }
        }
        return any;
    }

    /** {@code address:port} of every media section that is not rejected and not sent to 0.0.0.0. */
    static Set<String> mediaAddresses(Sdp sdp) {
        Set<String> out = new LinkedHashSet<>();
        if (sdp == null) {
            return out;
        }
        for (SdpMedia m : sdp.media()) {
            Connection c = m.effectiveConnection();
            if (m.rejected() || m.port() <= 0 || c == null || c.address() == null || c.unspecified()) {
                continue;
            }
            out.add(c.address().toLowerCase(Locale.ROOT) + ":" + m.port());
        }
        return out;
    }

    // ---- ties ------------------------------------------------------------------------------------------------

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins later leg {@code later} to the call of {@code earlier}; false when they were already one call. */
    private boolean union(int earlier, int later, CallLeg.Tie tie) {
        int a = find(earlier);
        int b = find(later);
        if (a == b) {
            return false;
        }
        parent[Math.max(a, b)] = Math.min(a, b);
        if (legs.get(later).tie == CallLeg.Tie.FIRST) {
            legs.get(later).tie = tie;
        }
        return true;
    }

    private void tieByHeaders() {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < legs.size(); i++) {
            seen.putIfAbsent("callid:" + legs.get(i).callId, i);
        }
        for (int i = 0; i < legs.size(); i++) {
            Work w = legs.get(i);
            for (String key : w.invite == null ? List.<String>of() : headerKeys(w.invite.message())) {
                Integer j = seen.putIfAbsent(key, i);
                if (j != null && j != i) {
                    union(Math.min(i, j), Math.max(i, j), CallLeg.Tie.HEADER);
                }
            }
        }
    }

    /** The keys under which an initial INVITE's correlation headers tie its leg to another ({@link CallLinks}). */
    static List<String> headerKeys(SipMessage m) {
        List<String> keys = new ArrayList<>();
        String xcid = m.header("X-CID");
        if (xcid != null && !xcid.isBlank()) {
            keys.add("callid:" + xcid.trim());
            keys.add("xcid:" + xcid.trim());
        }
        String sid = m.header("Session-ID");
        if (sid != null) {
            String uuid = beforeSemicolon(sid).toLowerCase(Locale.ROOT);
            if (!uuid.isEmpty() && !uuid.equals(NULL_UUID)) {
                keys.add("session:" + uuid);
            }
        }
        String pcv = m.header("P-Charging-Vector");
        if (pcv != null) {
            for (String p : pcv.split(";")) {
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("icid-value")) {
                    String v = unquote(p.substring(eq + 1).trim());
                    if (!v.isEmpty()) {
                        keys.add("icid:" + v);
                    }
                }
            }
        }
        return keys;
    }

    private void tieByTransfer() {
        Map<String, Integer> byCallId = new HashMap<>();
        List<Integer> referring = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            byCallId.putIfAbsent(legs.get(i).callId, i);
            for (Transaction t : legs.get(i).all) {
                if ("REFER".equals(t.method())) {
                    referring.add(i);
                    break;
                }
            }
        }
        for (int i = 0; i < legs.size(); i++) {
            Work w = legs.get(i);
            if (w.invite == null) {
                continue;
            }
            String replaces = w.invite.message().header("Replaces");
            Integer j = replaces == null ? null : byCallId.get(beforeSemicolon(replaces));
            if (j != null && j != i) {
                union(Math.min(i, j), Math.max(i, j), CallLeg.Tie.TRANSFER);
            }
            if (w.invite.message().header("Referred-By") != null) {
                String target = number(userOf(w.invite.message().requestUri()));
                for (int k = referring.size() - 1; k >= 0 && target != null; k--) {
                    int r = referring.get(k);
                    if (r < i && referredTo(legs.get(r), target, w.firstFrame)) {
                        union(r, i, CallLeg.Tie.TRANSFER);
                        break;
                    }
                }
            }
        }
    }

    /** A REFER sent in this leg before {@code before} whose Refer-To user is {@code number}. */
    private boolean referredTo(Work w, String number, long before) {
        for (Transaction t : w.all) {
            if (!"REFER".equals(t.method()) || !t.requestSeen() || t.firstFrame() > before) {
                continue;
            }
            SipEvent e = events.get(t.requestFrames().get(0));
            String referTo = e == null ? null : e.message().header("Refer-To");
            if (referTo != null && numbersMatch(number, number(userOf(NameAddr.parse(referTo).uri())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every later leg against the earlier legs within the window that share a number or a media address with it
     * (one of the two must hold), found through an index, so the cost follows legs with something in common, not
     * every leg in the window.
     */
    private void tieByMatch() {
        Map<String, MatchList> index = new HashMap<>();
        Map<String, Integer> hosts = new HashMap<>(); // each host as a number, for comparing sides
        for (int i = 0; i < legs.size(); i++) {
            Work later = legs.get(i);
            later.key();
            int src = hosts.computeIfAbsent(later.srcHost, h -> hosts.size());
            int dst = hosts.computeIfAbsent(later.dstHost, h -> hosts.size());
            List<String> keys = matchKeys(later);
            if (i > 0 && later.tie == CallLeg.Tie.FIRST && !later.invites.isEmpty()) {
                TreeSet<Integer> candidates = new TreeSet<>(Comparator.reverseOrder());
                for (String k : keys) {
                    MatchList seen = index.get(k);
                    if (seen != null) {
                        seen.candidates(later.start, src, dst, candidates);
                    }
                }
                int best = -1;
                int bestScore = 0;
                for (int j : candidates) { // latest first: on equal scores the latest earlier leg wins
                    int s = score(legs.get(j), later);
                    if (s >= 2 && s > bestScore) {
                        best = j;
                        bestScore = s;
                    }
                }
                if (best >= 0) {
                    union(best, i, CallLeg.Tie.MATCH);
                }
            }
            for (String k : keys) {
                index.computeIfAbsent(k, x -> new MatchList()).add(i, later.start, src, dst);
            }
        }
    }

    /**
     * The legs under one match key in capture order, with what choosing candidates reads of each (start, hosts as
     * numbers) kept beside them in arrays: a leg looks at up to {@link #MATCH_LOOKBACK} of them, and a SIP scanner's
     * INVITEs to one number made that walk go through thousands of legs' objects per leg.
     */
    private static final class MatchList {
        private int size;
        private int[] legs = new int[4];
        /** Start seconds and nanoseconds; {@link #hasStart} false when the leg has none. */
        private long[] seconds = new long[4];
        private int[] nanos = new int[4];
        private boolean[] hasStart = new boolean[4];
        private int[] srcHosts = new int[4];
        private int[] dstHosts = new int[4];

        void add(int leg, Instant start, int src, int dst) {
            if (size == legs.length) {
                int n = size * 2;
                legs = Arrays.copyOf(legs, n);
                seconds = Arrays.copyOf(seconds, n);
                nanos = Arrays.copyOf(nanos, n);
                hasStart = Arrays.copyOf(hasStart, n);
                srcHosts = Arrays.copyOf(srcHosts, n);
                dstHosts = Arrays.copyOf(dstHosts, n);
            }
            legs[size] = leg;
            hasStart[size] = start != null;
            seconds[size] = start == null ? 0 : start.getEpochSecond();
            nanos[size] = start == null ? 0 : start.getNano();
            srcHosts[size] = src;
            dstHosts[size] = dst;
            size++;
        }

        /**
         * Adds to {@code out} the legs a later leg (starting at {@code start}, from host {@code src} to {@code dst})
         * may tie to: the latest {@link #MATCH_LOOKBACK}, back to the first that started more than twice the tie
         * window before it (legs are in capture order: nothing earlier is within the window), but not those between
         * the same hosts the same way or from where the later leg goes, which {@link #score} gives 0.
         */
        void candidates(Instant start, int src, int dst, Set<Integer> out) {
            for (int n = size - 1; n >= 0 && n >= size - MATCH_LOOKBACK; n--) {
                if (start != null && hasStart[n] && moreThanTwoWindows(seconds[n], nanos[n], start)) {
                    break;
                }
                if (!(srcHosts[n] == src && dstHosts[n] == dst || dst == srcHosts[n])) {
                    out.add(legs[n]);
                }
            }
        }
    }

    /**
     * Whether {@code later} comes more than twice {@link #TIE_WINDOW} after {@code seconds}.{@code nanos} (an
     * {@link Instant}'s fields), computed without allocating: Instant's seconds lie within +-3.2e16, so their
     * difference cannot overflow.
     */
    static boolean moreThanTwoWindows(long seconds, int nanos, Instant later) {
        long ds = later.getEpochSecond() - seconds;
        if (ds > TWO_WINDOWS / 1_000_000_000L + 1) {
            return true;
        }
        if (ds < -1) {
            return false;
        }
        return ds * 1_000_000_000L + (later.getNano() - nanos) > TWO_WINDOWS;
    }

    /**
     * The keys under which two legs can match: each called and calling number (two numbers match when equal, or
     * when both are 7 or more digits and one ends with the other, so both then share their last 7 digits) and
     * each media address.
     */
    private static List<String> matchKeys(Work w) {
        List<String> keys = new ArrayList<>();
        for (String n : w.called) {
            keys.add("c" + numberKey(n));
        }
        if (w.calling != null) {
            keys.add("f" + numberKey(w.calling));
        }
        for (String m : w.offerMedia) {
            keys.add("o" + m);
        }
        for (String m : w.answerMedia) {
            keys.add("a" + m);
        }
        return keys;
    }

    static String numberKey(String n) {
        return n.length() >= 7 && digits(n) ? "#" + n.substring(n.length() - 7) : "=" + n;
    }

    /** How many tie criteria hold between an earlier and a later leg; 0 when the guards exclude it. */
    private static int score(Work earlier, Work later) {
        if (earlier.invites.isEmpty() || earlier.start == null || later.start == null) {
            return 0;
        }
        Duration gap = Duration.between(earlier.start, later.start);
        if (gap.isNegative() || gap.compareTo(TIE_WINDOW) > 0) {
            return 0;
        }
        earlier.key();
        later.key();
        String es = earlier.srcHost;
        String ed = earlier.dstHost;
        String ls = later.srcHost;
        String ld = later.dstHost;
        if ((es.equals(ls) && ed.equals(ld)) || ld.equals(es)) {
            return 0;
        }
        boolean number = numbersMatch(earlier.called, later.called) || numbersMatch(earlier.calling, later.calling);
        boolean media = intersects(earlier.offerMedia, later.offerMedia)
                || intersects(earlier.answerMedia, later.answerMedia);
        if (!number && !media) {
            return 0;
        }
        int score = (number ? 1 : 0) + (media ? 1 : 0);
        if (ls.equals(ed)) {
            score++;
        }
        if (earlier.answer != null && later.answer != null
                && Duration.between(earlier.answer, later.answer).abs().compareTo(ANSWER_WINDOW) <= 0) {
            score++;
        }
        return score;
    }

    private void tieByMedia() {
        Map<String, List<int[]>> offers = new HashMap<>(); // media address -> {leg, leg dialog, exchange}
        for (int j = 0; j < legs.size(); j++) {
            List<Dialog> ds = legs.get(j).dialogs;
            for (int d = 0; d < ds.size(); d++) {
                List<SdpExchange> xs = ds.get(d).offerAnswer();
                for (int x = 0; x < xs.size(); x++) {
                    SdpCarrier in = xs.get(x).offerIn();
                    if (in == SdpCarrier.REINVITE || in == SdpCarrier.UPDATE) {
                        for (String address : mediaAddresses(xs.get(x).offer())) {
                            offers.computeIfAbsent(address, k -> new ArrayList<>()).add(new int[] {j, d, x});
                        }
                    }
                }
            }
        }
        for (int i = 1; i < legs.size(); i++) {
            Work l = legs.get(i);
            if (l.tie != CallLeg.Tie.FIRST || l.offerMedia.isEmpty()) {
                continue;
            }
            int best = -1;
            for (String address : l.offerMedia) {
                for (int[] o : offers.getOrDefault(address, List.of())) {
                    SdpExchange x = legs.get(o[0]).dialogs.get(o[1]).offerAnswer().get(o[2]);
                    if (o[0] < i && (best < 0 || o[0] < best) && bridges(x, l)) {
                        best = o[0];
                    }
                }
            }
            if (best >= 0) {
                union(best, i, CallLeg.Tie.MEDIA);
            }
        }
    }

    /** A re-INVITE or UPDATE offer, sent by the host {@code l}'s INVITE went to soon after it, with its media. */
    private boolean bridges(SdpExchange x, Work l) {
        if (x.offer() == null || (x.offerIn() != SdpCarrier.REINVITE && x.offerIn() != SdpCarrier.UPDATE)
                || x.offerFrame() <= l.firstFrame || x.transaction() < 0) {
            return false;
        }
        Transaction t = model.transaction(x.transaction());
        Duration gap = Duration.between(l.start, t.started());
        return !gap.isNegative() && gap.compareTo(TIE_WINDOW) <= 0 && host(t.client()).equals(host(l.dst))
                && intersects(mediaAddresses(x.offer()), l.offerMedia);
    }

    // ---- calls -----------------------------------------------------------------------------------------------

    private Call call(String id, List<Work> g) {
        Work first = g.get(0);
        List<String> callIds = new ArrayList<>();
        List<CallLeg> legList = new ArrayList<>();
        TreeSet<Long> frames = new TreeSet<>();
        Instant ring = null;
        boolean stillUp = false;
        for (Work w : g) {
            callIds.add(w.callId);
            legList.add(leg(w));
            for (Transaction t : w.all) {
                frames.addAll(t.frames());
            }
            if (w.ring != null && (ring == null || w.ring.isBefore(ring))) {
                ring = w.ring;
            }
            stillUp |= w.outcome == CallOutcome.STILL_UP;
        }
        SipMessage named = first.invite != null ? first.invite.message() : first.answeredInvite;
        CallParty caller = named == null ? CallParty.UNKNOWN : party(named.from());
        CallParty callee = named == null ? CallParty.UNKNOWN : party(named.to());
        if (callee.user() == null && first.invite != null) {
            callee = new CallParty(callee.displayName(), userOf(first.invite.message().requestUri()), callee.uri());
        }
        CallOutcome outcome = first.outcome;
        Instant end = first.end;
        Call.HangUp hangUp = null;
        if (first.answered) {
            hangUp = hangUp(g);
            outcome = stillUp ? CallOutcome.STILL_UP : CallOutcome.ANSWERED;
            end = stillUp ? null : hangUp != null ? timeOfBye(g, hangUp.frame()) : lastEnd(g);
        }
        Instant start = first.start;
        Duration pdd = ring != null && start != null && !ring.isBefore(start) ? Duration.between(start, ring) : null;
        Duration talk = first.answer != null && end != null ? Duration.between(first.answer, end) : null;
        Sdp answer = first.answerSdp;
        for (int i = 1; answer == null && i < g.size(); i++) {
            answer = g.get(i).answerSdp;
        }
        List<String> codecs = new ArrayList<>();
        String codec = null;
        if (answer != null) {
            for (SdpMedia m : answer.media()) {
                if (!m.rejected()) {
                    codecs.addAll(m.codecNames());
                }
            }
            for (String c : codecs) {
                if (!c.toLowerCase(Locale.ROOT).startsWith("telephone-event")) {
                    codec = c;
                    break;
                }
            }
        }
        return new Call(id, callIds, caller, callee, legList, start, ring, first.answer, end, pdd, talk, hangUp,
                outcome, first.finalStatus, codec, codecs, new ArrayList<>(frames));
    }

    private CallLeg leg(Work w) {
        SipMessage m = w.invite == null ? w.answeredInvite : w.invite.message();
        List<DialogId> ids = new ArrayList<>();
        for (Dialog d : w.dialogs) {
            ids.add(d.id());
        }
        return new CallLeg(w.callId, m == null ? CallParty.UNKNOWN : party(m.from()),
                m == null ? CallParty.UNKNOWN : party(m.to()), w.invite == null ? null : m.requestUri(), w.src, w.dst,
                w.firstFrame, w.start, w.ring, w.answer, w.end, w.finalStatus, w.outcome, w.tie, ids);
    }

    /**
     * The last BYE sent by an endpoint; without one, the first BYE. A BYE is not an endpoint's when its sender is
     * between two legs of the call (the destination of one leg's INVITE and the source of another's, as a B2BUA
     * is), when it follows a BYE of another leg within {@link #ANSWER_WINDOW} (a B2BUA relaying the hang-up,
     * also from a second address; from another dialog of the same Call-ID too, as an SBC that keeps the Call-ID
     * sends it), or when it is a proxy's relay of another BYE in the same Call-ID (its Via on top of that BYE's,
     * {@link Transaction#relayOf()}). The last rather than the first, so that after a transfer the party that
     * ended the call is named, not the transferor.
     */
    private static Call.HangUp hangUp(List<Work> g) {
        Set<String> sources = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        List<Bye> listed = new ArrayList<>();
        for (Work w : g) {
            sources.add(host(w.src));
            targets.add(host(w.dst));
            for (Transaction t : w.byes) {
                listed.add(new Bye(t, w));
            }
        }
        if (listed.isEmpty()) {
            return null;
        }
        // by first frame; of one frame, the later-listed first (as inserting each before its equals put them): the
        // list reversed, then sorted stably
        Collections.reverse(listed);
        long[] frames = new long[listed.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = listed.get(i).t().firstFrame();
        }
        List<Bye> sorted = KeyOrder.stable(listed.toArray(), frames);
        List<Transaction> byes = new ArrayList<>(sorted.size());
        boolean inTime = true; // the BYEs' starts never go back in frame order: the look back below may stop early
        for (Bye b : sorted) {
            if (!byes.isEmpty() && b.t().started().isBefore(byes.get(byes.size() - 1).started())) {
                inTime = false;
            }
            byes.add(b.t());
        }
        int chosen = 0;
        for (int i = 0; i < byes.size(); i++) {
            Transaction t = byes.get(i);
            String h = host(t.client());
            boolean middle = sources.contains(h) && targets.contains(h);
            boolean relay = false;
            for (int j = i - 1; j >= 0 && !relay; j--) {
                Duration gap = Duration.between(byes.get(j).started(), t.started());
                if (inTime && gap.compareTo(ANSWER_WINDOW) > 0) {
                    break; // every earlier BYE started earlier still
                }
                relay = (!byes.get(j).callId().equals(t.callId()) || otherDialog(byes.get(j), t))
                        && !gap.isNegative() && gap.compareTo(ANSWER_WINDOW) <= 0;
            }
            if (!middle && !relay && t.relayOf() < 0) {
                chosen = i;
            }
        }
        Transaction bye = byes.get(chosen);
        Work leg = sorted.get(chosen).owner();
        Call.Side side = bye.client().equals(leg.src) || (!bye.client().equals(leg.dst)
                && host(bye.client()).equals(host(leg.src))) ? Call.Side.CALLER : Call.Side.CALLEE;
        return new Call.HangUp(side, bye.client(), leg.callId, bye.firstFrame());
    }

    /** A BYE transaction and the leg it belongs to. */
    private record Bye(Transaction t, Work owner) {
    }

    /** Two transactions of known, different dialogs (an SBC that keeps the Call-ID has a dialog on each side). */
    private static boolean otherDialog(Transaction a, Transaction b) {
        if (a.dialogs().isEmpty() || b.dialogs().isEmpty()) {
            return false;
        }
        for (DialogId d : a.dialogs()) {
            if (b.dialogs().contains(d)) {
                return false;
            }
        }
        return true;
    }

    /** The latest end of an answered leg. */
    private static Instant lastEnd(List<Work> g) {
        Instant end = null;
        for (Work w : g) {
            if (w.answered && w.end != null && (end == null || w.end.isAfter(end))) {
                end = w.end;
            }
        }
        return end;
    }

    private static Instant timeOfBye(List<Work> g, long frame) {
        for (Work w : g) {
            for (Transaction t : w.byes) {
                if (t.firstFrame() == frame) {
                    return t.started();
                }
            }
        }
        return null;
    }

    // ---- numbers and addresses -------------------------------------------------------------------------------

    /**
     * The party a From or To names; one object per header value (a call's caller and its first leg's From are the
     * same value, and a finished call's summary is kept to the end of the capture).
     */
    private CallParty party(NameAddr a) {
        return a == null ? CallParty.UNKNOWN
                : parties.computeIfAbsent(a, x -> new CallParty(x.displayName(), userOf(x.uri()), x.uri()));
    }

    private static String userOf(NameAddr a) {
        return a == null ? null : userOf(a.uri());
    }

    /** The user part of a SIP, SIPS or tel URI, without parameters; null when it has none. */
    static String userOf(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.trim();
        int colon = u.indexOf(':');
        String scheme = colon < 0 ? "" : u.substring(0, colon).toLowerCase(Locale.ROOT);
        u = colon < 0 ? u : u.substring(colon + 1);
        int at = u.indexOf('@');
        if (at < 0 && !scheme.equals("tel")) {
            return null;
        }
        String user = at < 0 ? u : u.substring(0, at);
        int cut = user.length();
        for (char c : new char[] {';', '?', ':'}) {
            int k = user.indexOf(c);
            if (k >= 0 && !(c == ':' && at < 0)) {
                cut = Math.min(cut, k);
            }
        }
        user = user.substring(0, cut);
        return user.isEmpty() ? null : user;
    }

    /** A user part normalised for comparison (see the class comment); null stays null. */
    static String number(String user) {
        if (user == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(user.length());
        for (char c : user.toCharArray()) {
            if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                sb.append(c);
            }
        }
        String n = sb.toString().toLowerCase(Locale.ROOT);
        if (n.startsWith("+")) {
            n = n.substring(1);
        }
        if (n.startsWith("00")) {
            n = n.substring(2);
        }
        return n.isEmpty() ? null : n;
    }

    static boolean numbersMatch(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= 7 && digits(shorter) && digits(longer) && longer.endsWith(shorter);
    }

    private static boolean numbersMatch(List<String> a, List<String> b) {
        for (String x : a) {
            for (String y : b) {
                if (numbersMatch(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The normalised Request-URI and To users of a leg's INVITE. */
    private static List<String> calledNumbers(Work w) {
        List<String> out = new ArrayList<>(2);
        if (w.invite != null) {
            String r = number(userOf(w.invite.message().requestUri()));
            String t = number(userOf(w.invite.message().to()));
            if (r != null) {
                out.add(r);
            }
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** The host of {@code ip:port} or {@code [v6]:port}, lower case; empty for null. */
    static String host(String address) {
        return address == null ? "" : IpText.host(address.toLowerCase(Locale.ROOT));
    }

    static String beforeSemicolon(String v) {
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(0, semi)).trim();
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
