package io.sipvista.analysis;

import io.sipvista.correlate.Call;
import io.sipvista.insight.Finding;
import io.sipvista.insight.FindingCatalog;
import io.sipvista.media.Decimals;
import io.sipvista.store.ByteSink;
import io.sipvista.store.ByteSource;
import io.sipvista.store.Codec;
import io.sipvista.store.StoredList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Diagnoses the media of each call as the analysis makes it final, from its streams ({@link MediaStreams}) and the
 * last SDP of each side; words in {@code findings.tsv} ({@code media.*} rows), detection here:
 * <ul>
 *   <li>{@code media.one_way}: an answered call where, on one leg and m= line, RTP flowed one way and none came
 *       back although both sides' last SDP allow media that way;</li>
 *   <li>{@code media.no_rtp}: an answered call, up for at least {@link #MIN_TALK}, whose SDP expects media one way
 *       or the other, with no RTP at all; only raised when the capture holds RTP of something (a capture filtered
 *       to signalling says nothing about media);</li>
 *   <li>{@code media.address_mismatch}, {@code media.payload_type_not_negotiated}, {@code media.rtp_during_hold},
 *       {@code media.ssrc_change}, {@code media.dtmf_payload_type}: one per stream that showed the
 *       {@link MediaStream.Problem} of that kind.</li>
 * </ul>
 * Findings are rendered at the end, when calls have their final numbers. Not thread-safe.
 */
final class MediaFindings {
    /** The shortest answered time for which the absence of RTP is a finding. */
    static final Duration MIN_TALK = Duration.ofSeconds(2);
    /**
     * Loss from which a stream is reported: 3 % (G.711 with packet-loss concealment starts to sound impaired
     * around there, ITU-T G.113 Appendix I), over at least {@link #MIN_PACKETS} expected packets.
     */
    static final double LOSS_PERCENT = 3.0;
    /** Interarrival jitter (RFC 3550 A.8) from which a stream is reported: beyond a typical 40-60 ms buffer. */
    static final double JITTER_MS = 50.0;
    static final long MIN_PACKETS = 50;
    /** Packets lost in a row from which a dropout is reported on its own: 5 (100 ms at 20 ms packets). */
    static final long LOSS_BURST = 5;
    /** RTP this long before the answer is early media, not the callee starting to send as it answers. */
    static final Duration EARLY = Duration.ofMillis(500);

    /**
     * A finding waiting for the calls' final ids, kept as bytes ({@link #PENDING}; there is one per answered call
     * of a capture with no RTP, until its end): its values as name, value, name, value... (a value may be null), its
     * frames ascending.
     */
    private record Pending(String id, String[] values, long[] frames, String call, boolean needsRtp) {
        Pending(String id, Map<String, String> values, TreeSet<Long> frames, String call, boolean needsRtp) {
            this(id, pairs(values), longs(frames), call, needsRtp);
        }

        private static long[] longs(TreeSet<Long> frames) {
            long[] out = new long[frames.size()];
            int i = 0;
            for (long f : frames) {
                out[i++] = f;
            }
            return out;
        }

        private static String[] pairs(Map<String, String> values) {
            String[] out = new String[2 * values.size()];
            int i = 0;
            for (Map.Entry<String, String> e : values.entrySet()) {
                out[i++] = e.getKey();
                out[i++] = e.getValue();
            }
            return out;
        }

        Map<String, String> valueMap() {
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i < values.length; i += 2) {
                out.put(values[i], values[i + 1]);
            }
            return out;
        }
    }

    /** How a pending finding is kept: as bytes, one per call of a capture with no RTP until its end. */
    private static final Codec<Pending> PENDING = new Codec<>() {
        @Override
        public void write(Pending p, ByteSink out) {
            out.writeString(p.id()).writeString(p.call()).writeBoolean(p.needsRtp());
            out.writeVarLong(p.values().length);
            for (String v : p.values()) {
                out.writeString(v);
            }
            out.writeVarLong(p.frames().length);
            long last = 0;
            for (long f : p.frames()) {
                out.writeZigZag(f - last);
                last = f;
            }
        }

        @Override
        public Pending read(ByteSource in) {
            String id = in.readString();
            String call = in.readString();
            boolean needsRtp = in.readBoolean();
            String[] values = new String[(int) in.readVarLong()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readString();
            }
            long[] frames = new long[(int) in.readVarLong()];
            long last = 0;
            for (int i = 0; i < frames.length; i++) {
                last += in.readZigZag();
                frames[i] = last;
            }
            return new Pending(id, values, frames, call, needsRtp);
        }
    };

    private final StoredList<Pending> pending = new StoredList<>(PENDING, p -> 0);

    /** Diagnoses one final call (temporary id in {@code call.id()}) whose media settled as {@code media}. */
    void add(Call call, MediaStreams.Settled media, Instant now) {
        for (MediaStreams.Summary s : media.streams()) {
            problems(call.id(), s.stream());
            quality(call.id(), s.stream());
        }
        early(call, media);
        if (call.answer() == null) {
            return;
        }
        Instant end = call.end() != null ? call.end() : now;
        if (Duration.between(call.answer(), end).compareTo(MIN_TALK) < 0) {
            return;
        }
        long rtp = 0;
        for (MediaStreams.Summary s : media.streams()) {
            if (s.stream().rtp()) {
                rtp += s.stream().packets();
            }
        }
        Map<String, List<MediaStreams.Side>> byLine = new LinkedHashMap<>();
        for (MediaStreams.Side side : media.sides()) {
            byLine.computeIfAbsent(side.callId() + "\u0000" + side.mline(), k -> new ArrayList<>()).add(side);
        }
        boolean anyExpected = false;
        List<String> endpoints = new ArrayList<>();
        TreeSet<Long> sdpFrames = new TreeSet<>();
        for (List<MediaStreams.Side> sides : byLine.values()) {
            if (sides.size() != 2) {
                continue; // one side only (offer not answered in the capture) or a fork: nothing to compare
            }
            MediaStreams.Side a = sides.get(0);
            MediaStreams.Side b = sides.get(1);
            boolean ab = a.canSend() && b.canReceive();
            boolean ba = b.canSend() && a.canReceive();
            if (!"audio".equals(a.media()) && !"video".equals(a.media())) {
                continue;
            }
            anyExpected |= ab || ba;
            endpoints.add(a.endpoint());
            endpoints.add(b.endpoint());
            sdpFrames.add(a.frame());
            sdpFrames.add(b.frame());
            long sentAb = packets(media, a, b);
            long sentBa = packets(media, b, a);
            if (ab && ba && (sentAb > 0) != (sentBa > 0) && !reverseSeen(media, sentAb > 0 ? a : b, sentAb > 0 ? b : a)) {
                MediaStreams.Side from = sentAb > 0 ? a : b;
                MediaStreams.Side to = sentAb > 0 ? b : a;
                MediaStream flowing = first(media, from, to);
                Map<String, String> v = new HashMap<>();
                v.put("call", call.id());
                v.put("media", a.media());
                v.put("from", from.endpoint());
                v.put("to", to.endpoint());
                v.put("packets", String.valueOf(Math.max(sentAb, sentBa)));
                TreeSet<Long> frames = new TreeSet<>(List.of(a.frame(), b.frame()));
                if (flowing != null) {
                    frames.add(flowing.firstFrame());
                }
                pending.add(new Pending("media.one_way", v, frames, call.id(), false));
            }
        }
        if (anyExpected && rtp == 0) {
            Map<String, String> v = new HashMap<>();
            v.put("call", call.id());
            v.put("seconds", Decimals.format(Duration.between(call.answer(), end).toMillis() / 1000.0, 1));
            v.put("endpoints", String.join(" and ", endpoints));
            pending.add(new Pending("media.no_rtp", v, sdpFrames, call.id(), true));
        }
    }

    private static long packets(MediaStreams.Settled media, MediaStreams.Side from, MediaStreams.Side to) {
        long n = 0;
        for (MediaStreams.Summary s : media.streams()) {
            if (matches(s, from, to)) {
                n += s.stream().packets();
            }
        }
        return n;
    }

    /**
     * True when some RTP stream of the call runs between the same hosts in the other direction than the flowing
     * one: the SDP is odd (both flows matched the same side) but media does go both ways.
     */
    private static boolean reverseSeen(MediaStreams.Settled media, MediaStreams.Side from, MediaStreams.Side to) {
        for (MediaStreams.Summary f : media.streams()) {
            if (!matches(f, from, to) || f.stream().packets() == 0) {
                continue;
            }
            String src = MediaStreams.hostOf(f.stream().src());
            String dst = MediaStreams.hostOf(f.stream().dst());
            for (MediaStreams.Summary r : media.streams()) {
                if (r.stream().rtp() && r.stream().packets() > 0 && MediaStreams.hostOf(r.stream().src()).equals(dst)
                        && MediaStreams.hostOf(r.stream().dst()).equals(src)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static MediaStream first(MediaStreams.Settled media, MediaStreams.Side from, MediaStreams.Side to) {
        for (MediaStreams.Summary s : media.streams()) {
            if (matches(s, from, to) && s.stream().packets() > 0) {
                return s.stream();
            }
        }
        return null;
    }

    private static boolean matches(MediaStreams.Summary s, MediaStreams.Side from, MediaStreams.Side to) {
        return s.stream().rtp() && from.callId().equals(s.stream().callId()) && s.mline() == from.mline()
                && (from.tag().equals(s.txTag()) || to.tag().equals(s.rxTag()));
    }

    /** Loss and jitter beyond {@link #LOSS_PERCENT} and {@link #JITTER_MS} on an audio stream. */
    private void quality(String call, MediaStream s) {
        if (!s.rtp() || !"audio".equals(s.media()) && s.media() != null || s.expected() < MIN_PACKETS) {
            return;
        }
        Map<String, String> v = new HashMap<>();
        v.put("call", call);
        v.put("src", s.src());
        v.put("dst", s.dst());
        v.put("ssrc", MediaStreams.hex(s.ssrc()));
        v.put("codec", s.codec() == null ? "unknown codec" : s.codec());
        v.put("mos", s.quality() == null ? "not estimated" : Decimals.format(s.quality().mos(), 2));
        TreeSet<Long> frames = new TreeSet<>(List.of(s.firstFrame(), s.lastFrame()));
        if (s.lossPercent() >= LOSS_PERCENT) {
            Map<String, String> l = new HashMap<>(v);
            l.put("lost", String.valueOf(s.lost()));
            l.put("expected", String.valueOf(s.expected()));
            l.put("percent", Decimals.format(s.lossPercent(), 1));
            pending.add(new Pending("media.loss", l, frames, call, false));
        } else if (s.maxLossBurst() >= LOSS_BURST) {
            Map<String, String> l = new HashMap<>(v);
            l.put("burst", String.valueOf(s.maxLossBurst()));
            l.put("ms", String.valueOf(s.maxLossBurst() * (s.ptimeMs() > 0 ? s.ptimeMs() : 20)));
            l.put("percent", Decimals.format(Math.max(0, s.lossPercent()), 1));
            pending.add(new Pending("media.loss_burst", l, frames, call, false));
        }
        if (s.jitterKnown() && s.maxJitterMs() >= JITTER_MS) {
            Map<String, String> j = new HashMap<>(v);
            j.put("max", Decimals.format(s.maxJitterMs(), 1));
            j.put("mean", Decimals.format(s.meanJitterMs(), 1));
            pending.add(new Pending("media.jitter", j, frames, call, false));
        }
    }

    /**
     * RTP of the call more than {@link #EARLY} before its answer, or in a call never answered: early media (RFC 3960),
     * ringback or announcements from the callee side, often after a 183 Session Progress.
     */
    private void early(Call call, MediaStreams.Settled media) {
        MediaStream first = null;
        long packets = 0;
        for (MediaStreams.Summary sm : media.streams()) {
            MediaStream s = sm.stream();
            if (!s.rtp() || s.packets() == 0 || s.firstTime() == null) {
                continue;
            }
            java.time.Instant start = java.time.Instant.parse(s.firstTime());
            if (call.answer() == null || start.plus(EARLY).isBefore(call.answer())) {
                packets += s.packets();
                if (first == null || s.firstFrame() < first.firstFrame()) {
                    first = s;
                }
            }
        }
        if (first == null) {
            return;
        }
        Map<String, String> v = new HashMap<>();
        v.put("call", call.id());
        v.put("src", first.src());
        v.put("dst", first.dst());
        v.put("frame", String.valueOf(first.firstFrame()));
        v.put("when", call.answer() == null ? "although the call was never answered"
                : Decimals.format(Duration.between(java.time.Instant.parse(first.firstTime()), call.answer())
                        .toMillis() / 1000.0, 1) + " s before the answer");
        pending.add(new Pending(call.answer() == null ? "media.early_unanswered" : "media.early", v,
                new TreeSet<>(List.of(first.firstFrame())), call.id(), false));
    }

    private void problems(String call, MediaStream s) {
        for (MediaStream.Problem p : s.problems()) {
            String id = switch (p.kind()) {
                case MediaStream.HOLD -> "media.rtp_during_hold";
                case MediaStream.PAYLOAD_TYPE -> "media.payload_type_not_negotiated";
                case MediaStream.DTMF_PAYLOAD_TYPE -> "media.dtmf_payload_type";
                case MediaStream.ADDRESS -> "media.address_mismatch";
                case MediaStream.SSRC_CHANGE -> "media.ssrc_change";
                default -> null;
            };
            if (id == null) {
                continue;
            }
            Map<String, String> v = new HashMap<>();
            v.put("call", call);
            v.put("src", s.src());
            v.put("dst", s.dst());
            v.put("ssrc", MediaStreams.hex(s.ssrc()));
            v.put("packets", String.valueOf(p.packets()));
            v.put("frame", String.valueOf(p.frame()));
            v.put("sdp-frame", String.valueOf(p.sdpFrame()));
            v.put("detail", p.detail());
            TreeSet<Long> frames = new TreeSet<>();
            frames.add(p.frame());
            if (p.sdpFrame() > 0) {
                frames.add(p.sdpFrame());
            }
            pending.add(new Pending(id, v, frames, call, false));
        }
    }

    /**
     * The findings, rendered with the calls' final ids; {@code media.no_rtp} only when {@code captureHasRtp}.
     */
    List<Finding> finish(boolean captureHasRtp, UnaryOperator<String> callIds) {
        FindingCatalog catalog = FindingCatalog.standard();
        List<Finding> out = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) { // in the order added: each block inflated once
            Pending p = pending.get(i);
            if (p.needsRtp() && !captureHasRtp) {
                continue;
            }
            String call = p.call() == null ? null : callIds.apply(p.call());
            Map<String, String> values = p.valueMap();
            values.put("call", call == null ? "a call" : call);
            List<Long> frames = new ArrayList<>(p.frames().length);
            for (long f : p.frames()) {
                frames.add(f);
            }
            out.add(catalog.finding(p.id(), values, frames, call));
        }
        return out;
    }
}
