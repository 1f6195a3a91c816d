package io.sipvista.analysis;

import io.sipvista.analysis.MediaScenario.Party;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tying synthetic RTP and RTCP to calls by their SDP: the lookup, re-INVITEs, hold, RTCP, unsignalled RTP. */
class MediaStreamsTest {
    private static final Party ALICE = new Party("10.0.0.1", 5060, "alice");
    private static final Party BOB = new Party("10.0.0.2", 5060, "bob");

    private static MediaStream only(CaptureAnalysis.Result r, String src, String dst) {
        List<MediaStream> s = r.streams().stream().filter(m -> m.src().equals(src) && m.dst().equals(dst)).toList();
        assertThat(s).as("streams %s → %s in %s", src, dst, r.streams()).hasSize(1);
        return s.get(0);
    }

    @Test
    void everyStreamOfManyConcurrentCallsFindsItsCall() {
        MediaScenario sc = new MediaScenario();
        int calls = 300;
        for (int i = 0; i < calls; i++) {
            int a = 10_000 + 2 * i;
            int b = 30_000 + 2 * i;
            sc.call(i, "many-" + i, ALICE, BOB, MediaScenario.sdp("10.0.0.1", a, "sendrecv"),
                    MediaScenario.sdp("10.0.0.2", b, "sendrecv"), 5_000 + i);
            sc.audio(100 + i, 50, "10.0.0.1", a, "10.0.0.2", b, 0x1000 + i, 1, 0);
            sc.audio(110 + i, 50, "10.0.0.2", b, "10.0.0.1", a, 0x2000 + i, 1, 0);
        }
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.calls()).hasSize(calls);
        assertThat(r.streams()).hasSize(2 * calls).allSatisfy(s -> {
            assertThat(s.inferred()).isFalse();
            assertThat(s.packets()).isEqualTo(50);
            assertThat(s.lost()).isZero();
            int port = Integer.parseInt(s.src().substring(s.src().indexOf(':') + 1));
            int i = port >= 30_000 ? (port - 30_000) / 2 : (port - 10_000) / 2;
            assertThat(s.callId()).isEqualTo("many-" + i);
            assertThat(s.call()).isEqualTo(r.calls().stream().filter(c -> c.callIds().contains("many-" + i))
                    .findFirst().orElseThrow().id());
        });
        assertThat(r.findings()).noneMatch(f -> f.id().startsWith("media."));
    }

    @Test
    void aReInviteMovingThePortKeepsTheStreamInItsCall() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "move", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 10_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        // Bob moves his media to port 6002 by a re-INVITE at 3 s
        sc.request(3_000, "INVITE", "move", 2, BOB, ALICE, true, MediaScenario.sdp("10.0.0.2", 6002, "sendrecv"));
        sc.response(3_010, 200, "OK", "INVITE", "move", 2, BOB, ALICE, ALICE, BOB,
                MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"));
        sc.request(3_015, "ACK", "move", 2, BOB, ALICE, true, null);
        sc.audio(3_100, 100, "10.0.0.1", 4000, "10.0.0.2", 6002, 0xA1, 101, 0);
        CaptureAnalysis.Result r = sc.run();
        MediaStream moved = only(r, "10.0.0.1:4000", "10.0.0.2:6002");
        assertThat(moved.inferred()).isFalse();
        assertThat(moved.call()).isEqualTo("call-1");
        assertThat(moved.sdpEndpoint()).isEqualTo("10.0.0.2:6002");
        assertThat(moved.problems()).isEmpty();
        assertThat(only(r, "10.0.0.1:4000", "10.0.0.2:6000").packets()).isEqualTo(100);
        assertThat(r.findings()).noneMatch(f -> f.id().startsWith("media."));
    }

    @Test
    void rtpTowardsTheHeldSideIsAProblemAndMusicOnHoldIsNot() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "hold", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 10_000);
        // Alice holds at 2 s: sendonly; Bob answers recvonly; Bob keeps sending to Alice until 6 s
        sc.request(2_000, "INVITE", "hold", 2, ALICE, BOB, true, MediaScenario.sdp("10.0.0.1", 4000, "sendonly"));
        sc.response(2_010, 200, "OK", "INVITE", "hold", 2, ALICE, BOB, BOB, ALICE,
                MediaScenario.sdp("10.0.0.2", 6000, "recvonly"));
        sc.request(2_015, "ACK", "hold", 2, ALICE, BOB, true, null);
        sc.audio(100, 400, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 300, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        CaptureAnalysis.Result r = sc.run();
        MediaStream toHeld = only(r, "10.0.0.2:6000", "10.0.0.1:4000");
        MediaStream.Problem p = toHeld.problem(MediaStream.HOLD);
        assertThat(p).isNotNull();
        // packets after 2 s + the 1 s grace: frames sent at 3.02 s .. 6.08 s
        assertThat(p.packets()).isEqualTo(300 - 146);
        assertThat(p.detail()).contains("sendonly");
        assertThat(only(r, "10.0.0.1:4000", "10.0.0.2:6000").problems()).isEmpty();
        assertThat(r.findings()).filteredOn(f -> f.id().equals("media.rtp_during_hold")).hasSize(1)
                .allSatisfy(f -> assertThat(f.callId()).isEqualTo("call-1"));
    }

    @Test
    void muxedRtcpIsCountedWithItsRtpStream() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "mux", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv", "a=rtcp-mux"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv", "a=rtcp-mux"), 5_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        for (int i = 0; i < 3; i++) {
            sc.udp(1_000 + 1_000L * i + 5, "10.0.0.1", 4000, "10.0.0.2", 6000, MediaScenario.rtcpRr(0xA1));
        }
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.streams()).hasSize(2).allMatch(MediaStream::rtp);
        MediaStream a = only(r, "10.0.0.1:4000", "10.0.0.2:6000");
        assertThat(a.rtcpPackets()).isEqualTo(3);
        assertThat(a.packets()).isEqualTo(100);
    }

    @Test
    void rtcpOnPortPlusOneIsCountedWithItsRtpStream() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "plus1", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 5_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        sc.udp(1_005, "10.0.0.2", 6001, "10.0.0.1", 4001, MediaScenario.rtcpRr(0xB1));
        sc.udp(2_005, "10.0.0.2", 6001, "10.0.0.1", 4001, MediaScenario.rtcpRr(0xB1));
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.streams()).hasSize(2);
        assertThat(only(r, "10.0.0.2:6000", "10.0.0.1:4000").rtcpPackets()).isEqualTo(2);
        assertThat(only(r, "10.0.0.1:4000", "10.0.0.2:6000").rtcpPackets()).isZero();
    }

    @Test
    void rtpNoSdpAnnouncedIsInferredAndBelongsToNoCall() {
        MediaScenario sc = new MediaScenario();
        sc.audio(0, 50, "10.9.9.1", 20_000, "10.9.9.2", 30_000, 0xC1, 65_500, 8);
        CaptureAnalysis.Result r = sc.run();
        MediaStream s = only(r, "10.9.9.1:20000", "10.9.9.2:30000");
        assertThat(s.inferred()).isTrue();
        assertThat(s.call()).isNull();
        assertThat(s.callId()).isNull();
        assertThat(s.codec()).isEqualTo("PCMA/8000");
        assertThat(s.packets()).isEqualTo(50);
        assertThat(s.lost()).isZero(); // across the sequence wrap
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void rtpToAnAnnouncedPortTheHeuristicRefusesStillCounts() {
        // port 900 is below 1024: the labeller's heuristic does not take it for RTP, the SDP does
        MediaScenario sc = new MediaScenario();
        sc.call(0, "low", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 900, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 902, "sendrecv"), 3_000);
        sc.audio(100, 40, "10.0.0.1", 900, "10.0.0.2", 902, 0xA1, 1, 0);
        sc.audio(100, 40, "10.0.0.2", 902, "10.0.0.1", 900, 0xB1, 1, 0);
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.streams()).hasSize(2).allSatisfy(s -> {
            assertThat(s.inferred()).isFalse();
            assertThat(s.call()).isEqualTo("call-1");
            assertThat(s.packets()).isEqualTo(40);
        });
    }

    @Test
    void aPortReusedByALaterCallBelongsToTheLaterCall() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "first", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 3_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        sc.call(4_000, "second", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 8_000);
        sc.audio(4_100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA2, 1, 0);
        sc.audio(4_100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB2, 1, 0);
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.streams()).hasSize(4);
        assertThat(r.streams()).filteredOn(s -> s.ssrc() == 0xA1 || s.ssrc() == 0xB1)
                .allSatisfy(s -> assertThat(s.callId()).isEqualTo("first"));
        assertThat(r.streams()).filteredOn(s -> s.ssrc() == 0xA2 || s.ssrc() == 0xB2)
                .allSatisfy(s -> assertThat(s.callId()).isEqualTo("second"));
        // the new SSRC on the same flow came with new SDP: not an SSRC change
        assertThat(r.findings()).noneMatch(f -> f.id().startsWith("media."));
    }

    @Test
    void anIdleFlowIsDoneAfterTheLinger() {
        MediaScenario sc = new MediaScenario();
        sc.audio(0, 10, "10.9.9.1", 20_000, "10.9.9.2", 30_000, 0xC1, 1, 0);
        sc.audio(100_000, 10, "10.9.9.1", 20_000, "10.9.9.2", 30_000, 0xC1, 11, 0);
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.streams()).hasSize(2).allSatisfy(s -> assertThat(s.packets()).isEqualTo(10));
    }

    @Test
    void arbitraryRtpShapedBytesToAnAnnouncedPortNeverBreakTheAnalysis() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "fuzz", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv", "a=rtcp-mux"),
                MediaScenario.sdp("10.0.0.2", 6000, "inactive"), 9_000);
        java.util.Random random = new java.util.Random(4733);
        int sent = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] b = new byte[8 + random.nextInt(60)];
            random.nextBytes(b);
            b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2, any padding/extension/CSRC bits
            if (i % 3 == 0) {
                b[1] = (byte) (random.nextBoolean() ? 101 : 0x80 | 101); // telephone-event, any payload
            }
            sc.udp(100 + i, "10.0.0.2", 6000, "10.0.0.1", 4000, b);
            sent++;
        }
        sc.udp(5_000, "10.0.0.2", 6000, "10.0.0.1", 4000, MediaScenario.rtp(101, true, 1, 1, 1, new byte[3]));
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.frames()).isEqualTo(sent + 1 + 5);
        assertThat(r.streams()).allSatisfy(s -> assertThat(s.callId()).isEqualTo("fuzz"));
        assertThat(r.streams().stream().filter(MediaStream::rtp).mapToLong(MediaStream::packets).sum())
                .isPositive();
    }

    @Test
    void anIpv6SdpAddressWrittenLongMatchesTheFramesShortForm() {
        assertThat(MediaStreams.normalise("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(MediaStreams.normalise("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(MediaStreams.normalise("Host.Example")).isEqualTo("host.example");
        assertThat(MediaStreams.normalise("1:2:3")).isEqualTo("1:2:3"); // not a literal: kept
    }

    @Test
    void receiverReportsAreShownNextToTheMeasuredStream() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "rr", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 5_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        // Alice (0xA1) reports on Bob's stream (0xB1): cumulative lost 5, then -1; jitter 80, then 40 units
        sc.udp(1_005, "10.0.0.1", 4001, "10.0.0.2", 6001, rr(0xA1, 0xB1, 5, 80));
        sc.udp(2_005, "10.0.0.1", 4001, "10.0.0.2", 6001, rr(0xA1, 0xB1, -1, 40));
        CaptureAnalysis.Result r = sc.run();
        MediaStream bob = only(r, "10.0.0.2:6000", "10.0.0.1:4000");
        assertThat(bob.rtcpReports()).isEqualTo(2);
        assertThat(bob.reportedLost()).isEqualTo(-1L);
        assertThat(bob.reportedJitterMaxMs()).isEqualTo(10.0);
        MediaStream alice = only(r, "10.0.0.1:4000", "10.0.0.2:6000");
        assertThat(alice.rtcpPackets()).isEqualTo(2);
        assertThat(alice.rtcpReports()).isZero();
        assertThat(alice.reportedLost()).isNull();
    }

    @Test
    void xrVoipMetricsAreShownNextToTheMeasuredStream() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "xr", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 5_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        // Alice (0xA1) sends an RR (no blocks) followed by an XR with a VoIP Metrics block about Bob's stream
        byte[] rr = MediaScenario.rtcpRr(0xA1);
        byte[] xr = xr(0xA1, 0xB1, 64, 3, 180, 65, 88, 41, 127);
        byte[] compound = new byte[rr.length + xr.length];
        System.arraycopy(rr, 0, compound, 0, rr.length);
        System.arraycopy(xr, 0, compound, rr.length, xr.length);
        sc.udp(1_005, "10.0.0.1", 4001, "10.0.0.2", 6001, compound);
        CaptureAnalysis.Result r = sc.run();
        MediaStream bob = only(r, "10.0.0.2:6000", "10.0.0.1:4000");
        assertThat(bob.xr()).isEqualTo(new MediaStream.XrVoipMetrics(1, 25.0, 3 * 100.0 / 256, 180, 65, 88, 4.1,
                null));
        assertThat(only(r, "10.0.0.1:4000", "10.0.0.2:6000").xr()).isNull();
    }

    /**
     * An RTCP XR (RFC 3611) from {@code sender} with one VoIP Metrics block (BT 7) about {@code about}: loss and
     * discard rates as 8-bit fractions, delays in ms, R factor, MOS-LQ and MOS-CQ times 10 (127: unavailable).
     */
    private static byte[] xr(long sender, long about, int loss, int discard, int roundTrip, int endSystem, int r,
                             int mosLq, int mosCq) {
        byte[] b = new byte[8 + 36];
        b[0] = (byte) 0x80;
        b[1] = (byte) 207;
        b[3] = 10; // (44 / 4) - 1
        put32(b, 4, sender);
        b[8] = 7; // VoIP Metrics
        b[11] = 8; // block length in words - 1
        put32(b, 12, about);
        b[16] = (byte) loss;
        b[17] = (byte) discard;
        b[24] = (byte) (roundTrip >> 8);
        b[25] = (byte) roundTrip;
        b[26] = (byte) (endSystem >> 8);
        b[27] = (byte) endSystem;
        b[32] = (byte) r;
        b[33] = 127;
        b[34] = (byte) mosLq;
        b[35] = (byte) mosCq;
        return b;
    }

    /** An RTCP RR from {@code sender} with one report block about {@code about}. */
    private static byte[] rr(long sender, long about, int cumulativeLost, long jitter) {
        byte[] b = new byte[32];
        b[0] = (byte) 0x81;
        b[1] = (byte) 201;
        b[3] = 7;
        put32(b, 4, sender);
        put32(b, 8, about);
        b[13] = (byte) (cumulativeLost >> 16);
        b[14] = (byte) (cumulativeLost >> 8);
        b[15] = (byte) cumulativeLost;
        put32(b, 20, jitter);
        return b;
    }

    private static void put32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> (24 - 8 * i));
        }
    }

    @Test
    void hostIsTellsWhatHostOfCutsOut() {
        List<String> endpoints = List.of("10.0.0.1:5004", "[2001:db8::1]:5004", "[2001:db8::1", "nocolon", ":5004",
                "10.0.0.1:", "[]:5", "a:b:c", "");
        List<String> hosts = List.of("10.0.0.1", "2001:db8::1", "[2001:db8::1", "nocolon", "", "a:b", "10.0.0",
                "10.0.0.1:5004", ":5004");
        for (String e : endpoints) {
            for (String h : hosts) {
                assertThat(MediaStreams.hostIs(e, h)).as("%s at %s", h, e).isEqualTo(MediaStreams.hostOf(e).equals(h));
            }
        }
        assertThat(MediaStreams.hostIs("[2001:db8::1]:5004", "2001:db8::1")).isTrue();
        assertThat(MediaStreams.hostIs("10.0.0.1:5004", "10.0.0.1")).isTrue();
    }
}
