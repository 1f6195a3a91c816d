package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Transactions, one RFC 3261 §17 rule per test, from SIP text. */
class TransactionMatchingTest {
    private static final Msg INVITE = Msg.request("INVITE");

    private static List<String> ids(MessageContext c) {
        return c.anomalies().stream().map(Anomaly::id).toList();
    }

    @Test
    void responsesJoinTheirRequestByBranchSentByAndCSeqMethod() {
        Trace t = new Trace();
        MessageContext inv = t.send(INVITE);
        MessageContext trying = t.send(INVITE.response(100, "Trying"));
        MessageContext ringing = t.send(INVITE.response(180, "Ringing").toTag("b1"));
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("b1"));
        assertThat(List.of(trying.transaction(), ringing.transaction(), ok.transaction())).containsOnly(inv.transaction());
        assertThat(List.of(inv.role(), trying.role(), ringing.role(), ok.role())).containsExactly(MessageRole.REQUEST,
                MessageRole.PROVISIONAL, MessageRole.PROVISIONAL, MessageRole.FINAL_2XX);
        Transaction tx = t.finish().transactions().get(0);
        assertThat(tx.key()).isEqualTo(new TransactionKey.Branch("z9hG4bK-invite-1", "10.0.0.1:5060", "INVITE"));
        assertThat(tx.statuses()).containsExactly(100, 180, 200);
        assertThat(tx.finalStatus()).isEqualTo(200);
        assertThat(tx.requestFrames()).containsExactly(1L);
        assertThat(t.finish().transactions()).hasSize(1);
    }

    @Test
    void aRetransmittedRequestIsTheSameTransactionAndCountedOnce() {
        Trace t = new Trace();
        t.send(INVITE);
        MessageContext again = t.after(500).send(INVITE);
        assertThat(again.retransmission()).isTrue();
        assertThat(again.retransmissionOf()).isEqualTo(1);
        assertThat(again.transaction()).isZero();
        Transaction tx = t.finish().transactions().get(0);
        assertThat(tx.requestFrames()).containsExactly(1L, 2L);
        assertThat(tx.retransmissions()).isEqualTo(1);
        assertThat(t.finish().transactions()).hasSize(1);
    }

    @Test
    void aRetransmittedResponseHasTheSameStatusAndToTag() {
        Trace t = new Trace();
        Msg reg = Msg.request("REGISTER");
        t.send(reg);
        t.send(reg.response(200, "OK").toTag("r1"));
        MessageContext again = t.send(reg.response(200, "OK").toTag("r1"));
        assertThat(again.retransmissionOf()).isEqualTo(2);
        Transaction tx = t.finish().transactions().get(0);
        assertThat(tx.responses()).hasSize(1);
        assertThat(tx.responses().get(0).frames()).containsExactly(2L, 3L);
    }

    @Test
    void a2xxRetransmittedUntilTheAckArrivesIsRecognised() {
        Trace t = new Trace();
        t.send(INVITE);
        Msg ok = INVITE.response(200, "OK").toTag("b1");
        t.send(ok);
        MessageContext ok2 = t.after(500).send(ok);
        MessageContext ok3 = t.after(1000).send(ok);
        MessageContext ack = t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        MessageContext ack2 = t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        assertThat(ok2.retransmissionOf()).isEqualTo(2);
        assertThat(ok3.retransmissionOf()).isEqualTo(2);
        assertThat(ack.retransmission()).isFalse();
        assertThat(ack2.retransmissionOf()).isEqualTo(ack.frame());
        Correlation c = t.finish();
        assertThat(c.transactions()).hasSize(2);
        assertThat(c.transactions().get(0).responses().get(0).frames()).containsExactly(2L, 3L, 4L);
        assertThat(c.transactions().get(1).requestFrames()).containsExactly(5L, 6L);
    }

    @Test
    void theSameStatusWithAnotherToTagIsAForkNotARetransmission() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        MessageContext fork = t.send(INVITE.response(200, "OK").toTag("b2"));
        assertThat(fork.retransmission()).isFalse();
        assertThat(fork.anomalies()).isEmpty();
        assertThat(t.finish().transactions().get(0).responses()).extracting(Transaction.Response::toTag)
                .containsExactly("b1", "b2");
    }

    @Test
    void theAckForANon2xxJoinsTheInviteTransaction() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(486, "Busy Here").toTag("b1"));
        MessageContext ack = t.send(INVITE.next("ACK", 1, "z9hG4bK-invite-1").toTag("b1"));
        assertThat(ack.role()).isEqualTo(MessageRole.ACK_FOR_NON_2XX);
        assertThat(ack.transaction()).isZero();
        assertThat(ack.key().method()).isEqualTo("INVITE");
        Correlation c = t.finish();
        assertThat(c.transactions()).hasSize(1);
        assertThat(c.transactions().get(0).ackFrames()).containsExactly(3L);
    }

    @Test
    void aRetransmittedFailureBringsARetransmittedAck() {
        Trace t = new Trace();
        t.send(INVITE);
        Msg busy = INVITE.response(486, "Busy Here").toTag("b1");
        Msg ack = INVITE.next("ACK", 1, "z9hG4bK-invite-1").toTag("b1");
        t.send(busy);
        t.send(ack);
        MessageContext busy2 = t.send(busy);
        MessageContext ack2 = t.send(ack);
        assertThat(busy2.retransmissionOf()).isEqualTo(2);
        assertThat(ack2.retransmissionOf()).isEqualTo(3);
        assertThat(ack2.role()).isEqualTo(MessageRole.ACK_FOR_NON_2XX);
        assertThat(t.finish().transactions().get(0).ackFrames()).containsExactly(3L, 5L);
    }

    @Test
    void theAckForA2xxIsItsOwnTransactionLinkedToThe2xx() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        MessageContext ack = t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        assertThat(ack.role()).isEqualTo(MessageRole.ACK_FOR_2XX);
        assertThat(ack.transaction()).isEqualTo(1);
        assertThat(ack.key()).isEqualTo(new TransactionKey.Branch("z9hG4bK-ack-1", "10.0.0.1:5060", "ACK"));
        Correlation c = t.finish();
        assertThat(c.transactions().get(1).acknowledges()).isEqualTo(new Transaction.Link(0, 2));
        assertThat(c.transactions().get(0).ackFrames()).isEmpty();
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void anAckForA2xxThatReusesTheInviteBranchIsFlagged() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        MessageContext ack = t.send(INVITE.next("ACK", 1, "z9hG4bK-invite-1").toTag("b1"));
        assertThat(ack.role()).isEqualTo(MessageRole.ACK_FOR_2XX);
        assertThat(ack.transaction()).isEqualTo(1);
        assertThat(ids(ack)).containsExactly("correlate.ack.branch_reused");
    }

    @Test
    void cancelIsItsOwnTransactionWithTheInvitesBranch() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(180, "Ringing").toTag("b1"));
        Msg cancel = INVITE.next("CANCEL", 1, "z9hG4bK-invite-1");
        MessageContext c1 = t.send(cancel);
        MessageContext okCancel = t.send(cancel.response(200, "OK").toTag("b1"));
        MessageContext terminated = t.send(INVITE.response(487, "Request Terminated").toTag("b1"));
        assertThat(c1.role()).isEqualTo(MessageRole.CANCEL);
        assertThat(c1.transaction()).isEqualTo(1);
        assertThat(c1.key()).isEqualTo(new TransactionKey.Branch("z9hG4bK-invite-1", "10.0.0.1:5060", "CANCEL"));
        assertThat(okCancel.transaction()).isEqualTo(1);
        assertThat(terminated.transaction()).isZero();
        Correlation c = t.finish();
        assertThat(c.transactions().get(1).cancels()).isZero();
        assertThat(c.transactions().get(0).cancelledBy()).isEqualTo(1);
        assertThat(c.transactions().get(0).finalStatus()).isEqualTo(487);
        assertThat(c.transactions().get(1).finalStatus()).isEqualTo(200);
    }

    @Test
    void aSentByWithoutPortIsTheDefaultPort() {
        // sngrep aaa.pcap frame 247: the CANCEL's Via says 192.168.1.2 where the INVITE's said 192.168.1.2:5060
        Trace t = new Trace();
        t.send(INVITE);
        Msg cancel = INVITE.next("CANCEL", 1, "z9hG4bK-invite-1").via("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-invite-1");
        MessageContext c = t.send(cancel);
        assertThat(c.role()).isEqualTo(MessageRole.CANCEL);
        assertThat(c.key()).isEqualTo(new TransactionKey.Branch("z9hG4bK-invite-1", "10.0.0.1:5060", "CANCEL"));
        assertThat(t.finish().transactions().get(0).cancelledBy()).isEqualTo(1);
        MessageContext tls = new Trace().send(INVITE.via("SIP/2.0/TLS 10.0.0.1;branch=z9hG4bK-invite-1"));
        assertThat(tls.key()).isEqualTo(new TransactionKey.Branch("z9hG4bK-invite-1", "10.0.0.1:5061", "INVITE"));
    }

    @Test
    void theSameBranchFromAnotherSentByIsAnotherTransaction() {
        Trace t = new Trace();
        MessageContext a = t.send(INVITE);
        MessageContext b = t.send(INVITE.via("SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-invite-1").callId("other"));
        assertThat(b.transaction()).isNotEqualTo(a.transaction());
        assertThat(b.retransmission()).isFalse();
        assertThat(b.anomalies()).isEmpty();
    }

    @Test
    void withoutTheMagicCookieRfc2543FieldsMatchTheTransaction() {
        Msg old = INVITE.branch("1234");
        Trace t = new Trace();
        MessageContext inv = t.send(old);
        MessageContext again = t.send(old);
        MessageContext ringing = t.send(old.response(180, "Ringing").toTag("b1"));
        MessageContext busy = t.send(old.response(486, "Busy Here").toTag("b1").via(
                "SIP/2.0/UDP 10.0.0.1:5060;branch=1234;received=192.0.2.1"));
        MessageContext ack = t.send(old.next("ACK", 1, "1234").toTag("b1"));
        assertThat(inv.key()).isInstanceOf(TransactionKey.Legacy.class);
        assertThat(again.retransmissionOf()).isEqualTo(1);
        assertThat(ringing.transaction()).isZero();
        assertThat(busy.transaction()).isZero();
        assertThat(ack.role()).isEqualTo(MessageRole.ACK_FOR_NON_2XX);
        assertThat(ack.transaction()).isZero();
        assertThat(t.finish().transactions()).hasSize(1);
    }

    @Test
    void withoutAnyBranchRfc2543FieldsStillMatch() {
        Msg old = Msg.request("OPTIONS").via("SIP/2.0/UDP 10.0.0.1:5060");
        Trace t = new Trace();
        MessageContext o = t.send(old);
        MessageContext ok = t.send(old.response(200, "OK").toTag("b9"));
        assertThat(ok.transaction()).isEqualTo(o.transaction());
        assertThat(((TransactionKey.Legacy) o.key()).via()).isEqualTo("UDP 10.0.0.1:5060");
    }

    @Test
    void anRfc2543RequestWithAnotherRequestUriIsAnotherTransaction() {
        Msg old = INVITE.branch("1234");
        Trace t = new Trace();
        t.send(old);
        MessageContext other = t.send(old.requestUri("sip:carol@c.example"));
        assertThat(other.retransmission()).isFalse();
        assertThat(other.transaction()).isEqualTo(1);
    }

    @Test
    void aRequestRelayedByAProxyIsAnotherTransactionLinkedToTheFirst() {
        Trace t = new Trace();
        MessageContext in = t.send(INVITE, "10.0.0.1:5060", "10.0.0.3:5060");
        Msg relayed = INVITE.addFirst("Via", "SIP/2.0/UDP 10.0.0.3:5060;branch=z9hG4bK-proxy-1");
        MessageContext out = t.send(relayed, "10.0.0.3:5060", "10.0.0.2:5060");
        MessageContext okOut = t.send(relayed.response(200, "OK").toTag("b1"), "10.0.0.2:5060", "10.0.0.3:5060");
        MessageContext okIn = t.send(INVITE.response(200, "OK").toTag("b1"), "10.0.0.3:5060", "10.0.0.1:5060");
        assertThat(out.transaction()).isNotEqualTo(in.transaction());
        assertThat(out.retransmission()).isFalse();
        assertThat(okOut.transaction()).isEqualTo(out.transaction());
        assertThat(okIn.transaction()).isEqualTo(in.transaction());
        Correlation c = t.finish();
        assertThat(c.transactions().get(1).relayOf()).isZero();
        assertThat(c.transactions().get(0).relayOf()).isEqualTo(-1);
        // both legs are the same dialog, seen twice
        assertThat(okOut.dialog()).isEqualTo(okIn.dialog());
    }

    @Test
    void aBranchReusedByAnotherRequestIsFlaggedAndStartsANewTransaction() {
        Trace t = new Trace();
        Msg options = Msg.request("OPTIONS");
        t.send(options);
        MessageContext reused = t.send(options.cseq(2));
        assertThat(reused.retransmission()).isFalse();
        assertThat(reused.transaction()).isEqualTo(1);
        assertThat(ids(reused)).containsExactly("correlate.branch.reused");
    }

    @Test
    void responseTimesAreMeasuredInCaptureTime() {
        Trace t = new Trace();
        t.send(INVITE);
        t.after(19).send(INVITE.response(100, "Trying"));
        t.after(99).send(INVITE.response(180, "Ringing").toTag("b1"));
        t.after(2999).send(INVITE.response(200, "OK").toTag("b1"));
        Transaction tx = t.finish().transactions().get(0);
        assertThat(tx.toFirstProvisional()).isEqualTo(Duration.ofMillis(20));
        assertThat(tx.toFinal()).isEqualTo(Duration.ofMillis(20 + 100 + 3000));
        assertThat(tx.responses().get(1).time()).isEqualTo(tx.started().plusMillis(120));
    }

    @Test
    void aResponseWhoseRequestWasNotCapturedMakesATransactionWithoutRequest() {
        Trace t = new Trace();
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("b1"));
        assertThat(ok.correlated()).isTrue();
        Transaction tx = t.finish().transactions().get(0);
        assertThat(tx.requestSeen()).isFalse();
        assertThat(tx.toFinal()).isNull();
        assertThat(tx.method()).isEqualTo("INVITE");
        assertThat(tx.client()).isEqualTo("10.0.0.1:5060");
    }

    @Test
    void aRequestSeenAfterItsResponseStillJoinsIt() {
        Trace t = new Trace();
        t.send(Msg.request("OPTIONS").response(200, "OK").toTag("b1"));
        MessageContext late = t.send(Msg.request("OPTIONS"));
        assertThat(late.transaction()).isZero();
        assertThat(late.retransmission()).isFalse();
        assertThat(t.finish().transactions().get(0).requestSeen()).isTrue();
    }

    @Test
    void aProvisionalAfterTheFinalIsNotedAsLate() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        MessageContext late = t.send(INVITE.response(180, "Ringing").toTag("b1"));
        assertThat(ids(late)).containsExactly("correlate.response.late_provisional");
        assertThat(late.anomalies().get(0).severity()).isEqualTo(io.sipvista.anomaly.Severity.INFO);
    }

    @Test
    void anotherFinalAfterTheFinalIsFlagged() {
        Trace t = new Trace();
        Msg bye = Msg.request("BYE").toTag("b1");
        t.send(bye);
        t.send(bye.response(200, "OK"));
        MessageContext second = t.send(bye.response(481, "Call/Transaction Does Not Exist"));
        assertThat(ids(second)).containsExactly("correlate.response.after_final");
        assertThat(t.finish().transactions().get(0).finalStatus()).isEqualTo(200);
    }

    @Test
    void aCleanTransactionHasNoAnomaly() {
        Trace t = new Trace();
        Msg options = Msg.request("OPTIONS");
        t.send(options);
        t.send(options.response(200, "OK").toTag("b1"));
        assertThat(t.finish().anomalies()).isEmpty();
        assertThat(t.contexts).allSatisfy(c -> assertThat(c.anomalies()).isEmpty());
    }

    /**
     * A fork sending many provisional responses with different To tags (more than are looked through one by one):
     * each retransmission, early or late, is matched to the first copy of its own status and tag, a 183 with a
     * tag already seen in a 180 is a response of its own, and the first 2xx ends every other early dialog (the
     * 2xx of an earlier tag is the one that does, whatever came after).
     */
    @Test
    void retransmissionsAmongManyForkedResponsesFindTheirFirstCopy() {
        Trace t = new Trace();
        t.send(INVITE);
        int forks = 3 * TransactionBuilder.SCAN_RESPONSES;
        java.util.Map<String, Long> firstCopy = new java.util.HashMap<>();
        for (int i = 0; i < forks; i++) {
            MessageContext c = t.send(INVITE.response(180, "Ringing").toTag("f" + i));
            assertThat(c.retransmission()).isFalse();
            firstCopy.put("180 f" + i, c.frame());
            if (i % 5 == 4) { // an early one repeated late, after the index took over
                MessageContext again = t.send(INVITE.response(180, "Ringing").toTag("f" + (i / 5)));
                assertThat(again.retransmissionOf()).as("180 of f%d", i / 5).isEqualTo(firstCopy.get("180 f" + (i / 5)));
            }
        }
        MessageContext progress = t.send(INVITE.response(183, "Session Progress").toTag("f3"));
        assertThat(progress.retransmission()).as("another status of a known tag").isFalse();
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("f7"));
        MessageContext okAgain = t.send(INVITE.response(200, "OK").toTag("f7"));
        assertThat(okAgain.retransmissionOf()).isEqualTo(ok.frame());
        t.send(INVITE.response(200, "OK").toTag("f9")); // a second fork answered too
        Correlation c = t.finish();
        Transaction tx = c.transactions().get(0);
        assertThat(tx.responses()).hasSize(forks + 1 + 2);
        assertThat(tx.responses().get(2).frames()).hasSize(2);
        assertThat(c.dialogs()).hasSize(forks);
        for (Dialog d : c.dialogs()) {
            String tag = d.id().remoteTag();
            if (tag.equals("f7") || tag.equals("f9")) {
                assertThat(d.state()).as(tag).isEqualTo(DialogState.CONFIRMED);
            } else {
                assertThat(d.termination()).as(tag).isEqualTo(Termination.OTHER_FORK_ANSWERED);
                assertThat(d.terminatedFrame()).as(tag).isEqualTo(ok.frame());
            }
        }
    }
}
