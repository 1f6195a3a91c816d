package io.sipvista.correlate;

import io.sipvista.sip.SipParser;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed capture as calls: 4505656010 (Polycom .212) calls 4182618006 (Linksys .205) through BroadWorks, a B2BUA
 * that places its own leg (From 66010) carrying the Polycom's SDP; no correlation header. The call is put on hold
 * and retrieved on the shared appearance by the .121 Polycom, whose INVITE goes to BroadWorks under a third
 * Call-ID; BroadWorks re-INVITEs the Linksys with the .121's media address, so that leg is the same call
 * continued (tie {@link CallLeg.Tie#MEDIA}), not a call of its own. The Linksys hangs up.
 */
class SeedCaptureCallTest {
    private static final String LEG_A = "6e656a5f-be5dcbdd-8e03cee@192.168.9.212";
    private static final String LEG_B = "BW090003232170610-93092071@192.168.13.180";
    private static final String LEG_C = "86678647-ad658fe5-e60b77bc@192.168.9.121";

    private static final List<SipEvent> EVENTS = new ArrayList<>();
    private static List<Call> calls;

    /** Ethernet (14) + IPv4 without options (20) + UDP (8): the SIP text starts at byte 42. */
    @BeforeAll
    static void assemble() {
        Correlator c = new Correlator();
        for (SeedCapture.Frame f : SeedCapture.frames()) {
            byte[] d = f.data();
            boolean ipv4 = (d[12] & 0xff) == 0x08 && d[13] == 0x00;
            if (!ipv4 || d[23] != 17 || port(d, 34) != 5060 || port(d, 36) != 5060) {
                continue;
            }
            SipEvent e = new SipEvent(f.number(), f.epochSeconds(), f.micros() * 1000,
                    ip(d, 26) + ":" + port(d, 34), ip(d, 30) + ":" + port(d, 36), "udp",
                    SipParser.parse(d, 42, d.length - 42));
            EVENTS.add(e);
            c.accept(e);
        }
        calls = CallAssembler.assemble(c.finish(), EVENTS);
    }

    private static int port(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static String ip(byte[] d, int at) {
        return (d[at] & 0xff) + "." + (d[at + 1] & 0xff) + "." + (d[at + 2] & 0xff) + "." + (d[at + 3] & 0xff);
    }

    private static Instant time(long frame) {
        return EVENTS.stream().filter(e -> e.frame() == frame).findFirst().orElseThrow().time();
    }

    private static Call call() {
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    @Test
    void allThreeInviteLegsAreOneCall() {
        Call call = call();
        assertThat(call.id()).isEqualTo("call-1");
        assertThat(call.callIds()).containsExactly(LEG_A, LEG_B, LEG_C);
        assertThat(call.legs()).extracting(CallLeg::tie)
                .containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.MATCH, CallLeg.Tie.MEDIA);
        assertThat(call.legs()).extracting(CallLeg::src)
                .containsExactly("192.168.9.212:5060", "192.168.13.180:5060", "192.168.9.121:5060");
        assertThat(call.legs()).extracting(CallLeg::dst)
                .containsExactly("192.168.13.180:5060", "192.168.9.205:5060", "192.168.13.180:5060");
        assertThat(call.legs()).extracting(CallLeg::firstFrame).containsExactly(27L, 30L, 58L);
        assertThat(call.legs()).extracting(CallLeg::outcome).containsOnly(CallOutcome.ANSWERED);
        assertThat(call.legs()).extracting(CallLeg::end).containsExactly(time(60), time(71), time(73));
    }

    @Test
    void thePolycomCallsTheLinksys() {
        Call call = call();
        assertThat(call.caller().user()).isEqualTo("4505656010");
        assertThat(call.callee().user()).isEqualTo("4182618006");
        assertThat(call.legs().get(1).from().user()).isEqualTo("66010");
    }

    @Test
    void itWasAnsweredInPcmuAndTheLinksysHungUp() {
        Call call = call();
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.finalStatus()).isEqualTo(200);
        assertThat(call.codec()).isEqualTo("PCMU/8000");
        assertThat(call.codecs()).containsExactly("PCMU/8000", "telephone-event/8000");
        assertThat(call.hungUpBy()).isEqualTo(
                new Call.HangUp(Call.Side.CALLEE, "192.168.9.205:5060", LEG_B, 71));
    }

    @Test
    void itsTimelineIsInCaptureTime() {
        Call call = call();
        assertThat(call.start()).isEqualTo(time(27));
        assertThat(call.ring()).isEqualTo(time(35)); // the Linksys's 180, relayed to the Polycom at 36
        assertThat(call.answer()).isEqualTo(time(40));
        assertThat(call.end()).isEqualTo(time(71));
        assertThat(call.postDialDelay()).isEqualTo(Duration.between(time(27), time(35)));
        assertThat(call.talkTime()).isEqualTo(Duration.between(time(40), time(71)));
        assertThat(call.talkTime()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Test
    void itsFramesAreTheSignallingOfItsThreeLegs() {
        List<Long> frames = call().frames();
        assertThat(frames).contains(27L, 28L, 30L, 33L, 35L, 36L, 39L, 40L, 44L, 45L, 47L, 49L, 58L, 60L, 61L, 71L,
                72L, 73L, 76L);
        assertThat(frames).doesNotContain(1L, 5L, 19L, 29L, 31L, 41L, 42L, 50L, 74L, 78L); // registration, NOTIFY, RTP
        assertThat(frames).isSorted();
    }
}
