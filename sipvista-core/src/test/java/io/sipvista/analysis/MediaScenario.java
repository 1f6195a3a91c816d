package io.sipvista.analysis;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test-only: a capture of SIP calls and RTP written in memory (IPv4/UDP over Ethernet) and run through
 * {@link CaptureAnalysis}. Times are milliseconds from the start; records are written in time order (stable).
 */
final class MediaScenario {
    private static final long EPOCH = 1_700_000_000L;

    private record Rec(long ms, int seq, byte[] frame) {
    }

    private final List<Rec> recs = new ArrayList<>();

    /** One SIP party: its signalling address and the Call-ID/tag it uses. */
    record Party(String ip, int sipPort, String tag) {
    }

    void udp(long ms, String src, int sport, String dst, int dport, byte[] payload) {
        recs.add(new Rec(ms, recs.size(), PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                PacketBuilder.udp4(src, sport, dst, dport, payload))));
    }

    /** An SDP body: {@code m=audio port RTP/AVP 0 101} with PCMU and telephone-event, the direction, extra lines. */
    static String sdp(String ip, int port, String direction, String... extra) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=" + direction + "\r\n");
        for (String e : extra) {
            sb.append(e).append("\r\n");
        }
        return sb.toString();
    }

    /** A request from {@code from} to {@code to} in Call-ID {@code callId}; {@code toTag} null for an initial one. */
    void request(long ms, String method, String callId, int cseq, Party from, Party to, boolean inDialog,
                 String sdp) {
        String cseqMethod = method;
        String uri = "sip:" + to.tag() + "@" + to.ip() + ":" + to.sipPort();
        String text = method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from.ip() + ":" + from.sipPort() + ";branch=z9hG4bK" + callId.hashCode()
                + "x" + cseq + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from.tag() + "@" + from.ip() + ">;tag=" + from.tag() + "\r\n"
                + "To: <sip:" + to.tag() + "@" + to.ip() + ">" + (inDialog ? ";tag=" + to.tag() : "") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + cseqMethod + "\r\n"
                + "Contact: <sip:" + from.tag() + "@" + from.ip() + ":" + from.sipPort() + ">\r\n";
        sip(ms, from, to, text, sdp);
    }

    /** A response from {@code from} (the request's receiver) to {@code to}. */
    void response(long ms, int status, String reason, String method, String callId, int cseq, Party caller,
                  Party callee, Party from, Party to, String sdp) {
        String text = "SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP " + to.ip() + ":" + to.sipPort() + ";branch=z9hG4bK" + callId.hashCode()
                + "x" + cseq + method + "\r\n"
                + "From: <sip:" + caller.tag() + "@" + caller.ip() + ">;tag=" + caller.tag() + "\r\n"
                + "To: <sip:" + callee.tag() + "@" + callee.ip() + ">;tag=" + callee.tag() + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:" + from.tag() + "@" + from.ip() + ":" + from.sipPort() + ">\r\n";
        sip(ms, from, to, text, sdp);
    }

    private void sip(long ms, Party from, Party to, String head, String sdp) {
        String body = sdp == null ? "" : sdp;
        String text = head + (sdp == null ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: "
                + body.getBytes(StandardCharsets.US_ASCII).length + "\r\n\r\n" + body;
        udp(ms, from.ip(), from.sipPort(), to.ip(), to.sipPort(), text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A whole call: INVITE with the caller's SDP at {@code ms}, 200 with the callee's 20 ms later, ACK, and BYE/200
     * at {@code byeMs} (no BYE when negative).
     */
    void call(long ms, String callId, Party caller, Party callee, String offer, String answer, long byeMs) {
        call(ms, callId, caller, callee, offer, answer, ms + 20, byeMs);
    }

    /** A call whose 183 carries the callee's SDP 10 ms after the INVITE and whose 200 comes at {@code answerMs}. */
    void call(long ms, String callId, Party caller, Party callee, String offer, String answer, long answerMs,
              long byeMs) {
        request(ms, "INVITE", callId, 1, caller, callee, false, offer);
        if (answerMs > ms + 20) {
            response(ms + 10, 183, "Session Progress", "INVITE", callId, 1, caller, callee, callee, caller, answer);
        }
        response(answerMs, 200, "OK", "INVITE", callId, 1, caller, callee, callee, caller, answer);
        request(answerMs + 5, "ACK", callId, 1, caller, callee, true, null);
        if (byeMs >= 0) {
            request(byeMs, "BYE", callId, 2, caller, callee, true, null);
            response(byeMs + 5, 200, "OK", "BYE", callId, 2, caller, callee, callee, caller, null);
        }
    }

    /** One RTP packet. */
    static byte[] rtp(int pt, boolean marker, int seq, long ts, long ssrc, byte[] payload) {
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | pt);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (ts >> (24 - 8 * i));
            b[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    /** {@code count} PCMU packets of 20 ms from {@code startMs}, sequence from {@code seq0}. */
    void audio(long startMs, int count, String src, int sport, String dst, int dport, long ssrc, int seq0, int pt) {
        for (int i = 0; i < count; i++) {
            udp(startMs + 20L * i, src, sport, dst, dport, rtp(pt, i == 0, (seq0 + i) & 0xFFFF, 160L * i + 1000, ssrc,
                    new byte[160]));
        }
    }

    /** An RTCP receiver report (8 bytes, no blocks) from {@code ssrc}. */
    static byte[] rtcpRr(long ssrc) {
        return new byte[] {(byte) 0x80, (byte) 201, 0, 1, (byte) (ssrc >> 24), (byte) (ssrc >> 16),
                (byte) (ssrc >> 8), (byte) ssrc};
    }

    /** An RFC 4733 event packet (digit, end bit, duration) under payload type {@code pt}. */
    static byte[] event(int pt, boolean marker, int seq, long ts, long ssrc, int digit, boolean end, int duration) {
        return rtp(pt, marker, seq, ts, ssrc, new byte[] {(byte) digit, (byte) (end ? 0x8A : 0x0A),
                (byte) (duration >> 8), (byte) duration});
    }

    CaptureAnalysis.Result run() {
        return run(true, fast -> { });
    }

    /** {@link #run()} with or without the media fast path, telling {@code fastFrames} how many frames took it. */
    CaptureAnalysis.Result run(boolean fastPath, java.util.function.LongConsumer fastFrames) {
        List<Rec> sorted = new ArrayList<>(recs);
        sorted.sort(Comparator.comparingLong(Rec::ms).thenComparingInt(Rec::seq));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            try (PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
                for (Rec r : sorted) {
                    w.write(EPOCH + r.ms() / 1000, (int) (r.ms() % 1000) * 1_000_000, r.frame());
                }
            }
            try (CaptureReader reader = Captures.open(new ByteArrayInputStream(out.toByteArray()), "scenario")) {
                return CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY, held -> { },
                        fastPath, fastFrames);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
