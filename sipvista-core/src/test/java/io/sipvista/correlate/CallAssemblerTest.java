package io.sipvista.correlate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls put together from SIP text: outcomes, timing, hang-up side, forks, and B2BUA legs tied or kept apart. */
class CallAssemblerTest {
    private static final String A = "10.0.0.1:5060";
    private static final String B = "10.0.0.2:5060";
    private static final String C = "10.0.0.3:5060";
    private static final String SBC = "10.0.0.9:5060";

    private static Call only(CallTrace t) {
        List<Call> calls = t.calls();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    @Test
    void anAnsweredCallHungUpByTheCaller() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        long invite = leg.invite("10.0.0.1", 4000);
        leg.respond(100, "Trying");
        t.after(300);
        long ringing = leg.respond(180, "Ringing");
        t.after(2000);
        long ok = leg.answer("10.0.0.2", 5000);
        leg.ack();
        t.after(10_000);
        long bye = leg.bye(true);

        Call call = only(t);
        assertThat(call.id()).isEqualTo("call-1");
        assertThat(call.callIds()).containsExactly("c1@calls.example");
        assertThat(call.caller()).isEqualTo(new CallParty("Caller 1001", "1001", "sip:1001@a.example"));
        assertThat(call.callee().user()).isEqualTo("2002");
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.finalStatus()).isEqualTo(200);
        assertThat(call.start()).isEqualTo(t.time(invite));
        assertThat(call.ring()).isEqualTo(t.time(ringing));
        assertThat(call.answer()).isEqualTo(t.time(ok));
        assertThat(call.end()).isEqualTo(t.time(bye));
        assertThat(call.postDialDelay()).isEqualTo(Duration.ofMillis(302));
        assertThat(call.talkTime()).isEqualTo(Duration.between(t.time(ok), t.time(bye)));
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLER, A, "c1@calls.example", bye));
        assertThat(call.codec()).isEqualTo("PCMU/8000");
        assertThat(call.codecs()).containsExactly("PCMU/8000", "telephone-event/8000");
        assertThat(call.frames()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(call.legs()).singleElement().satisfies(l -> {
            assertThat(l.src()).isEqualTo(A);
            assertThat(l.dst()).isEqualTo(B);
            assertThat(l.firstFrame()).isEqualTo(invite);
            assertThat(l.requestUri()).isEqualTo("sip:2002@10.0.0.2");
            assertThat(l.tie()).isEqualTo(CallLeg.Tie.FIRST);
            assertThat(l.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(l.dialogs()).hasSize(1);
        });
    }

    @Test
    void theCalleeHangsUp() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.respond(180, "Ringing");
        long ok = leg.answer("10.0.0.2", 5000);
        leg.ack();
        t.after(5000);
        long bye = leg.bye(false);

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLEE, B, "c1@calls.example", bye));
        assertThat(call.talkTime()).isEqualTo(Duration.between(t.time(ok), t.time(bye)));
    }

    private static Call failed(int status, String reason) {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.respond(100, "Trying");
        long fin = leg.respond(status, reason);
        leg.ackFailure();
        Call call = only(t);
        assertThat(call.end()).isEqualTo(t.time(fin));
        assertThat(call.frames()).containsExactly(1L, 2L, 3L, 4L);
        return call;
    }

    @Test
    void busyIs486() {
        Call call = failed(486, "Busy Here");
        assertThat(call.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(call.finalStatus()).isEqualTo(486);
        assertThat(call.answer()).isNull();
        assertThat(call.talkTime()).isNull();
        assertThat(call.hungUpBy()).isNull();
        assertThat(call.codec()).isNull();
    }

    @Test
    void busyEverywhereIs600() {
        assertThat(failed(600, "Busy Everywhere").outcome()).isEqualTo(CallOutcome.BUSY);
    }

    @Test
    void notFoundIsRejectedWithItsCode() {
        Call call = failed(404, "Not Found");
        assertThat(call.outcome()).isEqualTo(CallOutcome.REJECTED);
        assertThat(call.finalStatus()).isEqualTo(404);
        assertThat(call.ring()).isNull();
        assertThat(call.postDialDelay()).isNull();
    }

    @Test
    void temporarilyUnavailableIsNoAnswer() {
        Call call = failed(480, "Temporarily Unavailable");
        assertThat(call.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(call.finalStatus()).isEqualTo(480);
    }

    @Test
    void requestTimeoutIsNoAnswer() {
        assertThat(failed(408, "Request Timeout").outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    }

    @Test
    void aCancelledCallEndsAtTheCancel() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        long ringing = leg.respond(180, "Ringing");
        t.after(4000);
        long cancel = leg.cancel();
        leg.cancelOk();
        leg.respond(487, "Request Terminated");
        leg.ackFailure();

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(call.finalStatus()).isEqualTo(487);
        assertThat(call.end()).isEqualTo(t.time(cancel));
        assertThat(call.ring()).isEqualTo(t.time(ringing));
        assertThat(call.hungUpBy()).isNull();
        assertThat(call.frames()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void anInviteWithNoResponseForTimerBFailed() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        for (long wait : new long[] {500, 1000, 2000, 4000, 8000, 16_000}) {
            t.after(wait); // Timer A retransmissions: 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s
            leg.invite("10.0.0.1", 4000);
        }
        t.after(1000); // the capture goes on past Timer B (32 s): another call starts
        t.new Leg("c2", "1003", "2004", A, B).invite("10.0.0.1", 4002);

        Call call = t.calls().get(0);
        assertThat(call.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(call.finalStatus()).isZero();
        assertThat(call.end()).isNull();
        assertThat(call.frames()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void anInviteUnansweredWhenTheCaptureEndsWithinTimerBIsPending() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        t.after(500);
        leg.invite("10.0.0.1", 4000);
        t.after(1000);
        leg.invite("10.0.0.1", 4000);

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.PENDING);
        assertThat(call.finalStatus()).isZero();
        assertThat(call.end()).isNull();
        assertThat(call.frames()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRingingInviteAtTheEndOfTheCaptureIsPendingHoweverLong() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.respond(180, "Ringing");
        t.after(60_000); // a provisional stops Timer B (RFC 3261 §17.1.1.2): still ringing a minute on
        t.new Leg("c2", "1003", "2004", A, B).invite("10.0.0.1", 4002);

        assertThat(t.calls().get(0).outcome()).isEqualTo(CallOutcome.PENDING);
    }

    @Test
    void anAnsweredCallWithoutByeIsStillUp() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        long ok = leg.answer("10.0.0.2", 5000);
        leg.ack();

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.STILL_UP);
        assertThat(call.answer()).isEqualTo(t.time(ok));
        assertThat(call.end()).isNull();
        assertThat(call.talkTime()).isNull();
        assertThat(call.hungUpBy()).isNull();
        assertThat(call.codec()).isEqualTo("PCMU/8000");
    }

    @Test
    void anAnsweredCallWhoseDialogIsGoneEndsAtThe481() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.answer("10.0.0.2", 5000);
        leg.ack();
        t.after(60_000);
        long gone = leg.reInviteRefused(481, "Call/Transaction Does Not Exist");

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.end()).isEqualTo(t.time(gone));
        assertThat(call.hungUpBy()).isNull();
    }

    @Test
    void aForkedCallAnsweredByOneBranchIsOneLeg() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        long firstRing = leg.fork("desk").respond(180, "Ringing");
        leg.fork("mobile").respond(183, "Session Progress");
        t.after(1000);
        long ok = leg.answer("10.0.0.3", 6000);
        leg.ack();
        leg.bye(true);

        Call call = only(t);
        assertThat(call.legs()).singleElement().satisfies(l -> {
            assertThat(l.dialogs()).extracting(DialogId::remoteTag).containsExactly("desk", "mobile");
            assertThat(l.answer()).isEqualTo(t.time(ok));
        });
        assertThat(call.ring()).isEqualTo(t.time(firstRing));
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.codec()).isEqualTo("PCMU/8000");
    }

    @Test
    void b2buaLegsAreTiedByXCid() {
        CallTrace t = new CallTrace();
        CallTrace.Leg in = t.new Leg("in", "1001", "2002", A, SBC);
        in.invite("10.0.0.1", 4000);
        in.respond(100, "Trying");
        t.after(8000); // too late for matching: only the header ties
        CallTrace.Leg out = t.new Leg("out", "anonymous", "9999", SBC, B).header("X-CID", "in@calls.example");
        out.invite("10.0.0.9", 30000);
        out.respond(180, "Ringing");
        in.respond(180, "Ringing");
        out.answer("10.0.0.9", 30002);
        t.after(3000);
        long ok = in.answer("10.0.0.9", 30004);
        out.ack();
        in.ack();
        t.after(2000);
        long bye = out.bye(false);
        in.bye(false);

        Call call = only(t);
        assertThat(call.callIds()).containsExactly("in@calls.example", "out@calls.example");
        assertThat(call.legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.HEADER);
        assertThat(call.caller().user()).isEqualTo("1001");
        assertThat(call.answer()).isEqualTo(t.time(ok));
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLEE, B, "out@calls.example", bye));
        assertThat(call.talkTime()).isEqualTo(Duration.between(t.time(ok), t.time(bye)));
    }

    @Test
    void aHangUpRelayedByAB2buaFromItsSecondAddressIsNotWhoHungUp() {
        CallTrace t = new CallTrace();
        String outside = "10.0.1.9:5060"; // the B2BUA's second interface
        CallTrace.Leg in = t.new Leg("in", "1001", "2002", A, SBC);
        CallTrace.Leg out = t.new Leg("out", "1001", "2002", outside, B).header("X-CID", "in@calls.example");
        in.invite("10.0.0.1", 4000);
        out.invite("10.0.1.9", 30000);
        out.answer("10.0.0.2", 5000);
        in.answer("10.0.0.9", 30002);
        t.after(5000);
        long bye = in.bye(true);
        t.after(10);
        out.bye(true);

        Call call = only(t);
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLER, A, "in@calls.example", bye));
        assertThat(call.end()).isEqualTo(t.time(bye));
    }

    /** heplify websocket, erspan: a proxy's relay of the caller's BYE, in the same Call-ID, is not who hung up. */
    @Test
    void aByeRelayedByAProxyInTheSameCallIdIsNotWhoHungUp() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, SBC);
        leg.invite("10.0.0.1", 4000);
        leg.answer("10.0.0.9", 30000);
        leg.ack();
        t.after(5000);
        long bye = leg.byeThroughProxy(B);

        Call call = only(t);
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLER, A, "c1@calls.example", bye));
        assertThat(call.end()).isEqualTo(t.time(bye));
    }

    /**
     * heplify erspan: an SBC that keeps the Call-ID but has dialogs of its own on each side relays the callee's
     * BYE into the caller's dialog a moment later; the callee hung up.
     */
    @Test
    void aByeRelayedIntoAnotherDialogOfTheSameCallIdIsNotWhoHungUp() {
        CallTrace t = new CallTrace();
        String outside = "10.0.1.9:5060"; // the SBC's second interface
        CallTrace.Leg in = t.new Leg("in", "1001", "2002", A, SBC);
        CallTrace.Leg out = t.new Leg("out", "1001", "2002", outside, B).header("Call-ID", "in@calls.example");
        in.invite("10.0.0.1", 4000);
        out.invite("10.0.1.9", 30000);
        out.answer("10.0.0.2", 5000);
        out.ack();
        in.answer("10.0.0.9", 30002);
        in.ack();
        t.after(5000);
        long bye = out.bye(false);
        t.after(2);
        in.bye(false);

        Call call = only(t);
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLEE, B, "in@calls.example", bye));
    }

    @Test
    void afterATransferTheLastEndpointToHangUpIsNamed() {
        CallTrace t = new CallTrace();
        CallTrace.Leg first = t.new Leg("c1", "1001", "2002", A, B);
        first.invite("10.0.0.1", 4000);
        first.answer("10.0.0.2", 5000);
        first.ack();
        t.after(5000);
        first.refer("<sip:3003@c.example>");
        CallTrace.Leg second = t.new Leg("c2", "1001", "3003", A, C).header("Referred-By", "<sip:2002@b.example>");
        second.invite("10.0.0.1", 4002);
        second.answer("10.0.0.3", 6000);
        second.ack();
        t.after(2000);
        first.bye(false); // the transferor leaves
        t.after(20_000);
        long bye = second.bye(false);

        Call call = only(t);
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLEE, C, "c2@calls.example", bye));
        assertThat(call.end()).isEqualTo(t.time(bye));
    }

    @Test
    void b2buaLegsAreTiedBySessionId() {
        CallTrace t = new CallTrace();
        t.new Leg("in", "1001", "2002", A, SBC).header("Session-ID", "ab30317f1a784dc48ff824d0d3715d86")
                .invite("10.0.0.1", 4000);
        t.after(9000);
        t.new Leg("out", "x", "y", SBC, B)
                .header("Session-ID", "AB30317F1A784DC48FF824D0D3715D86;remote=00000000000000000000000000000000")
                .invite("10.0.0.9", 30000);

        assertThat(only(t).legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.HEADER);
    }

    @Test
    void theNullSessionIdTiesNothing() {
        CallTrace t = new CallTrace();
        t.new Leg("in", "1001", "2002", A, SBC).header("Session-ID", "00000000000000000000000000000000")
                .invite("10.0.0.1", 4000);
        t.after(9000);
        t.new Leg("out", "x", "y", SBC, B).header("Session-ID", "00000000000000000000000000000000")
                .invite("10.0.0.9", 30000);

        assertThat(t.calls()).hasSize(2);
    }

    @Test
    void b2buaLegsAreTiedByChargingVectorIcid() {
        CallTrace t = new CallTrace();
        t.new Leg("in", "1001", "2002", A, SBC).header("P-Charging-Vector", "icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=\"")
                .invite("10.0.0.1", 4000);
        t.after(9000);
        t.new Leg("out", "x", "y", SBC, B)
                .header("P-Charging-Vector", "icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=;orig-ioi=home1.net")
                .invite("10.0.0.9", 30000);

        assertThat(only(t).legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.HEADER);
    }

    @Test
    void anInviteWithReplacesJoinsTheCallItReplaces() {
        CallTrace t = new CallTrace();
        CallTrace.Leg first = t.new Leg("c1", "1001", "2002", A, B);
        first.invite("10.0.0.1", 4000);
        first.answer("10.0.0.2", 5000);
        first.ack();
        t.after(30_000);
        t.new Leg("c2", "3003", "2002", C, B).header("Replaces", "c1@calls.example;to-tag=t-c1;from-tag=f-c1")
                .invite("10.0.0.3", 7000);

        Call call = only(t);
        assertThat(call.legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.TRANSFER);
    }

    /**
     * A scanner floods the SBC with INVITEs to the number a real caller dials, more than a leg is compared with
     * ({@link CallAssembler#MATCH_LOOKBACK}), in the same seconds: each INVITE of the flood is a call of its own,
     * and the B2BUA's leg still continues the real caller's.
     */
    @Test
    void b2buaLegsAreTiedThroughAFloodOfInvitesToTheSameNumber() {
        CallTrace t = new CallTrace();
        String scanner = "203.0.113.9:5070";
        for (int i = 0; i < CallAssembler.MATCH_LOOKBACK + 200; i++) {
            t.new Leg("scan-" + i, "100", "004505656010", scanner, SBC).inviteWithoutSdp();
        }
        CallTrace.Leg in = t.new Leg("in", "+1 418 555 1234", "004505656010", A, SBC);
        in.invite("10.0.0.1", 4000);
        for (int i = 0; i < 100; i++) {
            t.new Leg("scan-late-" + i, "100", "004505656010", scanner, SBC).inviteWithoutSdp();
        }
        // the B2BUA passes the number on: every INVITE of the flood is a candidate for its leg too
        CallTrace.Leg out = t.new Leg("out", "66010", "004505656010", SBC, B);
        out.invite("10.0.0.1", 4000);
        out.answer("10.0.0.2", 5000);
        in.answer("10.0.0.2", 5000);
        out.ack();
        in.ack();

        List<Call> calls = t.calls();
        assertThat(calls).hasSize(CallAssembler.MATCH_LOOKBACK + 300 + 1);
        Call real = calls.stream().filter(c -> c.callIds().contains("in@calls.example")).findFirst().orElseThrow();
        assertThat(real.callIds()).containsExactly("in@calls.example", "out@calls.example");
        assertThat(real.legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.MATCH);
    }

    @Test
    void b2buaLegsAreTiedByNumberMediaAndTimingAlone() {
        CallTrace t = new CallTrace();
        CallTrace.Leg in = t.new Leg("in", "+1 418 555 1234", "004505656010", A, SBC);
        in.invite("10.0.0.1", 4000);
        in.respond(100, "Trying");
        t.after(150);
        CallTrace.Leg out = t.new Leg("out", "66010", "+4505656010", SBC, B);
        out.invite("10.0.0.1", 4000); // the B2BUA passes the caller's media address through
        out.respond(180, "Ringing");
        long ring = in.respond(180, "Ringing");
        t.after(2500);
        out.answer("10.0.0.2", 5000);
        long ok = in.answer("10.0.0.2", 5000);
        out.ack();
        in.ack();
        t.after(7000);
        long bye = in.bye(true);
        t.after(20);
        out.bye(true); // the B2BUA relays the hang-up: not who hung up

        Call call = only(t);
        assertThat(call.legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.MATCH);
        assertThat(call.legs()).extracting(CallLeg::src).containsExactly(A, SBC);
        assertThat(call.caller().displayName()).isEqualTo("Caller +1 418 555 1234");
        assertThat(call.ring()).isBefore(t.time(ring)); // the outbound leg rang first
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLER, A, "in@calls.example", bye));
        assertThat(call.end()).isEqualTo(t.time(bye));
        assertThat(call.talkTime()).isEqualTo(Duration.between(t.time(ok), t.time(bye)));
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void aMatchingLegStartedTooLateIsAnotherCall() {
        CallTrace t = new CallTrace();
        t.new Leg("in", "1001", "2002", A, SBC).invite("10.0.0.1", 4000);
        t.after(6000);
        t.new Leg("out", "1001", "2002", SBC, B).invite("10.0.0.1", 4000);

        assertThat(t.calls()).extracting(Call::id).containsExactly("call-1", "call-2");
    }

    @Test
    void twoConcurrentCallsOnTheSamePathAreNotMerged() {
        CallTrace t = new CallTrace();
        CallTrace.Leg one = t.new Leg("one", "1001", "5000", A, B);
        CallTrace.Leg two = t.new Leg("two", "1002", "5000", A, B); // the same hunt group, called twice
        one.invite("10.0.0.1", 4000);
        two.invite("10.0.0.1", 4002);
        one.answer("10.0.0.2", 5000);
        two.answer("10.0.0.2", 5002);
        one.ack();
        two.ack();

        assertThat(t.calls()).extracting(Call::callIds).containsExactly(
                List.of("one@calls.example"), List.of("two@calls.example"));
    }

    @Test
    void twoConcurrentCallsInOppositeDirectionsBetweenTheSameHostsAreNotMerged() {
        CallTrace t = new CallTrace();
        CallTrace.Leg one = t.new Leg("one", "1001", "2002", A, B);
        CallTrace.Leg two = t.new Leg("two", "2002", "1001", B, A); // they call each other at once
        one.invite("10.0.0.1", 4000);
        two.invite("10.0.0.2", 5000);
        one.answer("10.0.0.2", 5002);
        two.answer("10.0.0.1", 4002);

        List<Call> calls = t.calls();
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(c -> c.caller().user()).containsExactly("1001", "2002");
    }

    @Test
    void callsAreNumberedInOrderOfFirstFrame() {
        CallTrace t = new CallTrace();
        CallTrace.Leg one = t.new Leg("zzz", "1001", "2002", A, B);
        CallTrace.Leg two = t.new Leg("aaa", "3003", "4004", C, B);
        one.invite("10.0.0.1", 4000);
        two.invite("10.0.0.3", 6000);
        two.respond(486, "Busy Here");
        one.respond(404, "Not Found");

        List<Call> calls = t.calls();
        assertThat(calls).extracting(Call::id).containsExactly("call-1", "call-2");
        assertThat(calls).extracting(Call::callIds)
                .containsExactly(List.of("zzz@calls.example"), List.of("aaa@calls.example"));
        assertThat(calls).extracting(Call::outcome).containsExactly(CallOutcome.REJECTED, CallOutcome.BUSY);
        assertThat(t.calls()).isEqualTo(calls);
    }

    @Test
    void nonInviteTrafficMakesNoCall() {
        CallTrace t = new CallTrace();
        Msg options = Msg.request("OPTIONS");
        t.send(options, A, B);
        t.send(options.response(200, "OK"), B, A);

        assertThat(t.calls()).isEmpty();
    }

    @Test
    void anUnrelatedCallFromTheSameB2buaAnsweredAtTheSameTimeIsNotMerged() {
        CallTrace t = new CallTrace();
        CallTrace.Leg in = t.new Leg("in", "1001", "2002", A, SBC);
        CallTrace.Leg other = t.new Leg("other", "7007", "8008", SBC, B); // path and answer agree, nothing else
        in.invite("10.0.0.1", 4000);
        other.invite("10.0.0.9", 31000);
        other.answer("10.0.0.2", 5000);
        in.answer("10.0.0.9", 30000);

        assertThat(t.calls()).hasSize(2);
    }

    @Test
    void aTransferTargetCalledWithReferredByJoinsTheReferringCall() {
        CallTrace t = new CallTrace();
        CallTrace.Leg first = t.new Leg("c1", "1001", "2002", A, B);
        first.invite("10.0.0.1", 4000);
        first.answer("10.0.0.2", 5000);
        first.ack();
        t.after(20_000);
        first.refer("<sip:3003@c.example>");
        t.after(10_000);
        t.new Leg("c2", "1001", "3003", A, C).header("Referred-By", "<sip:2002@b.example>")
                .invite("10.0.0.1", 4002);

        Call call = only(t);
        assertThat(call.legs()).extracting(CallLeg::tie).containsExactly(CallLeg.Tie.FIRST, CallLeg.Tie.TRANSFER);
    }

    @Test
    void referredByWithoutAMatchingReferTiesNothing() {
        CallTrace t = new CallTrace();
        CallTrace.Leg first = t.new Leg("c1", "1001", "2002", A, B);
        first.invite("10.0.0.1", 4000);
        first.answer("10.0.0.2", 5000);
        first.refer("<sip:4004@c.example>");
        t.after(10_000);
        t.new Leg("c2", "1001", "3003", A, C).header("Referred-By", "<sip:2002@b.example>")
                .invite("10.0.0.1", 4002);

        assertThat(t.calls()).hasSize(2);
    }

    @Test
    void anInviteRetriedAfterAChallengeIsOneLegWithTheRetrysOutcome() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.respond(407, "Proxy Authentication Required");
        leg.ackFailure();
        long retry = leg.retry().invite("10.0.0.1", 4000);
        long ok = leg.answer("10.0.0.2", 5000);
        leg.ack();
        leg.bye(true);

        Call call = only(t);
        assertThat(call.legs()).singleElement().satisfies(l -> assertThat(l.firstFrame()).isEqualTo(1));
        assertThat(call.start()).isEqualTo(t.time(1));
        assertThat(retry).isEqualTo(4);
        assertThat(call.answer()).isEqualTo(t.time(ok));
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.finalStatus()).isEqualTo(200);
    }

    @Test
    void aChallengeNotRetriedIsRejectedWithItsCode() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.respond(407, "Proxy Authentication Required");
        leg.ackFailure();

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.REJECTED);
        assertThat(call.finalStatus()).isEqualTo(407);
    }

    @Test
    void aRetryWithoutResponseIsPendingEvenAfterAChallenge() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.respond(401, "Unauthorized");
        leg.ackFailure();
        leg.retry().invite("10.0.0.1", 4000);

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.PENDING);
        assertThat(call.finalStatus()).isZero();
    }

    @Test
    void aCallAlreadyUpWhenTheCaptureStartedEndsWithItsBye() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        long bye = leg.bye(false); // the INVITE and its 200 were before the capture

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.answer()).isNull();
        assertThat(call.talkTime()).isNull();
        assertThat(call.caller()).isEqualTo(CallParty.UNKNOWN);
        assertThat(call.hungUpBy().frame()).isEqualTo(bye);
        assertThat(call.legs()).singleElement().satisfies(l -> assertThat(l.src()).isEqualTo(B));
    }

    /** PcapPlusPlus sip_reqs: a CANCEL of an INVITE sent before the capture says nothing of how a call went. */
    @Test
    void aLoneCancelWhoseInviteWasNotCapturedMakesNoCall() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.cancel();
        leg.cancelOk();

        assertThat(t.calls()).isEmpty();
    }

    /** An ACK alone (its INVITE before the capture) may acknowledge a 2xx or a failure: no call is shown. */
    @Test
    void aLoneAckWhoseInviteWasNotCapturedMakesNoCall() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.ack();

        assertThat(t.calls()).isEmpty();
    }

    /** A re-INVITE answered in a dialog whose INVITE was before the capture: a call already up, still up. */
    @Test
    void aCallAlreadyUpWhenTheCaptureStartedWithOnlyAReInviteIsStillUp() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.reInviteRefused(491, "Request Pending");

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.STILL_UP);
        assertThat(call.caller()).isEqualTo(CallParty.UNKNOWN);
    }

    /** PcapPlusPlus sip_resp: only the responses to the INVITE were captured; they carry its From and To. */
    @Test
    void theResponsesOfAnUncapturedInviteNameCallerAndCallee() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.respond(180, "Ringing");
        leg.answer("10.0.0.2", 5000);

        Call call = only(t);
        assertThat(call.caller().user()).isEqualTo("1001");
        assertThat(call.callee().user()).isEqualTo("2002");
        assertThat(call.legs().get(0).from().user()).isEqualTo("1001");
        assertThat(call.legs().get(0).requestUri()).isNull();
    }

    /** heplify tcp fragmented call-19: the leg runs from the caller (where the responses went); the BYE is his. */
    @Test
    void aLegKnownFromItsResponsesRunsFromTheCaller() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.answer("10.0.0.2", 5000);
        leg.ack();
        long bye = leg.bye(true);

        Call call = only(t);
        assertThat(call.legs().get(0).src()).isEqualTo(A);
        assertThat(call.legs().get(0).dst()).isEqualTo(B);
        assertThat(call.hungUpBy()).isEqualTo(new Call.HangUp(Call.Side.CALLER, A, "c1@calls.example", bye));
    }

    /**
     * heplify ipv6: the 200 is stamped long after the INVITE (the capture's clock jumps), after the correlator
     * stopped matching the INVITE; by its Via branch it answers that INVITE, and the call is answered.
     */
    @Test
    void anAnswerStampedAfterAClockJumpStillAnswersItsInvite() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("c1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        t.after(Duration.ofDays(400).toMillis());
        long ok = leg.answer("10.0.0.2", 5000);
        leg.ack();
        long bye = leg.bye(true);

        Call call = only(t);
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.answer()).isEqualTo(t.time(ok));
        assertThat(call.finalStatus()).isEqualTo(200);
        assertThat(call.hungUpBy().frame()).isEqualTo(bye);
    }

    @Test
    @Timeout(20)
    void manySequentialCallsStayApartAndAssembleQuickly() {
        CallTrace t = new CallTrace();
        for (int i = 0; i < 3000; i++) {
            CallTrace.Leg leg = t.new Leg("c" + i, "1001", "2002", A, B); // the same numbers and path every time
            leg.invite("10.0.0.1", 4000);
            leg.answer("10.0.0.2", 5000);
            t.after(1000);
            leg.bye(true);
        }

        List<Call> calls = t.calls();
        assertThat(calls).hasSize(3000);
        assertThat(calls.get(2999).id()).isEqualTo("call-3000");
        assertThat(calls).allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED));
    }

    @Test
    void numbersAreNormalisedSimply() {
        assertThat(CallAssembler.number("+1-418-261-8006")).isEqualTo("14182618006");
        assertThat(CallAssembler.number("0044 20 7946 0000")).isEqualTo("442079460000");
        assertThat(CallAssembler.numbersMatch("14182618006", "4182618006")).isTrue();
        assertThat(CallAssembler.numbersMatch("66010", "4505656010")).isFalse();
        assertThat(CallAssembler.numbersMatch("alice", "alice")).isTrue();
        assertThat(CallAssembler.userOf("sip:4182618006@host;user=phone")).isEqualTo("4182618006");
        assertThat(CallAssembler.userOf("tel:+14182618006;phone-context=x")).isEqualTo("+14182618006");
        assertThat(CallAssembler.userOf("sip:host.example:5060")).isNull();
        assertThat(CallAssembler.host("[2001:db8::1]:5060")).isEqualTo("2001:db8::1");
        assertThat(CallAssembler.host("192.0.2.1:5060")).isEqualTo("192.0.2.1");
    }

    /**
     * Candidates stop at the first earlier leg that started more than twice the tie window before: exactly twice is
     * still in, a nanosecond more is out, a leg after it never stops the walk, and captures years apart or with
     * times at the ends of what an Instant holds do not overflow.
     */
    @Test
    void theLookBackStopsJustPastTwiceTheTieWindow() {
        java.time.Instant t = java.time.Instant.ofEpochSecond(1_700_000_000L, 250_000_000);
        java.time.Instant twice = t.plus(CallAssembler.TIE_WINDOW.multipliedBy(2));
        assertThat(CallAssembler.moreThanTwoWindows(t.getEpochSecond(), t.getNano(), twice)).isFalse();
        assertThat(CallAssembler.moreThanTwoWindows(t.getEpochSecond(), t.getNano(), twice.plusNanos(1))).isTrue();
        assertThat(CallAssembler.moreThanTwoWindows(t.getEpochSecond(), t.getNano(), twice.minusNanos(1))).isFalse();
        assertThat(CallAssembler.moreThanTwoWindows(t.getEpochSecond(), t.getNano(), t.minusSeconds(3600))).isFalse();
        assertThat(CallAssembler.moreThanTwoWindows(twice.getEpochSecond(), 999_999_999, t)).isFalse();
        assertThat(CallAssembler.moreThanTwoWindows(java.time.Instant.MIN.getEpochSecond(), 0, java.time.Instant.MAX))
                .isTrue();
        assertThat(CallAssembler.moreThanTwoWindows(java.time.Instant.MAX.getEpochSecond(), 999_999_999,
                java.time.Instant.MIN)).isFalse();
    }

    /**
     * A finished call is kept to the end of the capture: its caller and callee are the very objects of its first
     * leg's From and To (one per header value), not copies.
     */
    @Test
    void aCallsPartiesAreItsFirstLegsNotCopies() {
        CallTrace t = new CallTrace();
        CallTrace.Leg leg = t.new Leg("p1", "1001", "2002", A, B);
        leg.invite("10.0.0.1", 4000);
        leg.answer("10.0.0.2", 5000);
        leg.ack();
        t.after(1000);
        leg.bye(true);
        Call call = only(t);
        assertThat(call.caller()).isSameAs(call.legs().get(0).from());
        assertThat(call.callee()).isSameAs(call.legs().get(0).to());
        assertThat(call.caller().user()).isEqualTo("1001");
    }

    /**
     * A Call-ID reused for call after call (a broken dialler; each call its own tags and branches): one call of many
     * dialogs, its hang-up the last BYE that is not a relay of another dialog's within a second of it. The BYE
     * 300 ms after another dialog's is such a relay; the ones seconds apart are not, however many come before.
     */
    @Test
    void aCallIdReusedForCallAfterCallHangsUpByItsLastBye() {
        CallTrace t = new CallTrace();
        int calls = 40;
        long[] byes = new long[calls];
        for (int i = 0; i < calls - 2; i++) {
            CallTrace.Leg leg = t.new Leg("r" + i, "1001", "2002", A, B).header("Call-ID", "reused@calls.example");
            leg.inviteWithoutSdp();
            leg.respond(200, "OK");
            leg.ack();
            t.after(1000);
            byes[i] = leg.bye(true);
            t.after(2000);
        }
        CallTrace.Leg p = t.new Leg("p", "1001", "2002", A, B).header("Call-ID", "reused@calls.example");
        CallTrace.Leg q = t.new Leg("q", "1001", "2002", A, B).header("Call-ID", "reused@calls.example");
        for (CallTrace.Leg leg : List.of(p, q)) {
            leg.inviteWithoutSdp();
            leg.respond(200, "OK");
            leg.ack();
        }
        t.after(1000);
        byes[calls - 2] = p.bye(true);
        t.after(300);
        byes[calls - 1] = q.bye(true);
        Call call = only(t);
        assertThat(call.callIds()).containsExactly("reused@calls.example");
        assertThat(call.hungUpBy().frame()).as("the last BYE relays the one 300 ms before it")
                .isEqualTo(byes[calls - 2]);
    }
}
