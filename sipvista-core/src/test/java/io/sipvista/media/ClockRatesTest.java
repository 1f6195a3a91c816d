package io.sipvista.media;

import io.sipvista.label.RtpPayloadTypes;
import io.sipvista.sip.sdp.RtpMap;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClockRatesTest {
    @Test
    void g722RunsAtEightKilohertzPerRfc3551() {
        ClockRates.PayloadClock c = ClockRates.staticOnly().of(9);
        assertThat(c.encoding()).isEqualTo("G722");
        assertThat(c.clockRate()).isEqualTo(8000);
        assertThat(c.origin()).isEqualTo(ClockRates.Origin.STATIC);
    }

    @Test
    void staticTypesComeFromTheRfc3551Table() {
        ClockRates r = ClockRates.staticOnly();
        assertThat(r.clockRate(0)).isEqualTo(8000);
        assertThat(r.clockRate(8)).isEqualTo(8000);
        assertThat(r.clockRate(18)).isEqualTo(8000);
        assertThat(r.clockRate(11)).isEqualTo(44100);
        assertThat(r.clockRate(31)).isEqualTo(90000);
    }

    @Test
    void dynamicTypeWithoutRtpmapIsUnknownNotGuessed() {
        ClockRates.PayloadClock c = ClockRates.staticOnly().of(111);
        assertThat(c.known()).isFalse();
        assertThat(c.clockRate()).isZero();
        assertThat(c.encoding()).isEqualTo("unknown");
        assertThat(c.origin()).isEqualTo(ClockRates.Origin.UNKNOWN);
    }

    @Test
    void rtpmapBindsDynamicTypes() {
        ClockRates r = ClockRates.fromRtpMaps(List.of(new RtpMap(111, "opus", 48000, "2"),
                new RtpMap(101, "telephone-event", 8000, null), new RtpMap(97, "H264", 90000, null)));
        assertThat(r.of(111)).isEqualTo(new ClockRates.PayloadClock(111, "opus", 48000, ClockRates.Origin.RTPMAP));
        assertThat(r.clockRate(101)).isEqualTo(8000);
        assertThat(r.clockRate(97)).isEqualTo(90000);
    }

    @Test
    void rtpmapDoesNotOverrideAStaticType() {
        ClockRates r = ClockRates.of(Map.of(9, new ClockRates.Binding("G722", 16000)));
        assertThat(r.clockRate(9)).isEqualTo(8000);
        assertThat(r.of(9).origin()).isEqualTo(ClockRates.Origin.STATIC);
    }

    @Test
    void outOfRangePayloadTypeIsUnknown() {
        ClockRates r = ClockRates.staticOnly();
        assertThat(r.of(128).known()).isFalse();
        assertThat(r.clockRate(-1)).isZero();
        assertThat(r.timingOnly(200)).isFalse();
    }

    @Test
    void telephoneEventAndComfortNoiseAreTimingOnly() {
        ClockRates r = ClockRates.of(Map.of(101, new ClockRates.Binding("telephone-event", 8000),
                118, new ClockRates.Binding("CN", 16000)));
        assertThat(r.timingOnly(101)).isTrue();
        assertThat(r.timingOnly(118)).isTrue();
        assertThat(r.timingOnly(13)).isTrue();
        assertThat(r.timingOnly(0)).isFalse();
    }

    @Test
    void firstRtpmapForATypeWinsAndNullsAreSkipped() {
        java.util.List<RtpMap> maps = new java.util.ArrayList<>();
        maps.add(new RtpMap(100, "speex", 16000, null));
        maps.add(null);
        maps.add(new RtpMap(100, "speex", 32000, null));
        ClockRates r = ClockRates.fromRtpMaps(maps);
        assertThat(r.clockRate(100)).isEqualTo(16000);
    }

    @Test
    void rtpmapBindsAnUnassignedLowType() {
        ClockRates r = ClockRates.of(Map.of(35, new ClockRates.Binding("x-test", 16000)));
        assertThat(r.of(35).origin()).isEqualTo(ClockRates.Origin.RTPMAP);
        assertThat(r.clockRate(35)).isEqualTo(16000);
    }

    @Test
    void everyTypeOfRandomTablesIsWhatAFullTableWouldSay() {
        String[] encodings = {"opus", "telephone-event", "CN", "H264", "TELEPHONE-EVENT", "cn", "x-test"};
        Random rnd = new Random(7);
        for (int round = 0; round < 500; round++) {
            Map<Integer, ClockRates.Binding> dynamic = new HashMap<>();
            for (int i = rnd.nextInt(12); i > 0; i--) {
                int pt = rnd.nextInt(4) == 0 ? rnd.nextInt(140) - 6 : 96 + rnd.nextInt(32);
                dynamic.put(pt, new ClockRates.Binding(encodings[rnd.nextInt(encodings.length)],
                        1000 * (1 + rnd.nextInt(90))));
            }
            ClockRates r = ClockRates.of(dynamic);
            for (int pt = -3; pt < 131; pt++) {
                ClockRates.PayloadClock want = fullTable(dynamic, pt);
                assertThat(r.of(pt)).as("round %d, type %d", round, pt).isEqualTo(want);
                assertThat(r.clockRate(pt)).isEqualTo(want.clockRate());
                assertThat(r.timingOnly(pt)).as("round %d, type %d", round, pt).isEqualTo(
                        want.encoding().equalsIgnoreCase("telephone-event") || want.encoding().equalsIgnoreCase("CN"));
            }
        }
    }

    /** What a type stands for, as a table of all 128 types with the bindings written over the static ones says. */
    private static ClockRates.PayloadClock fullTable(Map<Integer, ClockRates.Binding> dynamic, int pt) {
        ClockRates.Binding b = dynamic.get(pt);
        if (pt < 0 || pt > 127) {
            return new ClockRates.PayloadClock(pt, "unknown", 0, ClockRates.Origin.UNKNOWN);
        }
        if (RtpPayloadTypes.isStatic(pt)) {
            return new ClockRates.PayloadClock(pt, RtpPayloadTypes.name(pt), RtpPayloadTypes.clockRate(pt),
                    ClockRates.Origin.STATIC);
        }
        return b != null ? new ClockRates.PayloadClock(pt, b.encoding(), b.clockRate(), ClockRates.Origin.RTPMAP)
                : new ClockRates.PayloadClock(pt, "unknown", 0, ClockRates.Origin.UNKNOWN);
    }
}
