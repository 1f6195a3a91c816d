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
 */
public final class SyntheticCalls {
    private static final long START_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final String PROXY = "10.0.0.10";

    /**
     * What to write.
     *
     * @param calls          number of calls
     * @param callsPerSecond calls started per second of capture time
     * @param holdSeconds    talk time of an answered call
     * @param failedShare    share of calls that fail busy (0..1)
     * @param cancelledShare share of calls cancelled while ringing (0..1)
     * @param b2bua          two legs per call through a B2BUA
     * @param seed           the seed of every random choice
     * @param media          RTP both ways during each answered call
     */
    public record Options(int calls, double callsPerSecond, double holdSeconds, double failedShare,
                          double cancelledShare, boolean b2bua, long seed, boolean media) {
        /** Signalling only. */
        public Options(int calls, double callsPerSecond, double holdSeconds, double failedShare,
                       double cancelledShare, boolean b2bua, long seed) {
            this(calls, callsPerSecond, holdSeconds, failedShare, cancelledShare, b2bua, seed, false);
        }

        public Options {
            if (calls < 0 || callsPerSecond <= 0 || holdSeconds < 0 || failedShare < 0 || cancelledShare < 0
                    || failedShare + cancelledShare > 1) {
                throw new IllegalArgumentException("bad options: " + calls + " calls, " + callsPerSecond + "/s, "
                        + holdSeconds + " s, " + failedShare + " failed, " + cancelledShare + " cancelled");
            }
        }
    }

    /** One message due at a time (nanoseconds since the start), from one call. */
    private record Due(long at, long order, byte[] frame) {
    }

    private SyntheticCalls() {
    }

    /**
     * {@code SyntheticCalls OUT.pcap CALLS [CALLS_PER_SECOND [HOLD_SECONDS [b2bua|media|b2bua,media]]]}: writes a capture (microsecond
     * pcap, Ethernet) with 5% busy and 5% cancelled calls, seed 1.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticCalls OUT.pcap CALLS [CALLS_PER_SECOND [HOLD_SECONDS"
                    + " [b2bua|media|b2bua,media]]]");
            System.exit(2);
        }
        String flags = args.length > 4 ? "," + args[4] + "," : "";
        Options o = new Options(Integer.parseInt(args[1]), args.length > 2 ? Double.parseDouble(args[2]) : 10,
                args.length > 3 ? Double.parseDouble(args[3]) : 30, 0.05, 0.05, flags.contains(",b2bua,"), 1,
                flags.contains(",media,"));
        try (java.io.OutputStream file = new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[0])), 1 << 16);
             PcapWriter w = new PcapWriter(file, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            System.out.println(write(o, w) + " frames");
        }
    }

    /** Writes the calls to {@code out} in time order; returns the number of frames written. */
    public static long write(Options o, PcapWriter out) throws IOException {
        SplittableRandom random = new SplittableRandom(o.seed());
        // one second of a 440 Hz and of a 1 kHz tone, μ-law, sliced into every packet
        byte[][] tones = {G711Tone.ulaw(440, 8000, 0, 8000), G711Tone.ulaw(1000, 8000, 0, 8000)};
        PriorityQueue<Script> due = new PriorityQueue<>((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
                : Long.compare(a.order, b.order));
        long frames = 0;
        long gap = Math.round(1e9 / o.callsPerSecond());
        for (int i = 0; i < o.calls(); i++) {
            long start = i * gap;
            while (!due.isEmpty() && due.peek().at() < start) {
                frames += emit(due, out);
            }
            double pick = random.nextDouble();
            Outcome outcome = pick < o.failedShare() ? Outcome.BUSY
                    : pick < o.failedShare() + o.cancelledShare() ? Outcome.CANCELLED : Outcome.ANSWERED;
            boolean calleeHangsUp = random.nextBoolean();
            Script s = call(i, start, outcome, calleeHangsUp, o, random, tones);
            if (s.at() != Long.MAX_VALUE) {
                due.add(s);
            }
        }
        while (!due.isEmpty()) {
            frames += emit(due, out);
        }
        return frames;
    }

    /** Writes the next frame of the call due first, and puts the call back if it has more. */
    private static int emit(PriorityQueue<Script> due, PcapWriter out) throws IOException {
        Script s = due.poll();
        long t = s.at();
        out.write(START_SECONDS + t / 1_000_000_000L, (int) (t % 1_000_000_000L), s.take());
        if (s.at() != Long.MAX_VALUE) {
            due.add(s);
        }
        return 1;
    }

    /** One call's frames in time order: its SIP messages, and RTP made as it comes due. */
    private static final class Script {
        final long order;
        final Deque<Due> signalling;
        final Rtp[] media;

        Script(long order, Deque<Due> signalling, Rtp... media) {
            this.order = order;
            this.signalling = signalling;
            this.media = media;
        }

        long at() {
            long at = signalling.isEmpty() ? Long.MAX_VALUE : signalling.peek().at();
            for (Rtp r : media) {
                at = Math.min(at, r.at());
            }
            return at;
        }

        /** The frame due first (the one {@link #at()} told): SIP before RTP at the same time. */
        byte[] take() {
            long sip = signalling.isEmpty() ? Long.MAX_VALUE : signalling.peek().at();
            Rtp first = null;
            for (Rtp r : media) {
                if (r.at() < sip && (first == null || r.at() < first.at())) {
                    first = r;
                }
            }
            return first != null ? first.take() : signalling.poll().frame();
        }
    }

    /** One direction of RTP: PCMU every 20 ms from {@code from} to {@code until}. */
    private static final class Rtp {
        private static final int SAMPLES = 160;
        private final String src;
        private final String dst;
        private final int port;
        private final long ssrc;
        private final byte[] tone;
        private final long until;
        private long next;
        private int seq;
        private long timestamp;
        private boolean started;

        Rtp(String src, String dst, int port, long ssrc, byte[] tone, long from, long until, int seq, long ts) {
            this.src = src;
            this.dst = dst;
            this.port = port;
            this.ssrc = ssrc;
            this.tone = tone;
            this.next = from;
            this.until = until;
            this.seq = seq;
            this.timestamp = ts;
        }

        long at() {
            return next < until ? next : Long.MAX_VALUE;
        }

        byte[] take() {
            int offset = (int) (timestamp / SAMPLES % (tone.length / SAMPLES)) * SAMPLES;
            byte[] payload = java.util.Arrays.copyOfRange(tone, offset, offset + SAMPLES);
            byte[] rtp = PacketBuilder.rtp(0, seq & 0xFFFF, timestamp & 0xFFFF_FFFFL, ssrc, !started, payload);
            started = true;
            seq++;
            timestamp += SAMPLES;
            next += 20_000_000L;
            return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4(src, port, dst, port, rtp));
        }
    }

