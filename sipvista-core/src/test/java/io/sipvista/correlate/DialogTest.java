package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dialogs, one RFC 3261 §12 (and RFC 3262) rule per test, from SIP text. */
class DialogTest {
    private static final Msg INVITE = Msg.request("INVITE");
    private static final DialogId A1_B1 = new DialogId("call-1@a.example", "a1", "b1");

    @Test
    void aTaggedProvisionalMakesAnEarlyDialogAndA2xxConfirmsIt() {
        Trace t = new Trace();
        MessageContext inv = t.send(INVITE);
        MessageContext trying = t.send(INVITE.response(100, "Trying"));
        MessageContext ringing = t.send(INVITE.response(180, "Ringing").toTag("b1"));
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("b1"));
        assertThat(inv.dialog()).isNull();
        assertThat(trying.dialog()).isNull();
        assertThat(ringing.dialog()).isEqualTo(A1_B1);
        assertThat(ringing.dialogState()).isEqualTo(DialogState.EARLY);
        assertThat(ok.dialog()).isEqualTo(A1_B1);
        assertThat(ok.dialogState()).isEqualTo(DialogState.CONFIRMED);
        Dialog d = t.finish().dialogs().get(0);
        assertThat(d.method()).isEqualTo("INVITE");
        assertThat(d.initialRequestSeen()).isTrue();
        assertThat(d.firstFrame()).isEqualTo(1);
        assertThat(d.earlyFrame()).isEqualTo(3);
        assertThat(d.confirmedFrame()).isEqualTo(4);
        assertThat(d.localUri()).isEqualTo("sip:alice@a.example");
        assertThat(d.remoteUri()).isEqualTo("sip:bob@b.example");
        assertThat(t.finish().dialogs()).hasSize(1);
    }

    @Test
    void a2xxWithoutProvisionalMakesAConfirmedDialog() {
        Trace t = new Trace();
        t.send(INVITE);
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("b1"));
        assertThat(ok.dialogState()).isEqualTo(DialogState.CONFIRMED);
        assertThat(t.finish().dialogs().get(0).earlyFrame()).isZero();
    }

    @Test
    void messagesInBothDirectionsMapToOneDialog() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        Msg bye = INVITE.next("BYE", 7, "z9hG4bK-bob-bye").toTag("b1").reversed()
                .via("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-bob-bye");
        MessageContext byeCtx = t.send(bye, "10.0.0.2:5060", "10.0.0.1:5060");
        MessageContext okBye = t.send(bye.response(200, "OK"), "10.0.0.1:5060", "10.0.0.2:5060");
        assertThat(byeCtx.dialog()).isEqualTo(A1_B1);
        assertThat(byeCtx.role()).isEqualTo(MessageRole.IN_DIALOG_REQUEST);
        assertThat(okBye.dialog()).isEqualTo(A1_B1);
        assertThat(okBye.dialogState()).isEqualTo(DialogState.TERMINATED);
        Correlation c = t.finish();
        assertThat(c.dialogs()).hasSize(1);
        Dialog d = c.dialogs().get(0);
        assertThat(d.termination()).isEqualTo(Termination.BYE);
        assertThat(d.terminatedFrame()).isEqualTo(5);
        assertThat(d.transactions()).containsExactly(0, 1, 2);
        assertThat(c.dialog(A1_B1.reversed())).isSameAs(d);
    }

    @Test
    void forkedProvisionalsMakeOneEarlyDialogEach() {
        Trace t = new Trace();
        t.send(INVITE);
        MessageContext r1 = t.send(INVITE.response(180, "Ringing").toTag("b1"));
        MessageContext r2 = t.send(INVITE.response(183, "Session Progress").toTag("b2"));
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("b2"));
        assertThat(r1.dialog()).isEqualTo(A1_B1);
        assertThat(r2.dialog()).isEqualTo(new DialogId("call-1@a.example", "a1", "b2"));
        assertThat(ok.dialog()).isEqualTo(r2.dialog());
        Correlation c = t.finish();
        assertThat(c.dialogs()).extracting(Dialog::id).containsExactly(r1.dialog(), r2.dialog());
        assertThat(c.transactions().get(0).dialogs()).containsExactly(r1.dialog(), r2.dialog());
        Dialog lost = c.dialogs().get(0);
        assertThat(lost.state()).isEqualTo(DialogState.TERMINATED);
        assertThat(lost.termination()).isEqualTo(Termination.OTHER_FORK_ANSWERED);
        assertThat(lost.terminatedFrame()).isEqualTo(4);
        assertThat(c.dialogs().get(1).state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void forked2xxResponsesConfirmTwoDialogs() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        t.send(INVITE.response(200, "OK").toTag("b2"));
        assertThat(t.finish().dialogs()).extracting(Dialog::state)
                .containsExactly(DialogState.CONFIRMED, DialogState.CONFIRMED);
    }

    @Test
    void aNon2xxFinalToTheInitialInviteEndsItsEarlyDialogs() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(180, "Ringing").toTag("b1"));
        t.send(INVITE.response(180, "Ringing").toTag("b2"));
        MessageContext busy = t.send(INVITE.response(486, "Busy Here").toTag("b3"));
        assertThat(busy.dialog()).isNull();
        assertThat(t.finish().dialogs()).allSatisfy(d -> {
            assertThat(d.termination()).isEqualTo(Termination.REJECTED);
            assertThat(d.terminatedFrame()).isEqualTo(4);
        });
        assertThat(t.finish().dialogs()).hasSize(2);
    }

    @Test
    void aFailureWithTheEarlyDialogsTagReportsThatDialog() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(180, "Ringing").toTag("b1"));
        MessageContext busy = t.send(INVITE.response(486, "Busy Here").toTag("b1"));
        assertThat(busy.dialog()).isEqualTo(A1_B1);
        assertThat(busy.dialogState()).isEqualTo(DialogState.TERMINATED);
    }

    @Test
    void aCancelEndsTheEarlyDialogWithThe487() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(180, "Ringing").toTag("b1"));
        Msg cancel = INVITE.next("CANCEL", 1, "z9hG4bK-invite-1");
        MessageContext c1 = t.send(cancel);
        t.send(cancel.response(200, "OK").toTag("b1"));
        MessageContext terminated = t.send(INVITE.response(487, "Request Terminated").toTag("b1"));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-invite-1").toTag("b1"));
        assertThat(c1.dialog()).isNull();
        assertThat(terminated.dialogState()).isEqualTo(DialogState.TERMINATED);
        Dialog d = t.finish().dialogs().get(0);
        assertThat(d.termination()).isEqualTo(Termination.CANCELLED);
        assertThat(d.terminatedFrame()).isEqualTo(5);
        assertThat(t.finish().dialogs()).hasSize(1);
    }

    @Test
    void aReInviteIsATransactionOfTheDialog() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        Msg reinvite = INVITE.next("INVITE", 2, "z9hG4bK-reinvite-2").toTag("b1");
        MessageContext re = t.send(reinvite);
        t.send(reinvite.response(200, "OK"));
        MessageContext ack = t.send(INVITE.next("ACK", 2, "z9hG4bK-ack-2").toTag("b1"));
        assertThat(re.role()).isEqualTo(MessageRole.IN_DIALOG_REQUEST);
        assertThat(re.dialog()).isEqualTo(A1_B1);
        Correlation c = t.finish();
        assertThat(c.dialogs()).hasSize(1);
        assertThat(c.dialogs().get(0).transactions()).containsExactly(0, 1, 2, 3);
        assertThat(c.transactions().get(ack.transaction()).acknowledges()).isEqualTo(new Transaction.Link(2, 5));
    }

    @Test
    void aFailedReInviteLeavesTheDialogConfirmed() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        Msg reinvite = INVITE.next("INVITE", 2, "z9hG4bK-reinvite-2").toTag("b1");
        t.send(reinvite);
        MessageContext refused = t.send(reinvite.response(488, "Not Acceptable Here"));
        MessageContext ack = t.send(INVITE.next("ACK", 2, "z9hG4bK-reinvite-2").toTag("b1"));
        assertThat(refused.dialogState()).isEqualTo(DialogState.CONFIRMED);
        assertThat(ack.role()).isEqualTo(MessageRole.ACK_FOR_NON_2XX);
        assertThat(ack.dialog()).isEqualTo(A1_B1);
        assertThat(t.finish().dialogs().get(0).state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void a481ToAnInDialogRequestEndsTheDialog() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        Msg info = INVITE.next("INFO", 2, "z9hG4bK-info-2").toTag("b1");
        t.send(info);
        MessageContext gone = t.send(info.response(481, "Call/Transaction Does Not Exist"));
        assertThat(gone.dialogState()).isEqualTo(DialogState.TERMINATED);
        assertThat(t.finish().dialogs().get(0).termination()).isEqualTo(Termination.NO_SUCH_DIALOG);
    }

    @Test
    void anUpdateInTheEarlyDialogKeepsItEarly() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(180, "Ringing").toTag("b1"));
        Msg update = INVITE.next("UPDATE", 2, "z9hG4bK-update-2").toTag("b1");
        MessageContext u = t.send(update);
        MessageContext ok = t.send(update.response(200, "OK"));
        assertThat(u.dialog()).isEqualTo(A1_B1);
        assertThat(ok.dialogState()).isEqualTo(DialogState.EARLY);
    }

    @Test
    void aPrackIsLinkedToTheReliableProvisionalItAcknowledges() {
        Trace t = new Trace();
        t.send(INVITE.set("Supported", "100rel"));
        Msg progress = INVITE.response(183, "Session Progress").toTag("b1").set("Require", "100rel")
                .set("RSeq", "1");
        t.send(progress);
        MessageContext again = t.send(progress);
        Msg prack = INVITE.next("PRACK", 2, "z9hG4bK-prack-2").toTag("b1").set("RAck", "1 1 INVITE");
        MessageContext p = t.send(prack);
        t.send(prack.response(200, "OK"));
        assertThat(again.retransmissionOf()).isEqualTo(2);
        assertThat(p.dialog()).isEqualTo(A1_B1);
        Correlation c = t.finish();
        assertThat(c.transactions().get(0).responses().get(0).reliable()).isTrue();
        assertThat(c.transactions().get(0).responses().get(0).rseq()).isEqualTo(1);
        assertThat(c.transactions().get(p.transaction()).acknowledges()).isEqualTo(new Transaction.Link(0, 2));
    }

    @Test
    void aReliableProvisionalWithANewRSeqIsANewResponse() {
        Trace t = new Trace();
        t.send(INVITE);
        Msg p1 = INVITE.response(183, "Session Progress").toTag("b1").set("Require", "100rel").set("RSeq", "1");
        t.send(p1);
        MessageContext p2 = t.send(p1.set("RSeq", "2"));
        Msg prack = INVITE.next("PRACK", 3, "z9hG4bK-prack-3").toTag("b1").set("RAck", "2 1 INVITE");
        MessageContext p = t.send(prack);
        assertThat(p2.retransmission()).isFalse();
        Correlation c = t.finish();
        assertThat(c.transactions().get(0).responses()).extracting(Transaction.Response::rseq).containsExactly(1L, 2L);
        assertThat(c.transactions().get(p.transaction()).acknowledges()).isEqualTo(new Transaction.Link(0, 3));
    }

    @Test
    void aRequestOfADialogThatBeganBeforeTheCaptureMakesAConfirmedDialog() {
        Trace t = new Trace();
        Msg bye = Msg.request("BYE").toTag("b1");
        MessageContext b = t.send(bye);
        t.send(bye.response(200, "OK"));
        assertThat(b.dialog()).isEqualTo(A1_B1);
        Dialog d = t.finish().dialogs().get(0);
        assertThat(d.initialRequestSeen()).isFalse();
        assertThat(d.initialTransaction()).isEqualTo(-1);
        assertThat(d.method()).isEqualTo("BYE");
        assertThat(d.termination()).isEqualTo(Termination.BYE);
    }

    @Test
    void aResponseToARequestOutsideDialogCreatingMethodsMakesNoDialog() {
        Trace t = new Trace();
        Msg options = Msg.request("OPTIONS");
        t.send(options);
        MessageContext ok = t.send(options.response(200, "OK").toTag("b1"));
        Msg reg = Msg.request("REGISTER").callId("reg-1");
        t.send(reg);
        t.send(reg.response(200, "OK").toTag("r1"));
        assertThat(ok.dialog()).isNull();
        assertThat(t.finish().dialogs()).isEmpty();
    }

    @Test
    void dialogsAreOrderedByTheirFirstFrame() {
        Trace t = new Trace();
        Msg first = INVITE;
        Msg second = INVITE.callId("call-2@a.example").branch("z9hG4bK-invite-2");
        t.send(first);
        t.send(second);
        t.send(second.response(180, "Ringing").toTag("b2"));
        t.send(first.response(180, "Ringing").toTag("b1"));
        assertThat(t.finish().dialogs()).extracting(d -> d.id().callId())
                .containsExactly("call-1@a.example", "call-2@a.example");
    }

    /**
     * A dialog refreshed by re-INVITE many times (more than are looked through one by one): every ACK acknowledges
     * the 200 of the re-INVITE with its CSeq number, including an early one ACKed again late, and a re-INVITE sent
     * again with a CSeq number already used on a new branch takes that number's place.
     */
    @Test
    void everyAckOfManyReInvitesFindsItsOwnInvite() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(200, "OK").toTag("b1"));
        t.send(INVITE.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1"));
        int refreshes = 3 * DialogBuilder.SCAN_INVITES;
        java.util.Map<Integer, long[]> okOf = new java.util.HashMap<>(); // CSeq -> INVITE transaction, 200 frame
        java.util.Map<Integer, Integer> ackOf = new java.util.HashMap<>(); // CSeq -> ACK transaction
        for (int cseq = 2; cseq < refreshes + 2; cseq++) {
            Msg reinvite = INVITE.next("INVITE", cseq, "z9hG4bK-re-" + cseq).toTag("b1");
            MessageContext re = t.send(reinvite);
            MessageContext ok = t.send(reinvite.response(200, "OK"));
            okOf.put(cseq, new long[] {re.transaction(), ok.frame()});
            ackOf.put(cseq, t.send(INVITE.next("ACK", cseq, "z9hG4bK-ack-" + cseq).toTag("b1")).transaction());
        }
        Msg again = INVITE.next("INVITE", 5, "z9hG4bK-re-5-again").toTag("b1"); // CSeq 5 reused: the newer wins
        MessageContext re5 = t.send(again);
        MessageContext ok5 = t.send(again.response(200, "OK"));
        int ack5 = t.send(INVITE.next("ACK", 5, "z9hG4bK-ack-5-again").toTag("b1")).transaction();
        int lateAck = t.send(INVITE.next("ACK", 3, "z9hG4bK-ack-3-late").toTag("b1")).transaction();
        Correlation c = t.finish();
        for (int cseq = 2; cseq < refreshes + 2; cseq++) {
            long[] ok = okOf.get(cseq);
            assertThat(c.transactions().get(ackOf.get(cseq)).acknowledges()).as("ACK %d", cseq)
                    .isEqualTo(new Transaction.Link((int) ok[0], ok[1]));
        }
        assertThat(c.transactions().get(ack5).acknowledges())
                .isEqualTo(new Transaction.Link(re5.transaction(), ok5.frame()));
        assertThat(c.transactions().get(lateAck).acknowledges())
                .isEqualTo(new Transaction.Link((int) okOf.get(3)[0], okOf.get(3)[1]));
    }
}
