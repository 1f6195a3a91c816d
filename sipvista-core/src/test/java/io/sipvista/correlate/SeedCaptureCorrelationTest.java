package io.sipvista.correlate;

import io.sipvista.sip.SipParser;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed capture ({@code examples/sip-register-and-call.pcap}) correlated: three phones register, two subscribe
 * to call-info, one seizes the line and calls through BroadWorks (a B2BUA: two legs, two Call-IDs), holds, the
 * call is retrieved on the other appearance and hung up. A clean capture: no anomaly.
 */
class SeedCaptureCorrelationTest {
    private static final String DOMAIN = "virtsanity.mtl.broadsoft.com";
    private static final String LEG_A = "6e656a5f-be5dcbdd-8e03cee@192.168.9.212";
    private static final String LEG_B = "BW090003232170610-93092071@192.168.13.180";
    private static final String LEG_C = "86678647-ad658fe5-e60b77bc@192.168.9.121";

    private static final List<MessageContext> CONTEXTS = new ArrayList<>();
    private static Correlation model;

    /** Ethernet (14) + IPv4 without options (20) + UDP (8): the SIP text starts at byte 42. */
    @BeforeAll
    static void correlate() {
        Correlator c = new Correlator();
        for (SeedCapture.Frame f : SeedCapture.frames()) {
            byte[] d = f.data();
            boolean ipv4 = (d[12] & 0xff) == 0x08 && d[13] == 0x00;
            if (!ipv4 || d[23] != 17 || port(d, 34) != 5060 || port(d, 36) != 5060) {
                continue;
            }
            String src = ip(d, 26) + ":" + port(d, 34);
            String dst = ip(d, 30) + ":" + port(d, 36);
            SipEvent e = new SipEvent(f.number(), f.epochSeconds(), f.micros() * 1000, src, dst, "udp",
                    SipParser.parse(d, 42, d.length - 42));
            CONTEXTS.add(c.accept(e));
        }
        model = c.finish();
    }