    private enum Outcome { ANSWERED, BUSY, CANCELLED }

    private static Script call(int i, long start, Outcome outcome, boolean calleeHangsUp, Options o,
                               SplittableRandom random, byte[][] tones) {
        String caller = "10.1." + (i / 250 % 250) + "." + (i % 250 + 1);
        String callee = "10.2." + (i / 250 % 250) + "." + (i % 250 + 1);
        String callerNumber = Long.toString(4_180_000_000L + i);
        String calleeNumber = Long.toString(2_120_000_000L + i);
        int mediaPort = 20_000 + 2 * (i % 10_000);
        String offer = sdp(caller, mediaPort, i, "0 8 101");
        String answer = sdp(callee, mediaPort, i, "0 101");
        long ring = 50_000_000L + random.nextLong(100_000_000L);
        long answerAfter = ring + 1_000_000_000L + random.nextLong(2_000_000_000L);
        long hold = Math.round(o.holdSeconds() * 1e9);
        Deque<Due> out = new ArrayDeque<>();
        Rtp[] media = new Rtp[0];
        Leg a = new Leg("c" + i + "-a@" + caller, caller, PROXY, callerNumber, calleeNumber, "a" + i, "p" + i);
        Leg b = o.b2bua() ? new Leg("c" + i + "-b@" + PROXY, PROXY, callee, callerNumber, calleeNumber, "q" + i,
                "b" + i) : null;
        long leg2 = 20_000_000L; // the B2BUA's second leg starts 20 ms after the first INVITE
        long hop = 5_000_000L; // and relays each response 5 ms after it got it
        a.invite(out, start, offer);
        a.response(out, start + 2_000_000L, 100, "Trying", null, false);
        if (b != null) {
            b.invite(out, start + leg2, offer);
            b.response(out, start + leg2 + 2_000_000L, 100, "Trying", null, false);
            b.response(out, start + leg2 + ring, 180, "Ringing", null, true);
        }
        a.response(out, start + leg2 + ring + hop, 180, "Ringing", null, true);
        switch (outcome) {
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
                    media = new Rtp[] {
                        new Rtp(caller, callee, mediaPort, 0x10000000L + i, tones[0], from, end, 1000 + i % 50000,
                                160L * i),
                        new Rtp(callee, caller, mediaPort, 0x20000000L + i, tones[1], from + 7_000_000L, end,
                                2000 + i % 50000, 320L * i)
                    };
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
