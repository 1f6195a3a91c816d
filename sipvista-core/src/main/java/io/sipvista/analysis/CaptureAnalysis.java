package io.sipvista.analysis;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallAssembler;
import io.sipvista.correlate.CallLinks;
import io.sipvista.correlate.Correlation;
import io.sipvista.correlate.Correlator;
import io.sipvista.correlate.CorrelatorLimits;
import io.sipvista.correlate.KeyOrder;
import io.sipvista.correlate.MessageContext;
import io.sipvista.correlate.SipEvent;
import io.sipvista.correlate.Subscription;
import io.sipvista.correlate.Transaction;
import io.sipvista.frame.CaptureTime;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.frame.MediaFastPath;
import io.sipvista.frame.SipEntry;
import io.sipvista.insight.Finding;
import io.sipvista.insight.FindingDetector;
import io.sipvista.store.StoredList;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * Runs a capture through decoding and correlation, streaming: every frame decoded, every SIP message on the wire
 * (not the ones only quoted in ICMP errors) handed to a {@link Correlator} in capture order, and calls assembled
 * and diagnosed as they settle.
 *
 * <p>Memory follows open calls, not messages. The messages of each Call-ID are held until the Call-ID
 * <em>settles</em>: nothing of it is matchable any more (no transaction within its linger, no dialog that is not
 * terminated, see {@link Correlator#openAmong}) and its last message is older than the linger. Every
 * {@link #SETTLE_EVERY} of capture time, the settled Call-IDs and the held ones that may share a call with them
 * ({@link CallLinks}: numbers, media addresses, correlation headers) are assembled into calls ({@link CallAssembler})
 * and every call whose Call-IDs have all settled is final: it is diagnosed ({@link FindingDetector.Running}),
 * summarised into its {@link Call}, and its messages, transactions and dialogs are dropped. A call with one leg
 * still open keeps all its legs, so a B2BUA's legs are always assembled together. Call-IDs that form no call
 * (REGISTER, OPTIONS, MESSAGE, subscriptions) settle the same way; messages without a Call-ID, which belong to
 * no transaction, dialog or call, settle at every settling. At the end everything left settles.
 *
 * <p>Because a settled Call-ID's last message is older than the linger (32 s) and a leg ties to a call by
 * number and timing only within {@link CallAssembler#TIE_WINDOW}, the calls are those of assembling the whole
 * capture at once, with one stated difference: a correlation header (X-CID, Session-ID, icid) or Replaces ties a
 * later leg only to a call not yet settled. Calls are numbered {@code call-1} ... in order of first frame at the
 * end, whatever order they settled in.
 *
 * <p>{@link Keep#SUMMARY} forgets settled messages and model (for {@code analyze} and {@code calls});
 * {@link Keep#MESSAGES} keeps every message with its context and the whole model, for views that show messages
 * (frames with insights, the ladder). Both give the same calls and findings.
 *
 * <p>Media goes the same way ({@link MediaStreams}): every SDP announces where a side expects RTP, every RTP/RTCP
 * datagram is tied to the call whose SDP announced its destination (or source), and a call's streams are
 * summarised and diagnosed ({@code media.*} findings) when the call is made final; streams of no call are
 * summarised when idle for the linger or at the end.
 */
public final class CaptureAnalysis {
    /** How often, in capture time, held Call-IDs are checked for having settled. */
    public static final Duration SETTLE_EVERY = Duration.ofSeconds(16);
    /** About how many Call-IDs the end settles at a time, see {@code Settler.settleAtEnd}. */
    static final int END_PART = 2048;
    private static final String NO_CALL_ID = "";
    /** The id a call has from being made final to the end, when calls are numbered in order: {@code call#k}. */
    private static final String SETTLED_ID = "call#";

    /** What the analysis keeps of settled calls. */
    public enum Keep {
        /** Calls, findings, registrations, subscriptions and counts; no messages once a call settled. */
        SUMMARY,
        /** Also every SIP message with its context, and the whole correlated model. */
        MESSAGES
    }

    /** One SIP message as the analysis saw it. */
    public record Message(SipEvent event, MessageContext context) {
    }

    /**
     * What a capture holds.
     *
     * @param frames        frames read
     * @param firstTime     time of the first frame, or null
     * @param lastTime      time of the last frame, or null
     * @param sipMessages   SIP messages on the wire (quoted ones not counted)
     * @param messages      with {@link Keep#MESSAGES}: those messages in capture order with their context; else
     *                      empty
     * @param correlation   with {@link Keep#MESSAGES}: transactions, dialogs, registrations, subscriptions; with
     *                      {@link Keep#SUMMARY}: registrations, uncorrelated messages and anomalies only
     * @param transactions  transactions per method, methods in alphabetical order
     * @param subscriptions every subscription, in order of first frame
     * @param calls         calls, in order of first frame
     * @param findings      the diagnosis: failed calls and why, protocol problems, NAT, expiries (ordered by evidence)
     * @param warnings      capture-level anomalies (file damage, streams ended inside a message)
     * @param streams       RTP streams (and RTCP senders with no RTP stream) in order of first frame, each with the
     *                      call it belongs to or none
     */
    public record Result(long frames, String firstTime, String lastTime, long sipMessages, List<Message> messages,
                         Correlation correlation, Map<String, Integer> transactions, List<Subscription> subscriptions,
                         List<Call> calls, List<Finding> findings, List<Anomaly> warnings,
                         List<MediaStream> streams) {
        public Result {
            streams = StoredList.isView(streams) ? streams : List.copyOf(streams);
            messages = List.copyOf(messages);
            transactions = java.util.Collections.unmodifiableMap(new TreeMap<>(transactions));
            subscriptions = List.copyOf(subscriptions);
            calls = StoredList.isView(calls) ? calls : List.copyOf(calls);
            findings = List.copyOf(findings);
            warnings = List.copyOf(warnings);
        }
    }

    private CaptureAnalysis() {
    }

    /** The analysis that keeps every message ({@link Keep#MESSAGES}). */
    public static Result run(CaptureReader reader, FrameLimits limits) throws IOException {
        return run(reader, limits, Keep.MESSAGES);
    }

    public static Result run(CaptureReader reader, FrameLimits limits, Keep keep) throws IOException {
        return run(reader, limits, keep, held -> { });
    }

    /** {@link #run(CaptureReader, FrameLimits, Keep)}, telling {@code held} how many Call-IDs are held after each settling. */
    static Result run(CaptureReader reader, FrameLimits limits, Keep keep, IntConsumer held) throws IOException {
        return run(reader, limits, keep, held, assembled -> { }, true, fast -> { });
    }

    /**
     * {@link #run(CaptureReader, FrameLimits, Keep, IntConsumer)}, telling {@code assembled} at the end how many
     * Call-IDs were given to the call assembler, summed over every settling.
     */
    static Result run(CaptureReader reader, FrameLimits limits, Keep keep, IntConsumer held, LongConsumer assembled)
            throws IOException {
        return run(reader, limits, keep, held, assembled, true, fast -> { });
    }

    /**
     * {@link #run(CaptureReader, FrameLimits, Keep, IntConsumer)}, with or without the media fast path, telling
     * {@code fastFrames} at the end how many frames took it. The fast path gives the same result; it only spares
     * building a {@link Frame} for a media datagram of a flow already open ({@link MediaFastPath},
     * {@link MediaStreams#fastPacket}).
     */
    static Result run(CaptureReader reader, FrameLimits limits, Keep keep, IntConsumer held, boolean fastPath,
                      LongConsumer fastFrames) throws IOException {
        return run(reader, limits, keep, held, assembled -> { }, fastPath, fastFrames);
    }

    private static Result run(CaptureReader reader, FrameLimits limits, Keep keep, IntConsumer held,
                              LongConsumer assembled, boolean fastPath, LongConsumer fastFrames) throws IOException {
        Objects.requireNonNull(keep, "keep");
        Settler settler = new Settler(keep, CorrelatorLimits.DEFAULT, held);
        FrameDecoder mediaDecoder = null; // the media datagrams the fast path leaves (see DecodingThread)
        long frames = 0;
        long fastCount = 0;
        Instant nextExpiry = null;
        String first = null;
        long lastSeconds = 0; // the last frame's time
        int lastNanos = 0;
        int lastDigits = 0;
        List<Anomaly> warnings;
        try (DecodingThread decoding = DecodingThread.start(reader, limits, fastPath)) {
            for (DecodingThread.Batch batch; (batch = decoding.next()) != null; decoding.done(batch)) {
                for (int i = 0; i < batch.size; i++) {
                    frames++;
                    lastSeconds = batch.epochSeconds[i];
                    lastNanos = batch.nanos[i];
                    lastDigits = batch.timeDigits[i];
                    Frame f = batch.frames[i];
                    if (f == null) {
                        if (batch.countMedia(i, settler.media)) {
                            fastCount++;
                            nextExpiry = mediaClock(settler.media, nextExpiry, lastSeconds, lastNanos);
                            continue;
                        }
                        if (mediaDecoder == null) {
                            mediaDecoder = new FrameDecoder(limits, false);
                        }
                        f = mediaDecoder.decode(batch.record(i));
                    }
                    if (first == null) {
                        first = f.time();
                    }
                    for (SipEntry e : f.sip()) {
                        if (!e.quoted()) {
                            settler.accept(new SipEvent(f.number(), f.epochSeconds(), f.nanos(), f.src(), f.dst(),
                                    transportOf(f), e.message(), e.sdp()));
                        }
                    }
                    if (f.media() != null) {
                        settler.media.packet(f);
                        Instant end = Instant.ofEpochSecond(f.epochSeconds(), f.nanos());
                        nextExpiry = mediaClock(settler.media, nextExpiry, end.getEpochSecond(), end.getNano());
                    }
                }
            }
            warnings = new ArrayList<>(decoding.warnings());
        }
        if (mediaDecoder != null) {
            warnings.addAll(mediaDecoder.finish());
        }
        fastFrames.accept(fastCount);
        String last = first == null ? null : CaptureTime.format(lastSeconds, lastNanos, lastDigits);
        Result result = settler.finish(frames, first, last,
                first == null ? null : Instant.ofEpochSecond(lastSeconds, lastNanos), warnings);
        assembled.accept(settler.assembledCallIds);
        return result;
    }

    /**
     * The clock of idle media flows, driven by media frames: the first sets the next expiry one
     * {@link #SETTLE_EVERY} later; one at or after it expires idle flows and sets the next. Returns the next expiry.
     */
    private static Instant mediaClock(MediaStreams media, Instant next, long seconds, int nanos) {
        if (next != null && (seconds < next.getEpochSecond()
                || seconds == next.getEpochSecond() && nanos < next.getNano())) {
            return next;
        }
        if (next != null) {
            media.expire(seconds, nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos).plus(SETTLE_EVERY);
    }

    private static String transportOf(Frame f) {
        return f.transport() == null ? "udp" : f.transport();
    }

    /** Holds the messages of open Call-IDs and settles calls as they end. */
    private static final class Settler {
        private final Keep keep;
        private final Duration linger;
        private final Correlator correlator;
        private final Map<String, List<SipEvent>> held = new LinkedHashMap<>();
        private final Map<String, Instant> lastSeen = new HashMap<>();
        /**
         * The held Call-IDs with a message that {@link FindingDetector.Running#mayShowNat}, asked as each message
         * arrives: settling reads a part's messages again for the NAT findings only when one of its Call-IDs is here.
         */
        private final Set<String> natPossible = new HashSet<>();
        /** What may tie the held Call-IDs to each other: settling assembles only what may share a call. */
        private final CallLinks links = new CallLinks();
        private final List<Message> messages = new ArrayList<>();
        private final Map<String, Integer> transactions = new HashMap<>();
        private final List<Subscription> subscriptions = new ArrayList<>();
        /** Calls made final, in that order; call {@code call#k} is the k-th. */
        private final FinishedList<Call> calls;
        private final FindingDetector.Running findings = new FindingDetector.Running();
        final MediaStreams media;
        private final MediaFindings mediaFindings = new MediaFindings();
        private final FinishedList<MediaStream> streams;
        private final IntConsumer probe;
        private long sipMessages;
        /** Call-IDs given to the assembler, summed over every settling (for tests of the work it does). */
        long assembledCallIds;
        private Instant nextSettle;
        private Instant lastTime;

        Settler(Keep keep, CorrelatorLimits limits, IntConsumer probe) {
            this.keep = keep;
            this.probe = probe;
            this.linger = limits.linger();
            this.correlator = keep == Keep.MESSAGES ? new Correlator(limits) : Correlator.streaming(limits);
            this.media = new MediaStreams(linger);
            boolean bytes = keep == Keep.SUMMARY;
            this.calls = new FinishedList<>(bytes ? Summaries.CALLS : null, c -> c.legs().get(0).firstFrame());
            this.streams = new FinishedList<>(bytes ? Summaries.STREAMS : null, MediaStream::firstFrame);
        }

        void accept(SipEvent event) {
            Instant now = event.time();
            if (nextSettle == null) {
                nextSettle = now.plus(SETTLE_EVERY);
            } else if (!now.isBefore(nextSettle)) {
                settle(now);
                probe.accept(held.size());
                nextSettle = now.plus(SETTLE_EVERY);
            }
            MessageContext context = correlator.accept(event);
            media.sip(event);
            sipMessages++;
            if (keep == Keep.MESSAGES) {
                messages.add(new Message(event, context));
            }
            String callId = callIdOf(event);
            held.computeIfAbsent(callId, k -> new ArrayList<>()).add(event);
            if (FindingDetector.Running.mayShowNat(event)) {
                natPossible.add(callId);
            }
            links.add(callId, event);
            lastSeen.put(callId, now);
            if (lastTime == null || now.isAfter(lastTime)) {
                lastTime = now;
            }
        }

        /**
         * Settles the held Call-IDs quiet for the linger with nothing open, making final every call whose Call-IDs
         * all settled.
         */
        private void settle(Instant now) {
            Set<String> settled = new HashSet<>();
            Instant quietSince = now.minus(linger); // last seen before this: quiet for the linger
            for (Map.Entry<String, Instant> e : lastSeen.entrySet()) {
                if (e.getValue().isBefore(quietSince)) {
                    settled.add(e.getKey());
                }
            }
            if (lastSeen.containsKey(NO_CALL_ID)) {
                // messages without a Call-ID belong to no transaction, dialog or call: nothing of theirs can still
                // change, so they settle at once rather than when quiet (a steady trickle of them never is)
                settled.add(NO_CALL_ID);
            }
            settled.removeAll(correlator.openAmong(settled));
            if (!settled.isEmpty()) {
                settle(settled, links.closure(settled), now, links.horizon());
            }
        }

        /**
         * At the end everything settles. A capture shorter than the linger holds every call until then (25,000 calls
         * in the benchmark's sweep of 10,000 at once), and settling them in one part built its model, calls and
         * event lists for all of them on top of everything held (797 MB peak RSS there; 664 MB in parts, since each
         * part is released before the next is built). So they settle in parts of about {@link #END_PART} Call-IDs
         * in order of arrival, each with every Call-ID that may share a call with them, all at the horizon of the
         * whole: the calls, findings and streams are those of one part.
         */
        private void settleAtEnd(Instant end) {
            Instant horizon = links.horizon();
            Set<String> closedAll = null; // the closure of everything held, when a part turned out to be that
            while (held.size() > END_PART) {
                Set<String> seeds = new HashSet<>();
                for (String id : held.keySet()) { // in order of arrival
                    seeds.add(id);
                    if (seeds.size() == END_PART) {
                        break;
                    }
                }
                Set<String> part = links.closure(seeds);
                int before = held.size();
                if (part.size() >= before) { // everything may share a call: settle it as one
                    closedAll = part;
                    break;
                }
                settle(part, part, end, horizon); // a closure is closed: its own group
                probe.accept(held.size());
                if (held.size() == before) {
                    break; // nothing became final (cannot happen with a closed part): settle the rest as one
                }
            }
            if (!held.isEmpty()) {
                Set<String> rest = new HashSet<>(lastSeen.keySet());
                settle(rest, closedAll != null ? closedAll : links.closure(rest), end, horizon);
            }
        }

        /**
         * Assembles the settled Call-IDs with {@code group}, every held one that may share a call with them
         * ({@code links.closure(settled)}), at {@code horizon}, and makes final every call whose Call-IDs all
         * settled.
         */
        private void settle(Set<String> settled, Set<String> group, Instant now, Instant horizon) {
            // only the held Call-IDs that may share a call with a settled one: the calls they make are those of
            // assembling everything held, at the same horizon (CallLinks over-approximates every tie)
            assembledCallIds += group.size();
            Correlation whole = correlator.part(group, settled);
            List<SipEvent> groupEvents = events(group);
            List<Call> assembled = CallAssembler.assemble(whole, groupEvents, horizon);
            Set<String> done = new HashSet<>(settled);
            List<Call> finals = new ArrayList<>();
            for (Call call : assembled) {
                if (settled.containsAll(call.callIds())) {
                    finals.add(call);
                } else {
                    done.removeAll(call.callIds()); // a leg still open keeps the whole call
                }
            }
            if (done.isEmpty()) {
                return;
            }
            Correlation part = only(whole, done); // what correlator.part(done, done) gives, not built again
            List<Call> named = new ArrayList<>(finals.size());
            for (Call c : finals) {
                named.add(rename(c, SETTLED_ID + (calls.size() + named.size())));
            }
            boolean nat = false;
            for (String id : done) {
                if (natPossible.contains(id)) {
                    nat = true;
                    break;
                }
            }
            findings.add(part, named, done.size() == group.size() ? groupEvents
                    : ofCallIds(groupEvents, Settler::callIdOf, done), now, nat);
            Set<String> noCall = new HashSet<>(done);
            for (Call c : named) {
                MediaStreams.Settled settledMedia = media.finishCall(c.callIds(), c.id());
                mediaFindings.add(c, settledMedia, now);
                settledMedia.streams().forEach(s -> streams.add(s.stream()));
                c.callIds().forEach(noCall::remove);
            }
            media.finishCall(noCall, null).streams().forEach(s -> streams.add(s.stream()));
            named.forEach(calls::add);
            for (Transaction t : part.transactions()) {
                transactions.merge(t.method(), 1, Integer::sum);
            }
            subscriptions.addAll(part.subscriptions());
            correlator.release(done);
            held.keySet().removeAll(done);
            natPossible.removeAll(done);
            lastSeen.keySet().removeAll(done);
            links.remove(done);
        }

        /**
         * The transactions, dialogs and subscriptions of {@code model} (a {@link Correlator#part}) whose Call-ID is
         * in {@code callIds}, in the model's order.
         */
        private static Correlation only(Correlation model, Set<String> callIds) {
            return new Correlation(ofCallIds(model.transactions(), Transaction::callId, callIds),
                    ofCallIds(model.dialogs(), d -> d.id().callId(), callIds), List.of(),
                    ofCallIds(model.subscriptions(), Subscription::callId, callIds), List.of(), List.of());
        }

        /** The key an event is held under: its Call-ID, or {@link #NO_CALL_ID}. */
        private static String callIdOf(SipEvent event) {
            String callId = event.message().callId();
            return callId == null ? NO_CALL_ID : callId;
        }

        private static <T> List<T> ofCallIds(List<T> items, Function<T, String> callIdOf, Set<String> callIds) {
            List<T> out = new ArrayList<>();
            for (T item : items) {
                if (callIds.contains(callIdOf.apply(item))) {
                    out.add(item);
                }
            }
            return out;
        }

        /**
         * The held events of these Call-IDs by frame number; of one frame, in the order of {@code callIds} and then
         * of arrival (a stable sort of their lists one after another).
         */
        private List<SipEvent> events(Set<String> callIds) {
            int n = 0;
            for (String id : callIds) {
                List<SipEvent> es = held.get(id);
                n += es == null ? 0 : es.size();
            }
            SipEvent[] all = new SipEvent[n];
            long[] frames = new long[n];
            int i = 0;
            for (String id : callIds) {
                List<SipEvent> es = held.get(id);
                if (es != null) {
                    for (SipEvent e : es) {
                        all[i] = e;
                        frames[i++] = e.frame();
                    }
                }
            }
            return KeyOrder.stable(all, frames);
        }

        Result finish(long frames, String first, String last, Instant end, List<Anomaly> warnings) {
            Instant captureEnd = end != null ? end : lastTime;
            if (lastTime != null && (captureEnd == null || lastTime.isAfter(captureEnd))) {
                captureEnd = lastTime;
            }
            if (!held.isEmpty()) {
                settleAtEnd(captureEnd);
            }
            Correlation model = correlator.finish();
            int[] callOrder = calls.order(Comparator.comparing((Call c) -> c.legs().get(0).callId()));
            int[] rank = new int[callOrder.length];
            for (int i = 0; i < callOrder.length; i++) {
                rank[callOrder[i]] = i;
            }
            List<Call> numbered = calls.view(callOrder, (i, c) -> rename(c, finalId(rank[i])));
            UnaryOperator<String> finalIds = id -> {
                int k = settledIndex(id, rank.length);
                return k < 0 ? id : finalId(rank[k]);
            };
            List<Finding> found = sipMessages == 0 ? List.of()
                    : findings.finish(model.registrations(), captureEnd, finalIds);
            List<Finding> fromMedia = mediaFindings.finish(media.sawRtp(), finalIds);
            if (!fromMedia.isEmpty()) {
                List<Finding> all = new ArrayList<>(found);
                all.addAll(fromMedia);
                all.sort(Comparator.comparingLong(Finding::firstFrame).thenComparing(Finding::id)
                        .thenComparing(Finding::text));
                found = all;
            }
            int settledStreams = streams.size();
            media.finish().forEach(streams::add);
            int[] streamOrder = streams.order(Comparator.comparing(MediaStream::src).thenComparing(MediaStream::dst)
                    .thenComparingLong(MediaStream::ssrc));
            List<MediaStream> allStreams = streams.view(streamOrder, (i, s) -> i >= settledStreams || s.call() == null
                    ? s : s.withCall(finalIds.apply(s.call())));
            subscriptions.sort(Comparator.comparingLong(Subscription::firstFrame));
            List<Subscription> subs = keep == Keep.MESSAGES ? model.subscriptions() : subscriptions;
            return new Result(frames, first, last, sipMessages, messages, model, transactions, subs, numbered,
                    found, warnings, allStreams);
        }

        /** The id of the call at {@code position} in the output. */
        private static String finalId(int position) {
            return "call-" + (position + 1);
        }

        /** k for {@code call#k} of the {@code settled} calls made final, else -1. */
        private static int settledIndex(String id, int settled) {
            if (id == null || !id.startsWith(SETTLED_ID)
                    || id.startsWith(SETTLED_ID + "0") && id.length() > SETTLED_ID.length() + 1) {
                return -1;
            }
            int k = 0;
            for (int i = SETTLED_ID.length(); i < id.length(); i++) {
                char ch = id.charAt(i);
                if (ch < '0' || ch > '9' || k > (settled - (ch - '0')) / 10) {
                    return -1;
                }
                k = k * 10 + (ch - '0');
            }
            return id.length() > SETTLED_ID.length() && k < settled ? k : -1;
        }

        private static Call rename(Call c, String id) {
            return new Call(id, c.callIds(), c.caller(), c.callee(), c.legs(), c.start(), c.ring(), c.answer(),
                    c.end(), c.postDialDelay(), c.talkTime(), c.hungUpBy(), c.outcome(), c.finalStatus(), c.codec(),
                    c.codecs(), c.frames());
        }
    }
}
