package io.sipvista.analysis;

import io.sipvista.frame.Frame;
import io.sipvista.frame.MediaPacket;
import io.sipvista.label.RtpHeader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTP that no SDP announced is an inferred stream only after probation (RFC 3550 A.1): a second packet of the same
 * SSRC, a little later in sequence, within {@link MediaStreams#PROBATION}; then the stream counts from the first.
 * Datagrams that merely look like RTP, one per flow, make no stream and hold bounded state.
 */
class MediaProbationTest {
    private static final String SRC = "198.51.100.4";
    private static final String DST = "203.0.113.5";

    private static byte[] rtp(int seq, long ssrc) {
        return MediaScenario.rtp(0, false, seq & 0xFFFF, 160L * seq, ssrc, new byte[160]);
    }

    @Test
    void aSecondPacketOfTheSsrcMakesTheStreamCountedFromTheFirst() {
        MediaScenario sc = new MediaScenario();
        sc.udp(0, SRC, 40_000, DST, 50_000, rtp(7, 0xABC));
        sc.udp(20, SRC, 40_000, DST, 50_000, rtp(8, 0xABC));
        sc.udp(45, SRC, 40_000, DST, 50_000, rtp(9, 0xABC));
        CaptureAnalysis.Result r = sc.run();
        assertThat(r.streams()).singleElement().satisfies(s -> {
            assertThat(s.inferred()).isTrue();
            assertThat(s.packets()).isEqualTo(3);
            assertThat(s.firstFrame()).isEqualTo(1);
            assertThat(s.lastFrame()).isEqualTo(3);
            assertThat(s.lost()).isZero();
            assertThat(s.maxJitterMs()).as("the first packet's arrival counts").isPositive();
        });
    }

    @Test
    void aLonePacketALateOneAnotherSsrcOrAFarSequenceMakeNoStream() {
        MediaScenario sc = new MediaScenario();
        sc.udp(0, SRC, 40_002, DST, 50_002, rtp(1, 0x1)); // alone
        sc.udp(0, SRC, 40_004, DST, 50_004, rtp(1, 0x2)); // the second 3 s later: too late
        sc.udp(3_000, SRC, 40_004, DST, 50_004, rtp(2, 0x2));
        sc.udp(0, SRC, 40_006, DST, 50_006, rtp(1, 0x3)); // another SSRC
        sc.udp(20, SRC, 40_006, DST, 50_006, rtp(2, 0x4));
        sc.udp(0, SRC, 40_008, DST, 50_008, rtp(1, 0x5)); // far ahead in sequence, then behind
        sc.udp(20, SRC, 40_008, DST, 50_008, rtp(1 + MediaStreams.PROBATION_SEQUENCE + 1, 0x5));
        sc.udp(40, SRC, 40_008, DST, 50_008, rtp(50, 0x5));
        assertThat(sc.run().streams()).isEmpty();
    }

    @Test
    void afterALateSecondPacketTheThirdStartsTheStreamFromTheSecond() {
        MediaScenario sc = new MediaScenario();
        sc.udp(0, SRC, 40_010, DST, 50_010, rtp(1, 0x9));
        sc.udp(3_000, SRC, 40_010, DST, 50_010, rtp(2, 0x9));
        sc.udp(3_020, SRC, 40_010, DST, 50_010, rtp(3, 0x9));
        assertThat(sc.run().streams()).singleElement().satisfies(s -> {
            assertThat(s.packets()).isEqualTo(2);
            assertThat(s.firstFrame()).isEqualTo(2);
        });
    }

    @Test
    void aSequenceWrappingPastZeroIsInSequence() {
        MediaScenario sc = new MediaScenario();
        sc.udp(0, SRC, 40_012, DST, 50_012, rtp(0xFFFF, 0x11));
        sc.udp(20, SRC, 40_012, DST, 50_012, rtp(0x10000, 0x11));
        assertThat(sc.run().streams()).singleElement().satisfies(s -> assertThat(s.packets()).isEqualTo(2));
    }

    /**
     * A flood of datagrams that look like RTP, each from a port of its own (a UDP flood, a port scan): no stream,
     * and never more than {@link MediaStreams#PROBATION_MAX} first packets kept, however many come within the
     * probation.
     */
    @Test
    void aFloodOfOnePacketFlowsKeepsBoundedStateAndMakesNoStream() {
        MediaStreams media = new MediaStreams(Duration.ofSeconds(32));
        SplittableRandom r = new SplittableRandom(5);
        int n = MediaStreams.PROBATION_MAX + 20_000;
        for (int i = 0; i < n; i++) {
            byte[] b = rtp(r.nextInt(65_536), r.nextLong(1L << 32));
            RtpHeader h = RtpHeader.parse(b, 0, b.length).orElseThrow();
            long us = 10L * i; // 100,000 a second: all within the probation
            media.packet(new Frame(i + 1, 1_700_000_000L + us / 1_000_000, (int) (us % 1_000_000) * 1000, 6, 0, 1,
                    b.length, b.length, SRC + ":" + (2 * i % 60_000 + 1024), DST + ":" + (2 * (i / 30_000) + 10_000),
                    "udp", "rtp", "", List.of(), List.of(), List.of(), List.of(), 0,
                    new MediaPacket(false, true, h, 0, 0, b, 0, b.length)));
            assertThat(media.flowsOnProbation()).isLessThanOrEqualTo(MediaStreams.PROBATION_MAX);
        }
        assertThat(media.flowsOnProbation()).isEqualTo(MediaStreams.PROBATION_MAX);
        assertThat(media.openFlows()).isZero();
        assertThat(media.finish()).isEmpty();
        assertThat(media.flowsOnProbation()).isZero();
    }
}