    private static int port(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static String ip(byte[] d, int at) {
        return (d[at] & 0xff) + "." + (d[at + 1] & 0xff) + "." + (d[at + 2] & 0xff) + "." + (d[at + 3] & 0xff);
    }

    private static MessageContext frame(long n) {
        return CONTEXTS.stream().filter(c -> c.frame() == n).findFirst().orElseThrow();
    }

    private static Transaction transactionOf(long frame) {
        return model.transactions().get(frame(frame).transaction());
    }

    private static Dialog dialog(String callId) {
        return model.dialogs().stream().filter(d -> d.id().callId().equals(callId)).findFirst().orElseThrow();
    }

    @Test
    void everySipFrameIsPlacedAndNothingIsWrong() {
        assertThat(CONTEXTS).hasSize(72); // 78 frames less 2 ARP and 4 RTP
        assertThat(CONTEXTS).allSatisfy(c -> {
            assertThat(c.correlated()).isTrue();
            assertThat(c.retransmission()).isFalse();
            assertThat(c.anomalies()).isEmpty();
        });
        assertThat(model.anomalies()).isEmpty();
        assertThat(model.uncorrelated()).isEmpty();
    }

    @Test
    void threePhonesRegisterAndGet3599Of3600Seconds() {
        assertThat(model.registrations()).extracting(Registration::aor).containsExactly(
                "sip:4182618006@" + DOMAIN, "sip:6010_SCA1@" + DOMAIN, "sip:4505656010@" + DOMAIN);
        assertThat(model.registrations()).allSatisfy(r -> {
            assertThat(r.attempts()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.purpose()).isEqualTo(Registration.Purpose.REGISTER);
                assertThat(a.contacts()).singleElement().satisfies(ce -> {
                    assertThat(ce.requested()).isEqualTo(3600);
                    assertThat(ce.granted()).isEqualTo(3599);
                });
            });
            assertThat(r.bindings()).singleElement().satisfies(b -> assertThat(b.expires()).isEqualTo(3599));
        });
        assertThat(model.registrations().get(0).attempts().get(0).requestFrame()).isEqualTo(1);
        assertThat(model.registrations().get(0).attempts().get(0).responseFrame()).isEqualTo(2);
    }

    @Test
    void callInfoAndLineSeizeSubscriptionsAreFollowed() {
        assertThat(model.subscriptions()).extracting(Subscription::event)
                .containsExactly("call-info", "call-info", "call-info", "line-seize");
        assertThat(model.subscriptions()).extracting(Subscription::firstFrame).containsExactly(5L, 7L, 13L, 19L);

        Subscription sca = model.subscriptions().get(0);
        assertThat(sca.requestedExpires()).isEqualTo(3600);
        assertThat(sca.grantedExpires()).isEqualTo(3598);
        assertThat(sca.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(sca.notifies()).extracting(Subscription.Notify::frame).containsExactly(8L, 21L, 32L, 51L, 63L, 75L);
        assertThat(sca.notifies()).allSatisfy(n -> assertThat(n.status()).isEqualTo(200));

        Subscription stale = model.subscriptions().get(1);
        assertThat(stale.subscribeTransaction()).isEqualTo(-1);
        assertThat(stale.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(stale.terminatedFrame()).isEqualTo(7);

        Subscription seize = model.subscriptions().get(3);
        assertThat(seize.requestedExpires()).isEqualTo(15);
        assertThat(seize.grantedExpires()).isEqualTo(15);
        assertThat(seize.notifies()).extracting(Subscription.Notify::frame).containsExactly(22L, 29L);
    }

    @Test
    void theLineSeizeSubscriptionEndsWhenTheCallIsPlaced() {
        Subscription seize = model.subscriptions().get(3);
        assertThat(seize.notifies()).extracting(Subscription.Notify::state).containsExactly("active", "terminated");
        assertThat(seize.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(seize.terminatedFrame()).isEqualTo(29);
        assertThat(model.dialog(seize.dialog()).termination()).isEqualTo(Termination.SUBSCRIPTION_ENDED);
    }

    @Test
    void bothInviteLegsGet100Then180Then200() {
        Transaction legA = transactionOf(27);
        Transaction legB = transactionOf(30);
        assertThat(legA.callId()).isEqualTo(LEG_A);
        assertThat(legB.callId()).isEqualTo(LEG_B);
        assertThat(legA.statuses()).containsExactly(100, 180, 200);
        assertThat(legB.statuses()).containsExactly(100, 180, 200);
        assertThat(legA.frames()).containsExactly(27L, 28L, 36L, 40L);
        assertThat(legB.frames()).containsExactly(30L, 33L, 35L, 39L);
        assertThat(legA.client()).isEqualTo("192.168.9.212:5060");
        assertThat(legB.client()).isEqualTo("192.168.13.180:5060");
        assertThat(legB.relayOf()).isEqualTo(-1); // a B2BUA starts a new request, it does not relay
        assertThat(legA.toFinal()).isPositive();
    }

    @Test
    void theAckForEach2xxIsItsOwnTransaction() {
        for (long[] ackOk : new long[][] {{44, 40}, {45, 39}, {56, 55}, {57, 54}, {69, 65}, {70, 64}}) {
            MessageContext ack = frame(ackOk[0]);
            assertThat(ack.role()).as("frame %d", ackOk[0]).isEqualTo(MessageRole.ACK_FOR_2XX);
            Transaction t = model.transactions().get(ack.transaction());
            assertThat(t.method()).isEqualTo("ACK");
            assertThat(t.acknowledges().frame()).as("frame %d", ackOk[0]).isEqualTo(ackOk[1]);
            assertThat(frame(ackOk[1]).transaction()).isEqualTo(t.acknowledges().transaction());
        }
    }

    @Test
    void eachLegIsADialogEndedByBye() {
        Dialog a = dialog(LEG_A);
        Dialog b = dialog(LEG_B);
        Dialog c = dialog(LEG_C);
        assertThat(a.earlyFrame()).isEqualTo(36);
        assertThat(a.confirmedFrame()).isEqualTo(40);
        assertThat(b.earlyFrame()).isEqualTo(35);
        assertThat(b.confirmedFrame()).isEqualTo(39);
        assertThat(c.earlyFrame()).isZero();
        assertThat(c.confirmedFrame()).isEqualTo(65);
        assertThat(List.of(a, b, c)).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(DialogState.TERMINATED);
            assertThat(d.termination()).isEqualTo(Termination.BYE);
            assertThat(d.initialRequestSeen()).isTrue();
        });
        assertThat(a.terminatedFrame()).isEqualTo(66);
        assertThat(b.terminatedFrame()).isEqualTo(72);
        assertThat(c.terminatedFrame()).isEqualTo(76);
        assertThat(frame(71).dialog()).isEqualTo(b.id());
        assertThat(frame(60).dialog()).isEqualTo(a.id());
        assertThat(model.dialogs()).hasSize(7); // three legs, four subscription dialogs
    }

    @Test
    void holdIsSeenInTheReInviteOfBothLegs() {
        Dialog a = dialog(LEG_A);
        Dialog b = dialog(LEG_B);
        assertThat(a.offerAnswer()).extracting(SdpExchange::offerFrame).containsExactly(27L, 47L);
        assertThat(a.offerAnswer()).extracting(SdpExchange::answerFrame).containsExactly(40L, 55L);
        assertThat(b.offerAnswer()).extracting(SdpExchange::offerFrame).containsExactly(30L, 49L, 61L);
        assertThat(b.offerAnswer()).extracting(SdpExchange::answerFrame).containsExactly(39L, 54L, 64L);
        assertThat(b.offerAnswer()).extracting(SdpExchange::offerHolds).containsExactly(false, true, false);
        assertThat(b.offerAnswer().get(1).offerIn()).isEqualTo(SdpCarrier.REINVITE);
        assertThat(a.offerAnswer().get(1).offerHolds()).isTrue();
        assertThat(a.heldAtEnd()).isTrue();
        assertThat(b.heldAtEnd()).isFalse();
    }

    @Test
    void theSameMessagesGiveTheSameModel() {
        Correlator again = new Correlator();
        List<SeedCapture.Frame> frames = SeedCapture.frames();
        int i = 0;
        for (MessageContext c : CONTEXTS) {
            SeedCapture.Frame f = frames.get((int) c.frame() - 1);
            byte[] d = f.data();
            MessageContext c2 = again.accept(new SipEvent(f.number(), f.epochSeconds(), f.micros() * 1000,
                    ip(d, 26) + ":5060", ip(d, 30) + ":5060", "udp", SipParser.parse(d, 42, d.length - 42)));
            assertThat(c2).isEqualTo(c);
            i++;
        }
        assertThat(i).isEqualTo(72);
        assertThat(again.finish()).isEqualTo(model);
    }
}
