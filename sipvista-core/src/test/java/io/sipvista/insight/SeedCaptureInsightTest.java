package io.sipvista.insight;

import io.sipvista.correlate.SipEvent;
import io.sipvista.sip.SipParser;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed capture explained frame by frame: what the seed page got wrong (every 200 OK as an INVITE answer with
 * SDP, a generic REGISTER line) is right here.
 */
class SeedCaptureInsightTest {
    private static final List<Insight> INSIGHTS = new ArrayList<>();

    /** Ethernet (14) + IPv4 without options (20) + UDP (8): the SIP text starts at byte 42. */
    @BeforeAll
    static void explain() {
        List<SipEvent> events = new ArrayList<>();
        for (SeedCapture.Frame f : SeedCapture.frames()) {
            byte[] d = f.data();
            boolean ipv4 = (d[12] & 0xff) == 0x08 && d[13] == 0x00;
            if (!ipv4 || d[23] != 17 || port(d, 34) != 5060 || port(d, 36) != 5060) {
                continue;
            }
            String src = ip(d, 26) + ":" + port(d, 34);
            String dst = ip(d, 30) + ":" + port(d, 36);
            events.add(new SipEvent(f.number(), f.epochSeconds(), f.micros() * 1000, src, dst, "udp",
                    SipParser.parse(d, 42, d.length - 42)));
        }
        INSIGHTS.addAll(MessageExplainer.explainAll(events));
    }

    private static int port(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static String ip(byte[] d, int at) {
        return (d[at] & 0xff) + "." + (d[at + 1] & 0xff) + "." + (d[at + 2] & 0xff) + "." + (d[at + 3] & 0xff);
    }

    private static Insight frame(long n) {
        return INSIGHTS.stream().filter(i -> i.frame() == n).findFirst().orElseThrow();
    }

    @Test
    void everySipFrameGetsAnInsight() {
        assertThat(INSIGHTS).hasSize(72);
        assertThat(INSIGHTS).allSatisfy(i -> assertThat(i.text()).isNotBlank());
        assertThat(INSIGHTS).extracting(Insight::id).doesNotContain("unexplained", "uncorrelatable", "request",
                "response", "retransmission");
    }

    @Test
    void theRegisterSaysWhatThisCaptureAsks() {
        assertThat(frame(1).text())
                .isEqualTo("4182618006 asks the registrar to bind sip:4182618006@192.168.9.205:5060 for 3600 s");
    }

    @Test
    void itsOkSaysWhatTheRegistrarGranted() {
        assertThat(frame(2).text())
                .isEqualTo("registrar accepted 4182618006 at 192.168.9.205:5060 for 3599 s of the 3600 asked (q=0.5)");
    }

    @Test
    void theCallInfoSubscribeExplainsTheBroadWorksPackage() {
        assertThat(frame(5).text()).startsWith("6010_SCA1 subscribes for 3600 s to call-info (BroadWorks shared call "
                + "appearance");
    }

    @Test
    void theSubscribeOkSaysGrantedOfAsked() {
        assertThat(frame(6).text()).isEqualTo("subscription to call-info accepted for 3598 s of the 3600 asked");
    }

    @Test
    void theStaleSubscriptionsNotifyEndsIt() {
        assertThat(frame(7).text()).isEqualTo("call-info report: the subscription ends");
        assertThat(frame(8).text())
                .isEqualTo("call-info report: subscription active (3598 s left); every appearance is idle");
    }

    @Test
    void lineSeizeIsExplained() {
        assertThat(frame(19).text()).startsWith("4505656010 subscribes for 15 s to line-seize (BroadWorks shared");
        assertThat(frame(29).text()).isEqualTo("line-seize report: the subscription ends");
    }

    @Test
    void theInviteCarriesTheOffer() {
        assertThat(frame(27).text()).isEqualTo("4505656010 calls 4182618006; SDP offer: PCMA, PCMU, G729, "
                + "telephone-event to 192.168.9.212:2222");
    }

    @Test
    void trying() {
        assertThat(frame(28).text())
                .isEqualTo("answers the INVITE of frame 27 after 2 ms; the next hop is working on it");
    }

    @Test
    void ringingAndAnswer() {
        assertThat(frame(36).text()).isEqualTo("the callee's phone is ringing (62 ms after the INVITE)");
        assertThat(frame(40).text()).isEqualTo("call answered after 1.1 s; SDP answer: PCMU, telephone-event to "
                + "192.168.9.205:16468");
        assertThat(frame(44).text()).isEqualTo("confirms the answer of frame 40; the dialog is up");
    }

    @Test
    void holdAndResume() {
        assertThat(frame(47).id()).isEqualTo("INVITE.request.hold");
        assertThat(frame(55).id()).isEqualTo("INVITE.200.hold");
        assertThat(frame(61).id()).isEqualTo("INVITE.request.resume");
        assertThat(frame(64).id()).isEqualTo("INVITE.200.reinvite-answer");
    }

    @Test
    void hangUp() {
        assertThat(frame(71).text()).isEqualTo("4182618006 hangs up after 6.3 s of talk");
        assertThat(frame(72).text()).isEqualTo("hang-up confirmed");
    }

    @Test
    void okToRegisterSubscribeNotifyAndByeNeverMentionInviteOrSdp() {
        for (long ok : new long[] {2, 4, 12, 6, 14, 20, 9, 10, 16, 24, 25, 26, 66, 72, 76}) {
            assertThat(frame(ok).text()).as("frame %d", ok)
                    .doesNotContain("INVITE").doesNotContain("SDP").doesNotContain("answer").doesNotContain("call ");
        }
        assertThat(frame(2).id()).startsWith("REGISTER.200");
        assertThat(frame(6).id()).startsWith("SUBSCRIBE.200");
        assertThat(frame(9).id()).startsWith("NOTIFY.200");
        assertThat(frame(66).id()).startsWith("BYE.200");
    }
}
