package io.sipvista.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a capture of many SIP calls, deterministically from a seed, streaming: calls start at a set rate and
 * last a set time, so the number of calls up at once is {@code rate × (ring + hold)}; only those are in memory
 * while writing, whatever the number of calls.
 *
 * <p>Each call: the caller (10.1.0.0/16) sends INVITE with an SDP offer (PCMU, PCMA, telephone-event) to the
 * proxy; 100 Trying, 180 Ringing, 200 OK with the answer (PCMU), ACK, and after the hold time a BYE from the caller
 * or the callee, answered 200. With {@link Options#b2bua} the proxy is a B2BUA: the call is two legs (the B2BUA at 10.0.0.10) with their
 * own Call-IDs, the second leg to the callee (10.2.0.0/16) carrying the caller's SDP, as SBCs that do not anchor
 * media do. A share of the calls fail: 486 Busy Here (and the ACK), or are cancelled while ringing (CANCEL, 200,
 * 487, ACK). Everything is UDP on port 5060 over Ethernet; timestamps start at 2026-01-01T00:00:00Z.
 *
 * <p>With {@link Options#media}, an answered call carries G.711 μ-law RTP both ways between the caller's and the
 * callee's SDP addresses (20 ms packets, a 440 Hz tone one way and 1 kHz the other) from the answer to the BYE; the
 * packets are made as they come due, so memory holds only the calls up at once.
 *
 * <p>Further options, each off unless asked for (so the bytes of the options above never change):
 * {@link Options#notFoundShare} calls fail 404 Not Found (INVITE, 100, 404, ACK); with
 * {@link Options#registerExpires} each caller registers before its call (REGISTER, 401 with an MD5 digest
 * challenge, REGISTER with the Authorization that answers it, 200), and refreshes its registration every half
 * expiry until the capture ends; with {@link Options#rtcp} each RTP direction sends an RTCP compound (a sender
 * report with one reception report block about the other direction, and an SDES CNAME) every 5 s on port + 1.
 * Registrations that refresh stay in memory until the end of the capture (a few hundred bytes per caller).
 * {@link #write(Options, PcapngWriter)} writes the same frames and times as pcapng.
 */
public final class SyntheticCalls {
    private static final long START_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final String PROXY = "10.0.0.10";

    /**
     * What to write.
     *
     * @param calls           number of calls
     * @param callsPerSecond  calls started per second of capture time
     * @param holdSeconds     talk time of an answered call (the media seconds, with {@code media})
     * @param failedShare     share of calls that fail busy (0..1)
     * @param cancelledShare  share of calls cancelled while ringing (0..1)
     * @param b2bua           two legs per call through a B2BUA
     * @param seed            the seed of every random choice
     * @param media           RTP both ways during each answered call
     * @param notFoundShare   share of calls that fail 404 Not Found (0..1)
     * @param registerExpires 0 for no registrations; else each caller registers (with a digest challenge) before
     *                        its call for this many seconds, refreshing every half of it until the capture ends
     * @param rtcp            with {@code media}: RTCP sender reports every 5 s per RTP direction, on port + 1
     */
    public record Options(int calls, double callsPerSecond, double holdSeconds, double failedShare,
                          double cancelledShare, boolean b2bua, long seed, boolean media, double notFoundShare,
                          int registerExpires, boolean rtcp) {
        /** No 404s, no registrations, no RTCP. */
        public Options(int calls, double callsPerSecond, double holdSeconds, double failedShare,
                       double cancelledShare, boolean b2bua, long seed, boolean media) {
            this(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, media, 0, 0, false);
        }

        /** Signalling only. */
        public Options(int calls, double callsPerSecond, double holdSeconds, double failedShare,
                       double cancelledShare, boolean b2bua, long seed) {
            this(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, false);
        }

        public Options {
            if (calls < 0 || callsPerSecond <= 0 || holdSeconds < 0 || failedShare < 0 || cancelledShare < 0
                    || notFoundShare < 0 || failedShare + cancelledShare + notFoundShare > 1 || registerExpires < 0) {
                throw new IllegalArgumentException("bad options: " + calls + " calls, " + callsPerSecond + "/s, "
                        + holdSeconds + " s, " + failedShare + " failed, " + cancelledShare + " cancelled, "
                        + notFoundShare + " not found, registrations for " + registerExpires + " s");
            }
        }

        /** These options with or without RTP. */
        public Options withMedia(boolean on) {
            return new Options(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, on,
                    notFoundShare, registerExpires, rtcp);
        }

        /** These options with or without RTCP (sent only with {@link #media}). */
        public Options withRtcp(boolean on) {
            return new Options(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, media,
                    notFoundShare, registerExpires, on);
        }

        /** These options with registrations of {@code expiresSeconds}, or none for 0. */
        public Options withRegistrations(int expiresSeconds) {
            return new Options(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, media,
                    notFoundShare, expiresSeconds, rtcp);
        }

        /** These options with this share of 404 Not Found. */
        public Options withNotFoundShare(double share) {
            return new Options(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, media,
                    share, registerExpires, rtcp);
        }

        /**
         * The call rate that keeps about {@code concurrent} calls up at once: an answered call lasts its hold time
         * plus about {@value #SETUP_SECONDS} s of setup (ringing and answering).
         */
        public static double ratePerSecond(int concurrent, double holdSeconds) {
            if (concurrent <= 0 || holdSeconds < 0) {
                throw new IllegalArgumentException("bad concurrency: " + concurrent + " calls of " + holdSeconds + " s");
            }
            return concurrent / (holdSeconds + SETUP_SECONDS);
        }

        /** Mean seconds from INVITE to answer: 20 ms to the second leg, 50-150 ms ringing, 1-3 s to answer. */
        public static final double SETUP_SECONDS = 2.12;
    }

    /**
     * Receives the frames in time order.
     */
    @FunctionalInterface
    public interface Output {
        /** One Ethernet frame captured at {@code epochSeconds} + {@code nanos}. */
        void frame(long epochSeconds, int nanos, byte[] frame) throws IOException;
    }

    /**
     * What was written.
     *
     * @param frames all frames
     * @param sip    SIP messages (every frame that is not RTP or RTCP)
     * @param rtp    RTP packets
     * @param rtcp   RTCP compound packets
     */
    public record Tally(long frames, long sip, long rtp, long rtcp) {
    }

    /** One message due at a time (nanoseconds since the start), from one call. */
    private record Due(long at, long order, byte[] frame) {
    }

    private SyntheticCalls() {
    }

    /**
     * {@code SyntheticCalls OUT CALLS [CALLS_PER_SECOND [HOLD_SECONDS [FLAG,FLAG...]]]}: writes a capture
     * (Ethernet, microsecond timestamps) with 5% busy and 5% cancelled calls, seed 1, and prints what it wrote.
     * Flags: {@code b2bua}, {@code media}, {@code rtcp} (with media), {@code register} or
     * {@code register=EXPIRES} (3600 s by default), {@code notfound=SHARE}, {@code busy=SHARE},
     * {@code cancelled=SHARE}, {@code seed=N}, {@code concurrent=N} (sets the call rate for about N calls up at
     * once, see {@link Options#ratePerSecond}), {@code pcapng} (also chosen by an {@code OUT} ending in
     * {@code .pcapng}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticCalls OUT.pcap|OUT.pcapng CALLS [CALLS_PER_SECOND [HOLD_SECONDS"
                    + " [b2bua,media,rtcp,register[=EXPIRES],notfound=SHARE,busy=SHARE,cancelled=SHARE,seed=N,"
                    + "concurrent=N,pcapng]]]]");
            System.exit(2);
        }
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double hold = args.length > 3 ? Double.parseDouble(args[3]) : 30;
        java.util.Map<String, String> flags = new java.util.HashMap<>();
        if (args.length > 4) {
            for (String f : args[4].split(",")) {
                int eq = f.indexOf('=');
                flags.put(eq < 0 ? f : f.substring(0, eq), eq < 0 ? "" : f.substring(eq + 1));
            }
        }
        if (flags.containsKey("concurrent")) {
            rate = Options.ratePerSecond(Integer.parseInt(flags.get("concurrent")), hold);
        }
        String register = flags.get("register");
        Options o = new Options(Integer.parseInt(args[1]), rate, hold,
                Double.parseDouble(flags.getOrDefault("busy", "0.05")),
                Double.parseDouble(flags.getOrDefault("cancelled", "0.05")), flags.containsKey("b2bua"),
                Long.parseLong(flags.getOrDefault("seed", "1")), flags.containsKey("media"),
                Double.parseDouble(flags.getOrDefault("notfound", "0")),
                register == null ? 0 : register.isEmpty() ? 3600 : Integer.parseInt(register),
                flags.containsKey("rtcp"));
        boolean pcapng = flags.containsKey("pcapng") || args[0].endsWith(".pcapng");
        Tally t;
        try (java.io.OutputStream file = new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[0])), 1 << 16)) {
            if (pcapng) {
                PcapngWriter w = new PcapngWriter(file, false);
                t = write(o, w);
            } else {
                PcapWriter w = new PcapWriter(file, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false);
                t = write(o, (s, n, f) -> w.write(s, n, f));
            }
        }
        System.out.println(t.frames() + " frames: " + t.sip() + " SIP, " + t.rtp() + " RTP, " + t.rtcp() + " RTCP");
    }

    /** Writes the calls to {@code out} in time order; returns the number of frames written. */
    public static long write(Options o, PcapWriter out) throws IOException {
        return write(o, (s, n, f) -> out.write(s, n, f)).frames();
    }

    /**
     * Writes the calls to {@code out} as Enhanced Packet Blocks of one new Ethernet interface (microsecond
     * timestamps, snap length 65535, named {@code synthetic}): the frames and times of the pcap.
     */
    public static Tally write(Options o, PcapngWriter out) throws IOException {
        int itf = out.addInterface(PcapWriter.LINKTYPE_ETHERNET, 65535, 6, "synthetic");
        return write(o, (s, n, f) -> out.enhancedPacket(itf, s, n, f, f.length));
    }

    /** Hands the frames to {@code out} in time order; returns what it handed. */
    public static Tally write(Options o, Output out) throws IOException {
        SplittableRandom random = new SplittableRandom(o.seed());
        // one second of a 440 Hz and of a 1 kHz tone, μ-law, sliced into every packet
        byte[][] tones = {G711Tone.ulaw(440, 8000, 0, 8000), G711Tone.ulaw(1000, 8000, 0, 8000)};
        PriorityQueue<Script> due = new PriorityQueue<>((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
                : Long.compare(a.order, b.order));
        long[] counts = new long[Kind.values().length];
        long gap = Math.round(1e9 / o.callsPerSecond());
        boolean registering = o.registerExpires() > 0;
        // each caller registers REGISTER_LEAD before its call, so the calls start REGISTER_LEAD later
        long lead = registering ? REGISTER_LEAD : 0;
        long lastStart = lead + Math.max(0, o.calls() - 1) * gap;
        long refreshUntil = lastStart + Math.round(o.holdSeconds() * 1e9) + 4_000_000_000L;
        int registered = 0;
        for (int i = 0; i < o.calls(); i++) {
            long start = lead + i * gap;
            // registrations start in time order with the calls: every one due up to this call's start first
            while (registering && registered < o.calls() && (long) registered * gap <= start) {
                long at = (long) registered * gap;
                while (!due.isEmpty() && due.peek().at() < at) {
                    emit(due, out, counts);
                }
                due.add(registration(registered, at, o, refreshUntil));
                registered++;
            }
            while (!due.isEmpty() && due.peek().at() < start) {
                emit(due, out, counts);
            }
            double pick = random.nextDouble();
            Outcome outcome = pick < o.failedShare() ? Outcome.BUSY
                    : pick < o.failedShare() + o.cancelledShare() ? Outcome.CANCELLED
                    : pick < o.failedShare() + o.cancelledShare() + o.notFoundShare() ? Outcome.NOT_FOUND
                    : Outcome.ANSWERED;
            boolean calleeHangsUp = random.nextBoolean();
            Script s = call(i, start, outcome, calleeHangsUp, o, random, tones);
            if (s.at() != Long.MAX_VALUE) {
                due.add(s);
            }
        }
        while (!due.isEmpty()) {
            emit(due, out, counts);
        }
        long frames = counts[0] + counts[1] + counts[2];
        return new Tally(frames, counts[Kind.SIP.ordinal()], counts[Kind.RTP.ordinal()], counts[Kind.RTCP.ordinal()]);
    }

    /** How long before its call a caller registers. */
    private static final long REGISTER_LEAD = 1_000_000_000L;

    private enum Kind { SIP, RTP, RTCP }

    /** Writes the next frame of the call due first, and puts the call back if it has more. */
    private static void emit(PriorityQueue<Script> due, Output out, long[] counts) throws IOException {
        Script s = due.poll();
        long t = s.at();
        byte[] frame = s.take();
        counts[s.taken.ordinal()]++;
        out.frame(START_SECONDS + t / 1_000_000_000L, (int) (t % 1_000_000_000L), frame);
        if (s.at() != Long.MAX_VALUE) {
            due.add(s);
        }
    }

    /** Frames made as they come due: RTP, RTCP, registration refreshes. */
    private interface Source {
        /** When the next frame is due, or {@link Long#MAX_VALUE} when there is none. */
        long at();

        /** The next frame. */
        byte[] take();

        Kind kind();
    }

    /** One call's frames in time order: its SIP messages, and frames made as they come due. */
    private static final class Script {
        final long order;
        final Deque<Due> signalling;
        final Source[] media;
        Kind taken;

        Script(long order, Deque<Due> signalling, Source... media) {
            this.order = order;
            this.signalling = signalling;
            this.media = media;
        }

        long at() {
            long at = signalling.isEmpty() ? Long.MAX_VALUE : signalling.peek().at();
            for (Source r : media) {
                at = Math.min(at, r.at());
            }
            return at;
        }

        /** The frame due first (the one {@link #at()} told): SIP before the made frames at the same time. */
        byte[] take() {
            long sip = signalling.isEmpty() ? Long.MAX_VALUE : signalling.peek().at();
            Source first = null;
            for (Source r : media) {
                if (r.at() < sip && (first == null || r.at() < first.at())) {
                    first = r;
                }
            }
            taken = first != null ? first.kind() : Kind.SIP;
            return first != null ? first.take() : signalling.poll().frame();
        }
    }

    /** One direction of RTP: PCMU every 20 ms from {@code from} to {@code until}. */
    private static final class Rtp implements Source {
        private static final int SAMPLES = 160;
        private final String src;
        private final String dst;
        private final int port;
        private final long ssrc;
        private final byte[] tone;
        private final long until;
        private final long from;
        private final long firstTimestamp;
        private long next;
        private int seq;
        private long timestamp;
        private boolean started;
        private long sent;

        Rtp(String src, String dst, int port, long ssrc, byte[] tone, long from, long until, int seq, long ts) {
            this.src = src;
            this.dst = dst;
            this.port = port;
            this.ssrc = ssrc;
            this.tone = tone;
            this.next = from;
            this.from = from;
            this.until = until;
            this.seq = seq;
            this.timestamp = ts;
            this.firstTimestamp = ts;
        }

        @Override
        public long at() {
            return next < until ? next : Long.MAX_VALUE;
        }

        @Override
        public Kind kind() {
            return Kind.RTP;
        }

        @Override
        public byte[] take() {
            int offset = (int) (timestamp / SAMPLES % (tone.length / SAMPLES)) * SAMPLES;
            byte[] payload = java.util.Arrays.copyOfRange(tone, offset, offset + SAMPLES);
            byte[] rtp = PacketBuilder.rtp(0, seq & 0xFFFF, timestamp & 0xFFFF_FFFFL, ssrc, !started, payload);
            started = true;
            seq++;
            sent++;
            timestamp += SAMPLES;
            next += 20_000_000L;
            return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4(src, port, dst, port, rtp));
        }

        /** The RTP timestamp of the sampling instant {@code at} (8 kHz from the first packet). */
        long timestampAt(long at) {
            return firstTimestamp + (at - from) * 8000 / 1_000_000_000L;
        }
    }

    /**
     * RTCP of one RTP direction (RFC 3550 §6.4.1, §6.5): every {@value #EVERY_NANOS} ns from 5 s after its first
     * packet, a compound of a sender report (with a reception report block about the other direction once it
     * has sent) and an SDES CNAME, on the RTP ports + 1. No loss and no jitter to report: the timing is exact.
     */
    private static final class Rtcp implements Source {
        private static final long EVERY_NANOS = 5_000_000_000L;
        private static final long NTP_OFFSET = 2_208_988_800L; // seconds from 1900 to 1970
        private final Rtp sent;
        private final Rtp received;
        private final String cname;
        private Rtcp peer;
        private long next;
        /** The middle 32 bits of the NTP time of the last report sent, and when (capture nanoseconds), or -1. */
        private long lastNtpMiddle;
        private long lastAt = -1;

        Rtcp(Rtp sent, Rtp received, String cname) {
            this.sent = sent;
            this.received = received;
            this.cname = cname;
            this.next = sent.from + EVERY_NANOS;
        }

        @Override
        public long at() {
            return next < sent.until ? next : Long.MAX_VALUE;
        }

        @Override
        public Kind kind() {
            return Kind.RTCP;
        }

        @Override
        public byte[] take() {
            long at = next;
            next += EVERY_NANOS;
            long unixNanos = START_SECONDS * 1_000_000_000L + at;
            long ntpSeconds = unixNanos / 1_000_000_000L + NTP_OFFSET;
            long ntpFraction = ((unixNanos % 1_000_000_000L) << 32) / 1_000_000_000L;
            boolean report = received.sent > 0;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(report ? 52 : 28);
            b.put((byte) (0x80 | (report ? 1 : 0))).put((byte) 200).putShort((short) (report ? 12 : 6));
            b.putInt((int) sent.ssrc).putInt((int) ntpSeconds).putInt((int) ntpFraction);
            b.putInt((int) sent.timestampAt(at)).putInt((int) sent.sent).putInt((int) (sent.sent * Rtp.SAMPLES));
            if (report) {
                // the highest sequence number received, extended: the generator's counter never wraps back
                long lsr = peer.lastAt < 0 ? 0 : peer.lastNtpMiddle;
                long dlsr = peer.lastAt < 0 ? 0 : (at - peer.lastAt) * 65536 / 1_000_000_000L;
                b.putInt((int) received.ssrc).putInt(0).putInt(received.seq - 1).putInt(0)
                        .putInt((int) lsr).putInt((int) dlsr);
            }
            lastNtpMiddle = (ntpSeconds & 0xFFFF) << 16 | ntpFraction >>> 16;
            lastAt = at;
            byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
            int chunk = (4 + 2 + name.length + 1 + 3) & ~3; // SSRC, CNAME item, at least one null, to 32 bits
            java.nio.ByteBuffer sdes = java.nio.ByteBuffer.allocate(4 + chunk);
            sdes.put((byte) 0x81).put((byte) 202).putShort((short) (chunk / 4));
            sdes.putInt((int) sent.ssrc).put((byte) 1).put((byte) name.length).put(name);
            byte[] rtcp = new byte[b.capacity() + sdes.capacity()];
            System.arraycopy(b.array(), 0, rtcp, 0, b.capacity());
            System.arraycopy(sdes.array(), 0, rtcp, b.capacity(), sdes.capacity());
            return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                    PacketBuilder.udp4(sent.src, sent.port + 1, sent.dst, sent.port + 1, rtcp));
        }
    }

    /**
     * A caller's registration with the proxy as registrar: REGISTER, 401 with a digest challenge (RFC 3261
     * §22.4, RFC 2617 MD5 with qop=auth), REGISTER with the Authorization that answers it, 200; then a refresh
     * (the same nonce, the next nonce count) every half expiry until {@code until}.
     */
    private static Script registration(int i, long at, Options o, long until) {
        Registrar r = new Registrar(i, o, until, at);
        Deque<Due> out = new ArrayDeque<>();
        out.add(new Due(at, 0, r.register(at, 1, null)));
        out.add(new Due(at + 3_000_000L, 0, r.challenge()));
        out.add(new Due(at + 25_000_000L, 0, r.register(at + 25_000_000L, 2, r.authorization(1))));
        out.add(new Due(at + 29_000_000L, 0, r.ok(2)));
        return new Script(o.calls() + (long) i, out, r);
    }

    /** One caller's registration: its messages, and the refreshes as they come due. */
    private static final class Registrar implements Source {
        private static final String REALM = "sipvista.test";
        private final String caller;
        private final String number;
        private final String callId;
        private final String tag;
        private final String nonce;
        private final String cnonce;
        private final int expires;
        private final long until;
        private final long every;
        private long nextRefresh;
        private int cseq = 2;
        private int nc = 1;
        private boolean answerNext;

        Registrar(int i, Options o, long until, long at) {
            this.caller = callerAddress(i);
            this.number = Long.toString(CALLER_NUMBERS + i);
            this.callId = "r" + i + "@" + caller;
            this.tag = "g" + i;
            this.nonce = String.format("%016x", new SplittableRandom(o.seed() ^ (0x9E3779B97F4A7C15L * (i + 1)))
                    .nextLong());
            this.cnonce = String.format("%08x", i * 2_654_435_761L & 0xFFFF_FFFFL);
            this.expires = o.registerExpires();
            this.until = until;
            this.every = expires * 500_000_000L;
            this.nextRefresh = at + every;
        }

        @Override
        public long at() {
            if (answerNext) {
                return nextRefresh + 4_000_000L;
            }
            return nextRefresh < until ? nextRefresh : Long.MAX_VALUE;
        }

        @Override
        public Kind kind() {
            return Kind.SIP;
        }

        @Override
        public byte[] take() {
            if (answerNext) {
                answerNext = false;
                nextRefresh += every;
                return ok(cseq);
            }
            answerNext = true;
            cseq++;
            nc++;
            return register(nextRefresh, cseq, authorization(nc));
        }

        byte[] register(long at, int seq, String authorization) {
            StringBuilder m = new StringBuilder();
            m.append("REGISTER sip:").append(PROXY).append(" SIP/2.0\r\n");
            m.append("Via: SIP/2.0/UDP ").append(caller).append(":5060;branch=z9hG4bK").append(callId.hashCode())
                    .append('r').append(seq).append("\r\n");
            m.append("Max-Forwards: 70\r\n");
            m.append("From: <sip:").append(number).append('@').append(PROXY).append(">;tag=").append(tag)
                    .append("\r\n");
            m.append("To: <sip:").append(number).append('@').append(PROXY).append(">\r\n");
            m.append("Call-ID: ").append(callId).append("\r\n");
            m.append("CSeq: ").append(seq).append(" REGISTER\r\n");
            m.append("Contact: <sip:").append(number).append('@').append(caller).append(":5060>\r\n");
            if (authorization != null) {
                m.append("Authorization: ").append(authorization).append("\r\n");
            }
            m.append("Expires: ").append(expires).append("\r\n");
            m.append("User-Agent: sipvista-synthetic\r\n");
            m.append("Content-Length: 0\r\n\r\n");
            return Leg.frame(caller, PROXY, m);
        }

        byte[] challenge() {
            return response(1, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\""
                    + nonce + "\", algorithm=MD5, qop=\"auth\"\r\n");
        }

        byte[] ok(int seq) {
            return response(seq, 200, "OK", "Contact: <sip:" + number + "@" + caller + ":5060>;expires=" + expires
                    + "\r\n");
        }

        private byte[] response(int seq, int status, String reason, String extra) {
            StringBuilder m = new StringBuilder();
            m.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
            m.append("Via: SIP/2.0/UDP ").append(caller).append(":5060;branch=z9hG4bK").append(callId.hashCode())
                    .append('r').append(seq).append("\r\n");
            m.append("From: <sip:").append(number).append('@').append(PROXY).append(">;tag=").append(tag)
                    .append("\r\n");
            m.append("To: <sip:").append(number).append('@').append(PROXY).append(">;tag=reg")
                    .append(Integer.toHexString(callId.hashCode())).append("\r\n");
            m.append("Call-ID: ").append(callId).append("\r\n");
            m.append("CSeq: ").append(seq).append(" REGISTER\r\n");
            m.append(extra);
            m.append("Content-Length: 0\r\n\r\n");
            return Leg.frame(PROXY, caller, m);
        }

        /** The Authorization header value for nonce count {@code count} (password {@code secret<number>}). */
        String authorization(int count) {
            String uri = "sip:" + PROXY;
            String ncText = String.format("%08x", count);
            String ha1 = md5(number + ":" + REALM + ":secret" + number);
            String ha2 = md5("REGISTER:" + uri);
            String response = md5(ha1 + ":" + nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
            return "Digest username=\"" + number + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\""
                    + uri + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"" + cnonce
                    + "\", qop=auth, nc=" + ncText;
        }

        private static String md5(String text) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("MD5")
                        .digest(text.getBytes(StandardCharsets.UTF_8));
                StringBuilder hex = new StringBuilder(32);
                for (byte x : d) {
                    hex.append(Character.forDigit(x >> 4 & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
                }
                return hex.toString();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has MD5", e);
            }
        }
    }

    private static final long CALLER_NUMBERS = 4_180_000_000L;

    private static String callerAddress(int i) {
        return "10.1." + (i / 250 % 250) + "." + (i % 250 + 1);
    }

    private enum Outcome { ANSWERED, BUSY, CANCELLED, NOT_FOUND }

    private static Script call(int i, long start, Outcome outcome, boolean calleeHangsUp, Options o,
                               SplittableRandom random, byte[][] tones) {
        String caller = callerAddress(i);
        String callee = "10.2." + (i / 250 % 250) + "." + (i % 250 + 1);
        String callerNumber = Long.toString(CALLER_NUMBERS + i);
        String calleeNumber = Long.toString(2_120_000_000L + i);
        int mediaPort = 20_000 + 2 * (i % 10_000);
        String offer = sdp(caller, mediaPort, i, "0 8 101");
        String answer = sdp(callee, mediaPort, i, "0 101");
        long ring = 50_000_000L + random.nextLong(100_000_000L);
        long answerAfter = ring + 1_000_000_000L + random.nextLong(2_000_000_000L);
        long hold = Math.round(o.holdSeconds() * 1e9);
        Deque<Due> out = new ArrayDeque<>();
        Source[] media = new Source[0];
        Leg a = new Leg("c" + i + "-a@" + caller, caller, PROXY, callerNumber, calleeNumber, "a" + i, "p" + i);
        Leg b = o.b2bua() ? new Leg("c" + i + "-b@" + PROXY, PROXY, callee, callerNumber, calleeNumber, "q" + i,
                "b" + i) : null;
        long leg2 = 20_000_000L; // the B2BUA's second leg starts 20 ms after the first INVITE
        long hop = 5_000_000L; // and relays each response 5 ms after it got it
        a.invite(out, start, offer);
        a.response(out, start + 2_000_000L, 100, "Trying", null, false);
        boolean rings = outcome != Outcome.NOT_FOUND;
        if (b != null) {
            b.invite(out, start + leg2, offer);
            b.response(out, start + leg2 + 2_000_000L, 100, "Trying", null, false);
            if (rings) {
                b.response(out, start + leg2 + ring, 180, "Ringing", null, true);
            }
        }
        if (rings) {
            a.response(out, start + leg2 + ring + hop, 180, "Ringing", null, true);
        }
        switch (outcome) {
            case NOT_FOUND -> {
                long t = start + leg2 + ring;
                if (b != null) {
                    b.response(out, t, 404, "Not Found", null, true);
                    b.ack(out, t + 1_000_000L, false);
                }
                a.response(out, t + hop, 404, "Not Found", null, true);
                a.ack(out, t + hop + 1_000_000L, false);
            }
            case BUSY -> {
                long t = start + leg2 + answerAfter;
                if (b != null) {
                    b.response(out, t, 486, "Busy Here", null, true);
                    b.ack(out, t + 1_000_000L, false);
                }
                a.response(out, t + hop, 486, "Busy Here", null, true);
                a.ack(out, t + hop + 1_000_000L, false);
            }
            case CANCELLED -> {
                long t = start + leg2 + answerAfter;
                a.cancel(out, t);
                a.cancelOk(out, t + 2_000_000L);
                if (b != null) {
                    b.cancel(out, t + hop);
                    b.cancelOk(out, t + hop + 2_000_000L);
                    b.response(out, t + hop + 3_000_000L, 487, "Request Terminated", null, true);
                    b.ack(out, t + hop + 4_000_000L, false);
                }
                a.response(out, t + 2 * hop + 3_000_000L, 487, "Request Terminated", null, true);
                a.ack(out, t + 2 * hop + 4_000_000L, false);
            }
            case ANSWERED -> {
                long t = start + leg2 + answerAfter;
                if (b != null) {
                    b.response(out, t, 200, "OK", answer, true);
                    b.ack(out, t + 1_000_000L, true);
                }
                a.response(out, t + hop, 200, "OK", answer, true);
                a.ack(out, t + hop + 1_000_000L, true);
                long end = t + hop + hold;
                if (o.media()) {
                    long from = t + hop + 10_000_000L;
                    Rtp out1 = new Rtp(caller, callee, mediaPort, 0x10000000L + i, tones[0], from, end,
                            1000 + i % 50000, 160L * i);
                    Rtp back = new Rtp(callee, caller, mediaPort, 0x20000000L + i, tones[1], from + 7_000_000L, end,
                            2000 + i % 50000, 320L * i);
                    media = new Source[] {out1, back};
                    if (o.rtcp()) {
                        Rtcp c1 = new Rtcp(out1, back, callerNumber + "@" + caller);
                        Rtcp c2 = new Rtcp(back, out1, calleeNumber + "@" + callee);
                        c1.peer = c2;
                        c2.peer = c1;
                        media = new Source[] {out1, back, c1, c2};
                    }
                }
                if (calleeHangsUp) { // the callee's BYE, relayed by the B2BUA to the caller
                    Leg first = b != null ? b : a;
                    first.bye(out, end, false);
                    first.byeOk(out, end + 2_000_000L, false);
                    if (b != null) {
                        a.bye(out, end + hop, false);
                        a.byeOk(out, end + hop + 2_000_000L, false);
                    }
                } else {
                    a.bye(out, end, true);
                    a.byeOk(out, end + 2_000_000L, true);
                    if (b != null) {
                        b.bye(out, end + hop, true);
                        b.byeOk(out, end + hop + 2_000_000L, true);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        List<Due> sorted = new ArrayList<>(out);
        sorted.sort((x, y) -> Long.compare(x.at(), y.at()));
        return new Script(i, new ArrayDeque<>(sorted), media);
    }



    private static String sdp(String host, int port, int session, String formats) {
        StringBuilder s = new StringBuilder();
        s.append("v=0\r\n");
        s.append("o=- ").append(session).append(" 1 IN IP4 ").append(host).append("\r\n");
        s.append("s=-\r\n");
        s.append("c=IN IP4 ").append(host).append("\r\n");
        s.append("t=0 0\r\n");
        s.append("m=audio ").append(port).append(" RTP/AVP ").append(formats).append("\r\n");
        for (String f : formats.split(" ")) {
            switch (f) {
                case "0" -> s.append("a=rtpmap:0 PCMU/8000\r\n");
                case "8" -> s.append("a=rtpmap:8 PCMA/8000\r\n");
                case "101" -> s.append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
                default -> {
                }
            }
        }
        s.append("a=ptime:20\r\na=sendrecv\r\n");
        return s.toString();
    }

    /** One leg: a UAC at {@code uac} calling through {@code uas}. */
    private static final class Leg {
        final String callId;
        final String uac;
        final String uas;
        final String from;
        final String to;
        final String fromTag;
        final String toTag;
        int cseq = 1;
        int branch;

        Leg(String callId, String uac, String uas, String fromNumber, String toNumber, String fromTag,
            String toTag) {
            this.callId = callId;
            this.uac = uac;
            this.uas = uas;
            this.from = fromNumber;
            this.to = toNumber;
            this.fromTag = fromTag;
            this.toTag = toTag;
        }

        private String inviteBranch() {
            return "z9hG4bK" + callId.hashCode() + "i";
        }

        void invite(Deque<Due> out, long at, String sdp) {
            request(out, at, "INVITE", inviteBranch(), 1, false, sdp, true);
        }

        void ack(Deque<Due> out, long at, boolean forSuccess) {
            String b = forSuccess ? "z9hG4bK" + callId.hashCode() + "a" : inviteBranch();
            request(out, at, "ACK", b, 1, true, null, true);
        }

        void cancel(Deque<Due> out, long at) {
            request(out, at, "CANCEL", inviteBranch(), 1, false, null, true);
        }

        void cancelOk(Deque<Due> out, long at) {
            response(out, at, "CANCEL", inviteBranch(), 1, 200, "OK", null, false, true);
        }

        /** A BYE sent by the leg's caller side ({@code byUac}) or its callee side. */
        void bye(Deque<Due> out, long at, boolean byUac) {
            request(out, at, "BYE", "z9hG4bK" + callId.hashCode() + "b", 2, true, null, byUac);
        }

        /** The 200 to a BYE that the caller side ({@code toUac}) or the callee side sent. */
        void byeOk(Deque<Due> out, long at, boolean toUac) {
            response(out, at, "BYE", "z9hG4bK" + callId.hashCode() + "b", 2, 200, "OK", null, true, toUac);
        }

        void response(Deque<Due> out, long at, int status, String reason, String sdp, boolean tagged) {
            response(out, at, "INVITE", inviteBranch(), 1, status, reason, sdp, tagged, true);
        }

        private void request(Deque<Due> out, long at, String method, String branch, int seq, boolean tagged,
                             String sdp, boolean byUac) {
            String src = byUac ? uac : uas;
            String dst = byUac ? uas : uac;
            String fromUser = byUac ? from : to;
            String toUser = byUac ? to : from;
            String ft = byUac ? fromTag : toTag;
            String tt = byUac ? toTag : fromTag;
            StringBuilder m = new StringBuilder();
            m.append(method).append(" sip:").append(toUser).append('@').append(dst).append(":5060 SIP/2.0\r\n");
            m.append("Via: SIP/2.0/UDP ").append(src).append(":5060;branch=").append(branch)
                    .append(byUac ? "" : "r").append("\r\n");
            m.append("Max-Forwards: 70\r\n");
            m.append("From: <sip:").append(fromUser).append('@').append(src).append(">;tag=").append(ft)
                    .append("\r\n");
            m.append("To: <sip:").append(toUser).append('@').append(dst).append('>');
            if (tagged) {
                m.append(";tag=").append(tt);
            }
            m.append("\r\n");
            m.append("Call-ID: ").append(callId).append("\r\n");
            m.append("CSeq: ").append(seq).append(' ').append(method).append("\r\n");
            m.append("Contact: <sip:").append(fromUser).append('@').append(src).append(":5060>\r\n");
            m.append("User-Agent: sipvista-synthetic\r\n");
            body(m, sdp);
            out.add(new Due(at, 0, frame(src, dst, m)));
        }

        private void response(Deque<Due> out, long at, String method, String branch, int seq, int status,
                              String reason, String sdp, boolean tagged, boolean toUac) {
            String src = toUac ? uas : uac;
            String dst = toUac ? uac : uas;
            String fromUser = toUac ? from : to;
            String toUser = toUac ? to : from;
            String ft = toUac ? fromTag : toTag;
            String tt = toUac ? toTag : fromTag;
            StringBuilder m = new StringBuilder();
            m.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
            m.append("Via: SIP/2.0/UDP ").append(dst).append(":5060;branch=").append(branch)
                    .append(toUac ? "" : "r").append("\r\n");
            m.append("From: <sip:").append(fromUser).append('@').append(dst).append(">;tag=").append(ft)
                    .append("\r\n");
            m.append("To: <sip:").append(toUser).append('@').append(src).append('>');
            if (tagged) {
                m.append(";tag=").append(tt);
            }
            m.append("\r\n");
            m.append("Call-ID: ").append(callId).append("\r\n");
            m.append("CSeq: ").append(seq).append(' ').append(method).append("\r\n");
            if (status >= 180 && status < 300) {
                m.append("Contact: <sip:").append(toUser).append('@').append(src).append(":5060>\r\n");
            }
            body(m, sdp);
            out.add(new Due(at, 0, frame(src, dst, m)));
        }

        private static void body(StringBuilder m, String sdp) {
            if (sdp == null) {
                m.append("Content-Length: 0\r\n\r\n");
            } else {
                m.append("Content-Type: application/sdp\r\n");
                m.append("Content-Length: ").append(sdp.getBytes(StandardCharsets.US_ASCII).length)
                        .append("\r\n\r\n").append(sdp);
            }
        }

        private static byte[] frame(String src, String dst, StringBuilder m) {
            return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                    PacketBuilder.udp4(src, 5060, dst, 5060, m.toString().getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
