package io.sipvista.testkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic call generator: deterministic, in time order, the messages and RTP it promises. */
class SyntheticCallsTest {
    private static byte[] write(SyntheticCalls.Options o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        return bytes.toByteArray();
    }

    private static long micros(PcapFile.Record r) {
        return r.seconds() * 1_000_000L + r.fraction();
    }

    private static String text(PcapFile.Record r) {
        return new String(r.data(), 42, r.data().length - 42, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        SyntheticCalls.Options o = new SyntheticCalls.Options(50, 5, 3, 0.1, 0.1, true, 42, true);
        assertThat(write(o)).isEqualTo(write(o));
        assertThat(write(o)).isNotEqualTo(write(new SyntheticCalls.Options(50, 5, 3, 0.1, 0.1, true, 43, true)));
    }

    @Test
    void framesComeInTimeOrder() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(60, 20, 2, 0.1, 0.1, true, 1, true)));
        for (int i = 1; i < f.records().size(); i++) {
            assertThat(micros(f.records().get(i))).as("frame %d", i + 1)
                    .isGreaterThanOrEqualTo(micros(f.records().get(i - 1)));
        }
    }

    @Test
    void anAnsweredDirectCallIsSevenMessages() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 5, 0, 0, false, 1, false)));
        assertThat(f.records()).extracting(r -> text(r).lines().findFirst().orElse("")).satisfiesExactly(
                l -> assertThat(l).startsWith("INVITE sip:2120000000@10.0.0.10:5060"),
                l -> assertThat(l).isEqualTo("SIP/2.0 100 Trying"),
                l -> assertThat(l).isEqualTo("SIP/2.0 180 Ringing"),
                l -> assertThat(l).isEqualTo("SIP/2.0 200 OK"),
                l -> assertThat(l).startsWith("ACK "),
                l -> assertThat(l).startsWith("BYE "),
                l -> assertThat(l).isEqualTo("SIP/2.0 200 OK"));
    }

    @Test
    void mediaIsFiftyPacketsASecondEachWayDuringTheCall() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 4, 0, 0, false, 1, true)));
        long rtp = f.records().stream().filter(r -> (r.data()[42] & 0xC0) == 0x80).count();
        // 4 s of talk minus the 10 ms before the first packet (and 7 ms more one way): 200 one way, 200 the other
        assertThat(rtp).isEqualTo(400);
        assertThat(f.records()).hasSize(7 + 400);
    }

    @Test
    void failuresAreBusyOrCancelled() throws IOException {
        PcapFile busy = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 1, 1, 0, false, 1, true)));
        assertThat(busy.records()).extracting(r -> text(r).lines().findFirst().orElse(""))
                .contains("SIP/2.0 486 Busy Here").noneMatch(l -> l.startsWith("BYE"));
        assertThat(busy.records()).hasSize(5);
        PcapFile cancelled = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 1, 0, 1, false, 1, true)));
        assertThat(cancelled.records()).extracting(r -> text(r).lines().findFirst().orElse(""))
                .contains("SIP/2.0 487 Request Terminated").anyMatch(l -> l.startsWith("CANCEL "));
    }
}
