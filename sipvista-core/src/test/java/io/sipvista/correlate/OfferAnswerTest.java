package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Offer/answer per dialog, one RFC 3264 / RFC 6337 placement rule per test, from SIP text. */
class OfferAnswerTest {
    private static final Msg INVITE = Msg.request("INVITE");
    private static final String OFFER = Msg.audio("10.0.0.1", 4000, "sendrecv");
    private static final String ANSWER = Msg.audio("10.0.0.2", 5000, "sendrecv");

    private static SdpExchange only(Correlation c) {
        assertThat(c.dialogs()).hasSize(1);
        assertThat(c.dialogs().get(0).offerAnswer()).hasSize(1);
        return c.dialogs().get(0).offerAnswer().get(0);
    }

    private static int port(io.sipvista.sip.sdp.Sdp sdp) {
        return sdp.media().get(0).port();
    }

    @Test
    void offerInTheInviteAnswerInThe2xx() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(180, "Ringing").toTag("b1"));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        SdpExchange x = only(t.finish());
        assertThat(x.offerIn()).isEqualTo(SdpCarrier.INVITE);
        assertThat(x.offerFrame()).isEqualTo(1);
        assertThat(port(x.offer())).isEqualTo(4000);
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.INVITE_2XX);
        assertThat(x.answerFrame()).isEqualTo(3);
        assertThat(port(x.answer())).isEqualTo(5000);
        assertThat(x.transaction()).isZero();
        assertThat(x.rejected()).isFalse();
        assertThat(t.finish().anomalies()).isEmpty();
    }

    @Test
    void delayedOfferInThe2xxAnswerInTheAck() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1").sdp(OFFER));
        SdpExchange x = only(t.finish());
        assertThat(x.offerIn()).isEqualTo(SdpCarrier.INVITE_2XX);
        assertThat(port(x.offer())).isEqualTo(5000);
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.ACK);
        assertThat(x.answerFrame()).isEqualTo(3);
        assertThat(t.finish().anomalies()).isEmpty();
    }

    @Test
    void aReliableProvisionalCarriesTheAnswerAndThe2xxDoesNotRenegotiate() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        Msg p = INVITE.response(183, "Session Progress").toTag("b1").set("Require", "100rel").set("RSeq", "1");
        t.send(p.sdp(ANSWER));
        Msg prack = INVITE.next("PRACK", 2, "z9hG4bK-prack-2").toTag("b1").set("RAck", "1 1 INVITE");
        t.send(prack);
        t.send(prack.response(200, "OK"));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        SdpExchange x = only(t.finish());
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.RELIABLE_PROVISIONAL);
        assertThat(x.answerFrame()).isEqualTo(2);
    }

    @Test
    void delayedOfferInAReliableProvisionalAnswerInThePrack() {
        Trace t = new Trace();
        t.send(INVITE);
        Msg p = INVITE.response(183, "Session Progress").toTag("b1").set("Require", "100rel").set("RSeq", "1");
        t.send(p.sdp(ANSWER));
        Msg prack = INVITE.next("PRACK", 2, "z9hG4bK-prack-2").toTag("b1").set("RAck", "1 1 INVITE");
        t.send(prack.sdp(OFFER));
        t.send(prack.response(200, "OK"));
        SdpExchange x = only(t.finish());
        assertThat(x.offerIn()).isEqualTo(SdpCarrier.RELIABLE_PROVISIONAL);
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.PRACK);
        assertThat(x.answerFrame()).isEqualTo(3);
    }

    @Test
    void aPrackMayCarryANewOfferAnsweredInIts2xx() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        Msg p = INVITE.response(183, "Session Progress").toTag("b1").set("Require", "100rel").set("RSeq", "1");
        t.send(p.sdp(ANSWER));
        Msg prack = INVITE.next("PRACK", 2, "z9hG4bK-prack-2").toTag("b1").set("RAck", "1 1 INVITE");
        t.send(prack.sdp(Msg.audio("10.0.0.1", 4002, "sendrecv")));
        t.send(prack.response(200, "OK").sdp(Msg.audio("10.0.0.2", 5002, "sendrecv")));
        List<SdpExchange> xs = t.finish().dialogs().get(0).offerAnswer();
        assertThat(xs).hasSize(2);
        assertThat(xs.get(1).offerIn()).isEqualTo(SdpCarrier.PRACK);
        assertThat(xs.get(1).answerIn()).isEqualTo(SdpCarrier.PRACK_2XX);
        assertThat(port(xs.get(1).answer())).isEqualTo(5002);
    }

    @Test
    void anUpdateOfferIsAnsweredInIts2xx() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        Msg update = INVITE.next("UPDATE", 2, "z9hG4bK-update-2").toTag("b1");
        t.send(update.sdp(Msg.audio("10.0.0.1", 4010, "sendrecv")));
        t.send(update.response(200, "OK").sdp(Msg.audio("10.0.0.2", 5010, "sendrecv")));
        List<SdpExchange> xs = t.finish().dialogs().get(0).offerAnswer();
        assertThat(xs).extracting(SdpExchange::offerIn).containsExactly(SdpCarrier.INVITE, SdpCarrier.UPDATE);
        assertThat(xs.get(1).answerIn()).isEqualTo(SdpCarrier.UPDATE_2XX);
        assertThat(xs.get(1).answerFrame()).isEqualTo(5);
    }

    @Test
    void aSendonlyReInviteIsHoldAndASendrecvOneResumes() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        Msg hold = INVITE.next("INVITE", 2, "z9hG4bK-reinvite-2").toTag("b1");
        t.send(hold.sdp(Msg.audio("10.0.0.1", 4000, "sendonly")));
        t.send(hold.response(200, "OK").sdp(Msg.audio("10.0.0.2", 5000, "recvonly")));
        t.send(INVITE.next("ACK", 2, "z9hG4bK-ack-2").toTag("b1"));
        Correlation held = t.finish();
        List<SdpExchange> xs = held.dialogs().get(0).offerAnswer();
        assertThat(xs).hasSize(2);
        assertThat(xs.get(1).offerIn()).isEqualTo(SdpCarrier.REINVITE);
        assertThat(xs.get(1).offerHolds()).isTrue();
        assertThat(xs.get(1).answerHolds()).isFalse();
        assertThat(xs.get(0).offerHolds()).isFalse();
        assertThat(held.dialogs().get(0).heldAtEnd()).isTrue();

        Trace resumed = new Trace();
        resumed.send(INVITE.sdp(OFFER));
        resumed.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        resumed.send(hold.sdp(Msg.audio("10.0.0.1", 4000, "inactive")));
        resumed.send(hold.response(200, "OK").sdp(Msg.audio("10.0.0.2", 5000, "inactive")));
        Msg resume = INVITE.next("INVITE", 3, "z9hG4bK-reinvite-3").toTag("b1");
        resumed.send(resume.sdp(OFFER));
        resumed.send(resume.response(200, "OK").sdp(ANSWER));
        Dialog d = resumed.finish().dialogs().get(0);
        assertThat(d.offerAnswer()).extracting(SdpExchange::offerHolds).containsExactly(false, true, false);
        assertThat(d.heldAtEnd()).isFalse();
    }

    @Test
    void theZeroAddressIsHoldTheRfc2543Way() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        Msg hold = INVITE.next("INVITE", 2, "z9hG4bK-reinvite-2").toTag("b1");
        t.send(hold.sdp(Msg.audio("0.0.0.0", 4000, "sendrecv")));
        t.send(hold.response(200, "OK").sdp(ANSWER));
        assertThat(t.finish().dialogs().get(0).offerAnswer().get(1).offerHolds()).isTrue();
    }

    @Test
    void sdpInAnUnreliableProvisionalPreviewsTheAnswer() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(183, "Session Progress").toTag("b1").sdp(ANSWER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        SdpExchange x = only(t.finish());
        assertThat(x.previewFrame()).isEqualTo(2);
        assertThat(x.preview()).isNotNull();
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.INVITE_2XX);
        assertThat(x.answerFrame()).isEqualTo(3);
    }

    @Test
    void aFailedReInviteRejectsItsOffer() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        Msg re = INVITE.next("INVITE", 2, "z9hG4bK-reinvite-2").toTag("b1");
        t.send(re.sdp(Msg.audio("10.0.0.1", 4000, "sendonly")));
        t.send(re.response(488, "Not Acceptable Here"));
        Dialog d = t.finish().dialogs().get(0);
        assertThat(d.offerAnswer().get(1).rejected()).isTrue();
        assertThat(d.offerAnswer().get(1).answered()).isFalse();
        assertThat(d.heldAtEnd()).isFalse();
    }

    @Test
    void sdpInAnAckWhenThe2xxMadeNoOfferIsUnexpected() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        MessageContext ack = t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1").sdp(OFFER));
        assertThat(ack.anomalies()).extracting(Anomaly::id).containsExactly("correlate.sdp.unexpected");
    }

    @Test
    void sdpInThe2xxToAnUpdateWithoutOfferIsUnexpected() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        Msg update = INVITE.next("UPDATE", 2, "z9hG4bK-update-2").toTag("b1");
        t.send(update);
        MessageContext ok = t.send(update.response(200, "OK").sdp(ANSWER));
        assertThat(ok.anomalies()).extracting(Anomaly::id).containsExactly("correlate.sdp.unexpected");
    }

    @Test
    void eachForkedDialogAnswersTheInvitesOfferOnItsOwn() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(183, "Session Progress").toTag("b1").set("RSeq", "1").set("Require", "100rel")
                .sdp(ANSWER));
        t.send(INVITE.response(183, "Session Progress").toTag("b2").set("RSeq", "1").set("Require", "100rel")
                .sdp(Msg.audio("10.0.0.7", 7000, "sendrecv")));
        List<Dialog> ds = t.finish().dialogs();
        assertThat(ds).hasSize(2);
        assertThat(ds).allSatisfy(d -> assertThat(d.offerAnswer()).singleElement()
                .satisfies(x -> assertThat(x.offerFrame()).isEqualTo(1)));
        assertThat(port(ds.get(0).offerAnswer().get(0).answer())).isEqualTo(5000);
        assertThat(port(ds.get(1).offerAnswer().get(0).answer())).isEqualTo(7000);
    }

    @Test
    void anAnswerWhoseOfferWasNotCapturedIsKeptWithoutOffer() {
        Trace t = new Trace();
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(ANSWER));
        SdpExchange x = only(t.finish());
        assertThat(x.offer()).isNull();
        assertThat(x.offerIn()).isNull();
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.INVITE_2XX);
    }

    @Test
    void aProxySeenOnBothSidesRelaysOneExchangeNotTwo() {
        // alice -> proxy (10.0.0.3) -> bob, delayed offer, every message seen on both hops
        Trace t = new Trace();
        Msg up = INVITE;
        Msg down = INVITE.addFirst("Via", "SIP/2.0/UDP 10.0.0.3:5060;branch=z9hG4bK-px-1");
        t.send(up, "10.0.0.1:5060", "10.0.0.3:5060");
        t.send(down, "10.0.0.3:5060", "10.0.0.2:5060");
        t.send(down.response(200, "OK").toTag("b1").sdp(ANSWER), "10.0.0.2:5060", "10.0.0.3:5060");
        t.send(up.response(200, "OK").toTag("b1").sdp(ANSWER), "10.0.0.3:5060", "10.0.0.1:5060");
        Msg ackUp = INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1").sdp(OFFER);
        MessageContext a1 = t.send(ackUp, "10.0.0.1:5060", "10.0.0.3:5060");
        MessageContext a2 = t.send(ackUp.addFirst("Via", "SIP/2.0/UDP 10.0.0.3:5060;branch=z9hG4bK-px-ack"),
                "10.0.0.3:5060", "10.0.0.2:5060");
        Correlation c = t.finish();
        assertThat(c.anomalies()).isEmpty();
        SdpExchange x = only(c);
        assertThat(x.transaction()).isZero();
        assertThat(x.offerIn()).isEqualTo(SdpCarrier.INVITE_2XX);
        assertThat(x.offerFrame()).isEqualTo(3);
        assertThat(x.answerIn()).isEqualTo(SdpCarrier.ACK);
        assertThat(x.answerFrame()).isEqualTo(5);
        // each ACK acknowledges the 2xx of its own hop
        assertThat(c.transactions().get(a1.transaction()).acknowledges()).isEqualTo(new Transaction.Link(0, 4));
        assertThat(c.transactions().get(a2.transaction()).acknowledges()).isEqualTo(new Transaction.Link(1, 3));
        assertThat(c.transactions().get(a2.transaction()).relayOf()).isEqualTo(a1.transaction());
        assertThat(c.dialogs().get(0).initialTransaction()).isZero();
    }

    @Test
    void aSendonlyAnswerToARecvonlyOfferIsOneWayMediaNotHold() {
        Trace t = new Trace();
        t.send(INVITE.sdp(Msg.audio("10.0.0.1", 4000, "recvonly")));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(Msg.audio("10.0.0.2", 5000, "sendonly")));
        SdpExchange x = only(t.finish());
        assertThat(x.offerHolds()).isFalse();
        assertThat(x.answerHolds()).isFalse();
        assertThat(t.finish().dialogs().get(0).heldAtEnd()).isFalse();
    }

    @Test
    void anInactiveAnswerToASendrecvOfferIsTheAnswerersHold() {
        Trace t = new Trace();
        t.send(INVITE.sdp(OFFER));
        t.send(INVITE.response(200, "OK").toTag("b1").sdp(Msg.audio("10.0.0.2", 5000, "inactive")));
        SdpExchange x = only(t.finish());
        assertThat(x.offerHolds()).isFalse();
        assertThat(x.answerHolds()).isTrue();
        assertThat(t.finish().dialogs().get(0).heldAtEnd()).isTrue();
    }
}
