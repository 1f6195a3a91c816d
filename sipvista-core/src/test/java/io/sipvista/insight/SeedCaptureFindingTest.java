package io.sipvista.insight;

import io.sipvista.correlate.CallAssembler;
import io.sipvista.correlate.Correlation;
import io.sipvista.correlate.Correlator;
import io.sipvista.correlate.SipEvent;
import io.sipvista.sip.SipParser;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed capture is a clean call: it yields no warning or error finding. */
class SeedCaptureFindingTest {
    /** Ethernet (14) + IPv4 without options (20) + UDP (8): the SIP text starts at byte 42. */
    private static List<SipEvent> events() {
        List<SipEvent> out = new ArrayList<>();
        for (SeedCapture.Frame f : SeedCapture.frames()) {
            byte[] d = f.data();
            boolean ipv4 = (d[12] & 0xff) == 0x08 && d[13] == 0x00;
            if (!ipv4 || d[23] != 17 || port(d, 34) != 5060 || port(d, 36) != 5060) {
                continue;
            }
            out.add(new SipEvent(f.number(), f.epochSeconds(), f.micros() * 1000, ip(d, 26) + ":5060",
                    ip(d, 30) + ":5060", "udp", SipParser.parse(d, 42, d.length - 42)));
        }
        return out;
    }

    private static int port(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static String ip(byte[] d, int at) {
        return (d[at] & 0xff) + "." + (d[at + 1] & 0xff) + "." + (d[at + 2] & 0xff) + "." + (d[at + 3] & 0xff);
    }

    private static List<Finding> findings() {
        List<SipEvent> events = events();
        Correlator c = new Correlator();
        for (SipEvent e : events) {
            c.accept(e);
        }
        Correlation model = c.finish();
        return FindingDetector.detect(model, CallAssembler.assemble(model, events), events);
    }

    @Test
    void theSeedCallHasNoWarningOrErrorFinding() {
        assertThat(events()).hasSize(72);
        assertThat(findings()).noneMatch(f -> f.severity().equals("warning") || f.severity().equals("error"));
        assertThat(findings()).isEmpty();
    }

    @Test
    void theSeedCallFindingsAreTheSameEachTime() {
        assertThat(findings()).isEqualTo(findings());
    }
}
