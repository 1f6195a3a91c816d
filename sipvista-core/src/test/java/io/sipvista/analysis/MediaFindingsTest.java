package io.sipvista.analysis;

import io.sipvista.analysis.MediaScenario.Party;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.insight.Finding;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The media findings on synthetic calls, and none on the clean calls of the seed capture and the corpus. */
class MediaFindingsTest {
    private static final Party ALICE = new Party("10.0.0.1", 5060, "alice");
    private static final Party BOB = new Party("10.0.0.2", 5060, "bob");

    private static List<Finding> media(CaptureAnalysis.Result r) {
        return r.findings().stream().filter(f -> f.id().startsWith("media.")).toList();
    }

    private static MediaScenario answered(String offer, String answer) {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "c1", ALICE, BOB, offer, answer, 5_000);
        return sc;
    }

    private static MediaScenario plain() {
        return answered(MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"), MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"));
    }

    @Test
    void aCleanCallRaisesNone() {
        MediaScenario sc = plain();
        sc.audio(100, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        assertThat(media(sc.run())).isEmpty();
    }

    /** {@code count} packets 10.0.0.1 → 10.0.0.2 every 20 ms, seq from 1, those with index in [from, to) lost. */
    private static void lossy(MediaScenario sc, int count, int from, int to) {
        for (int i = 0; i < count; i++) {
            if (i < from || i >= to) {
                sc.udp(100 + 20L * i, "10.0.0.1", 4000, "10.0.0.2", 6000,
                        MediaScenario.rtp(0, i == 0, 1 + i, 1000 + 160L * i, 0xA1, new byte[160]));
            }
        }
    }

    @Test
    void lossAboveThreePercentIsAFinding() {
        MediaScenario sc = plain();
        lossy(sc, 210, 100, 110); // seq 101-110 missing: 10 of 210
        sc.audio(100, 210, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.loss");
        assertThat(f.get(0).text()).contains("from 10.0.0.1:4000 to 10.0.0.2:6000").contains("lost 10 of 210 packets (4.8 %)");
    }

    @Test
    void aDropoutBelowThreePercentIsALossBurst() {
        MediaScenario sc = plain();
        lossy(sc, 300, 100, 106); // 6 in a row of 300: 2 % in all, 120 ms of silence
        sc.audio(100, 300, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        CaptureAnalysis.Result r = sc.run();
        List<Finding> f = media(r);
        assertThat(f).extracting(Finding::id).containsExactly("media.loss_burst");
        assertThat(f.get(0).text()).contains("lost 6 packets in a row (about 120 ms of audio) although only 2.0 %");
        assertThat(r.streams()).filteredOn(s -> s.ssrc() == 0xA1).singleElement()
                .satisfies(s -> assertThat(s.maxLossBurst()).isEqualTo(6));
    }

    @Test
    void lossBelowThreePercentIsNone() {
        MediaScenario sc = plain();
        lossy(sc, 210, 100, 101); // seq 101 missing: 1 of 210
        sc.audio(100, 210, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        assertThat(media(sc.run())).isEmpty();
    }

    @Test
    void highJitterIsAFinding() {
        MediaScenario sc = plain();
        for (int i = 0; i < 100; i++) { // every other packet 150 ms late
            sc.udp(100 + 20L * i + (i % 2 == 1 ? 150 : 0), "10.0.0.1", 4000, "10.0.0.2", 6000,
                    MediaScenario.rtp(0, i == 0, 1 + i, 1000 + 160L * i, 0xA1, new byte[160]));
        }
        sc.audio(100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.jitter");
        assertThat(f.get(0).text()).contains("from 10.0.0.1:4000 to 10.0.0.2:6000").contains("ms of interarrival jitter");
    }

    @Test
    void rtpBeforeTheAnswerIsEarlyMedia() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "c1", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 3_000, 8_000);
        sc.audio(100, 300, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0); // ringback from 0.1 s
        sc.audio(3_050, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.early");
        assertThat(f.get(0).text()).contains("from 10.0.0.2:6000 to 10.0.0.1:4000").contains("2.9 s before the answer");
        assertThat(f.get(0).severity()).isEqualTo("info");
    }

    @Test
    void rtpStartingWithTheAnswerIsNotEarlyMedia() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "c1", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 3_000, 8_000);
        sc.audio(2_800, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0); // 0.2 s ahead of the 200: no
        sc.audio(3_050, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        assertThat(media(sc.run())).isEmpty();
    }

    @Test
    void oneWayMedia() {
        MediaScenario sc = plain();
        sc.audio(100, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.one_way");
        assertThat(f.get(0).text()).contains("from 10.0.0.1:4000 to 10.0.0.2:6000").contains("200 packets");
        assertThat(f.get(0).callId()).isEqualTo("call-1");
    }

    @Test
    void oneWayByAgreementIsNoFinding() {
        MediaScenario sc = answered(MediaScenario.sdp("10.0.0.1", 4000, "recvonly"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendonly"));
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        assertThat(media(sc.run())).isEmpty();
    }

    @Test
    void noRtpAfterAnswerWhenTheCaptureHoldsRtpElsewhere() {
        MediaScenario sc = plain();
        sc.audio(100, 50, "10.9.9.1", 20_000, "10.9.9.2", 30_000, 0xC1, 1, 0); // someone else's media
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.no_rtp");
        assertThat(f.get(0).text()).contains("10.0.0.1:4000").contains("10.0.0.2:6000");
    }

    @Test
    void noRtpIsNotClaimedFromASignallingOnlyCapture() {
        assertThat(media(plain().run())).isEmpty();
    }

    @Test
    void rtpFromAnAddressOtherThanTheSdpIsNat() {
        MediaScenario sc = answered(MediaScenario.sdp("192.168.1.10", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"));
        sc.audio(100, 200, "203.0.113.5", 31000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 200, "10.0.0.2", 6000, "203.0.113.5", 31000, 0xB1, 1, 0);
        CaptureAnalysis.Result r = sc.run();
        List<Finding> f = media(r);
        assertThat(f).extracting(Finding::id).containsOnly("media.address_mismatch").hasSize(2);
        assertThat(f).anySatisfy(x -> assertThat(x.text())
                .contains("from 203.0.113.5:31000 where the sender's SDP said 192.168.1.10:4000"));
        assertThat(f).anySatisfy(x -> assertThat(x.text())
                .contains("to 203.0.113.5:31000 where the receiver's SDP said 192.168.1.10:4000"));
        assertThat(r.streams()).noneMatch(MediaStream::inferred);
    }

    @Test
    void aPayloadTypeTheReceiverDidNotList() {
        MediaScenario sc = plain();
        sc.audio(100, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 8);
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.payload_type_not_negotiated");
        assertThat(f.get(0).text()).contains("payload type 8 not among the receiver's 0, 101");
        assertThat(f.get(0).frames()).contains(2L); // the 200 OK carrying Bob's SDP
    }

    @Test
    void anSsrcChangeWithoutNewSdp() {
        MediaScenario sc = plain();
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(2_100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA2, 5000, 0);
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        CaptureAnalysis.Result r = sc.run();
        List<Finding> f = media(r);
        assertThat(f).extracting(Finding::id).containsExactly("media.ssrc_change");
        assertThat(f.get(0).text()).contains("0x000000A1").contains("0x000000A2");
        assertThat(r.streams()).hasSize(3);
    }

    @Test
    void dtmfUnderAPayloadTypeOtherThanTheNegotiatedOne() {
        MediaScenario sc = plain();
        sc.audio(100, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        for (int i = 0; i < 4; i++) {
            sc.udp(4_010 + 20L * i, "10.0.0.1", 4000, "10.0.0.2", 6000,
                    MediaScenario.event(96, i == 0, 201 + i, 90_000, 0xA1, 5, i == 3, 160 * (i + 1)));
        }
        List<Finding> f = media(sc.run());
        assertThat(f).extracting(Finding::id).containsExactly("media.dtmf_payload_type");
        assertThat(f.get(0).text()).contains("payload type 96").contains("telephone-event as 101");
    }

    @Test
    void dtmfUnderTheNegotiatedPayloadTypeBecomesDigits() {
        MediaScenario sc = plain();
        sc.audio(100, 200, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 200, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        for (int i = 0; i < 4; i++) {
            sc.udp(4_010 + 20L * i, "10.0.0.1", 4000, "10.0.0.2", 6000,
                    MediaScenario.event(101, i == 0, 201 + i, 90_000, 0xA1, 5, i == 3, 160 * (i + 1)));
        }
        CaptureAnalysis.Result r = sc.run();
        assertThat(media(r)).isEmpty();
        MediaStream s = r.streams().stream().filter(m -> m.ssrc() == 0xA1).findFirst().orElseThrow();
        assertThat(s.dtmf()).hasSize(1);
        assertThat(s.dtmf().get(0).digit()).isEqualTo('5');
        assertThat(s.dtmf().get(0).durationMs()).isEqualTo(80);
    }

    @Test
    void theSeedCaptureRaisesNone() throws IOException {
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(SeedCapture.bytes()), "seed")) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
        }
        assertThat(r.streams()).isNotEmpty().allSatisfy(s -> assertThat(s.call()).isEqualTo("call-1"));
        assertThat(media(r)).isEmpty();
    }

    /** G.711 corpus calls whose RTP matches their SDP (tshark agrees: both or the agreed direction only). */
    @ParameterizedTest
    @ValueSource(strings = {"wssamples__sip-rtp-g711.pcap", "wssamples__sip-rtp-g726.pcap",
            "wssamples__MagicJack-_short_call.pcap", "heplify__rtp_rtcp_sip_ipv4_udp.pcap"})
    void cleanCorpusCallsRaiseNone(String name) throws IOException {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus/pcaps"))) {
            p = p.getParent();
        }
        assertThat(p).isNotNull();
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(p.resolve("corpus/pcaps").resolve(name))) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
        }
        assertThat(r.streams()).isNotEmpty();
        // early media is a fact, not a fault (MagicJack: RTP after the 183, 8.7 s before the 200)
        assertThat(media(r)).filteredOn(f -> !f.id().startsWith("media.early")).isEmpty();
        assertThat(media(r)).filteredOn(f -> f.id().startsWith("media.early"))
                .hasSize(name.startsWith("wssamples__MagicJack") ? 1 : 0);
    }
}
