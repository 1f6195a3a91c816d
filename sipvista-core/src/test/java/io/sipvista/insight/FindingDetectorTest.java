package io.sipvista.insight;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.sipvista.insight.FindingTrace.SDP_TYPE;
import static io.sipvista.insight.FindingTrace.request;
import static io.sipvista.insight.FindingTrace.response;
import static io.sipvista.insight.FindingTrace.sdp;
import static org.assertj.core.api.Assertions.assertThat;

/** Findings detected from SIP text: each kind, its severity, wording values and exact evidence frames. */
class FindingDetectorTest {
    private static final String CONTACT_A = "Contact: <sip:alice@10.0.0.1:5060>";
    private static final String CONTACT_B = "Contact: <sip:bob@10.0.0.2:5060>";

    /** INVITE, 100, the failure, ACK: frames 1-4. */
    private static FindingTrace failed(int status, String reason) {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(10, response(100, "Trying", "INVITE", "z9hG4bK-i1", null, 1));
        t.send(2000, response(status, reason, "INVITE", "z9hG4bK-i1", "b1", 1));
        t.send(2010, request("ACK", "z9hG4bK-i1", "b1", 1));
        return t;
    }

    @Test
    void aBusyCalleeIsInfoWithCodeAndReason() {
        Finding f = failed(486, "Busy Here").only("call.busy");
        assertThat(f.severity()).isEqualTo("info");
        assertThat(f.frames()).containsExactly(1L, 3L);
        assertThat(f.callId()).isEqualTo("call-1");
        assertThat(f.text()).contains("486 Busy Here").contains("call-1").contains("busy");
        assertThat(f.rfc()).startsWith("RFC 3261");
    }

    @Test
    void anUnknownNumberIsAWarning() {
        FindingTrace t = failed(404, "Not Found");
        assertThat(t.ids()).containsExactly("call.not_found");
        assertThat(t.only("call.not_found").severity()).isEqualTo("warning");
        assertThat(t.only("call.not_found").frames()).containsExactly(1L, 3L);
    }

    @Test
    void temporarilyUnavailableIsNoAnswer() {
        Finding f = failed(480, "Temporarily Unavailable").only("call.no_answer");
        assertThat(f.severity()).isEqualTo("info");
        assertThat(f.text()).contains("480 Temporarily Unavailable");
    }

    @Test
    void aServiceUnavailableIsAServerError() {
        Finding f = failed(503, "Service Unavailable").only("call.unavailable");
        assertThat(f.severity()).isEqualTo("warning");
        assertThat(f.frames()).containsExactly(1L, 3L);
    }

    @Test
    void aDeclineIsInfo() {
        assertThat(failed(603, "Decline").only("call.declined").severity()).isEqualTo("info");
    }

    @Test
    void aForbiddenCallIsAWarning() {
        assertThat(failed(403, "Forbidden").only("call.forbidden").text()).contains("403 Forbidden");
    }

    @Test
    void aRedirectNotFollowedIsInfo() {
        Finding f = failed(302, "Moved Temporarily").only("call.redirected");
        assertThat(f.severity()).isEqualTo("info");
        assertThat(f.frames()).containsExactly(1L, 3L);
    }

    @Test
    void anyOtherFailureIsAGenericWarningWithItsCode() {
        Finding f = failed(415, "Unsupported Media Type").only("call.failed");
        assertThat(f.severity()).isEqualTo("warning");
        assertThat(f.text()).isEqualTo("call-1 from alice to bob got 415 Unsupported Media Type.");
    }

    @Test
    void theFailureOfTheRetryAfterAChallengeIsTheOneReported() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(10, response(407, "Proxy Authentication Required", "INVITE", "z9hG4bK-i1", "s1", 1,
                "Proxy-Authenticate: Digest realm=\"a.example\", nonce=\"n\""));
        t.send(20, request("ACK", "z9hG4bK-i1", "s1", 1));
        long retry = t.send(30, request("INVITE", "z9hG4bK-i2", null, 2, CONTACT_A,
                "Proxy-Authorization: Digest username=\"alice\", realm=\"a.example\", response=\"x\""));
        long refused = t.send(40, response(403, "Forbidden", "INVITE", "z9hG4bK-i2", "s2", 2));
        t.send(50, request("ACK", "z9hG4bK-i2", "s2", 2));
        assertThat(t.ids()).containsExactly("call.forbidden");
        assertThat(t.only("call.forbidden").frames()).containsExactly(retry, refused);
    }

    @Test
    void anOfferNotAcceptableIsReportedOnceNotAsACallFailure() {
        FindingTrace t = failed(488, "Not Acceptable Here");
        assertThat(t.ids()).containsExactly("offer.not_acceptable");
        Finding f = t.only("offer.not_acceptable");
        assertThat(f.frames()).containsExactly(1L, 3L);
        assertThat(f.callId()).isEqualTo("call-1");
        assertThat(f.text()).contains("488 Not Acceptable Here").contains("INVITE");
    }

    @Test
    void aCancelledCallIsNoFinding() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(10, response(180, "Ringing", "INVITE", "z9hG4bK-i1", "b1", 1));
        t.send(3000, request("CANCEL", "z9hG4bK-i1", null, 1));
        t.send(3010, response(200, "OK", "CANCEL", "z9hG4bK-i1", null, 1));
        t.send(3020, response(487, "Request Terminated", "INVITE", "z9hG4bK-i1", "b1", 1));
        t.send(3030, request("ACK", "z9hG4bK-i1", "b1", 1));
        assertThat(t.findings()).isEmpty();
    }

    /** A REGISTER challenged, then sent twice with credentials and challenged again each time. */
    private static FindingTrace challengedTwice() {
        FindingTrace t = new FindingTrace();
        String auth = "Authorization: Digest username=\"alice\", realm=\"a.example\", nonce=\"n\", "
                + "uri=\"sip:a.example\", response=\"x\"";
        String challenge = "WWW-Authenticate: Digest realm=\"a.example\", nonce=\"n2\"";
        t.send(0, request("REGISTER", "z9hG4bK-r1", null, 1, CONTACT_A));
        t.send(10, response(401, "Unauthorized", "REGISTER", "z9hG4bK-r1", "s1", 1, challenge));
        t.send(20, request("REGISTER", "z9hG4bK-r2", null, 2, CONTACT_A, auth));
        t.send(30, response(401, "Unauthorized", "REGISTER", "z9hG4bK-r2", "s2", 2, challenge));
        t.send(40, request("REGISTER", "z9hG4bK-r3", null, 3, CONTACT_A, auth));
        t.send(50, response(401, "Unauthorized", "REGISTER", "z9hG4bK-r3", "s3", 3, challenge));
        return t;
    }

    @Test
    void credentialsChallengedTwiceAreALoop() {
        FindingTrace t = challengedTwice();
        Finding f = t.only("auth.challenge_loop");
        assertThat(f.severity()).isEqualTo("error");
        assertThat(f.frames()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(f.text()).contains("REGISTER").contains("2 times").contains("\"a.example\"").contains("401");
        assertThat(f.callId()).isNull();
    }

    @Test
    void messagesGivenOutOfFrameOrderGiveTheSameFindings() {
        FindingTrace t = challengedTwice();
        // the loop needs each request's message (its credentials), found by frame number
        assertThat(t.findingsFromReversedEvents()).isEqualTo(t.findings());
        assertThat(t.ids()).contains("auth.challenge_loop");
        FindingTrace busy = failed(486, "Busy Here");
        assertThat(busy.findingsFromReversedEvents()).isEqualTo(busy.findings()).isNotEmpty();
    }

    @Test
    void oneChallengeThenSuccessIsNoLoop() {
        FindingTrace t = new FindingTrace();
        String auth = "Authorization: Digest username=\"alice\", realm=\"a.example\", response=\"x\"";
        t.send(0, request("REGISTER", "z9hG4bK-r1", null, 1, CONTACT_A));
        t.send(10, response(401, "Unauthorized", "REGISTER", "z9hG4bK-r1", "s1", 1,
                "WWW-Authenticate: Digest realm=\"a.example\""));
        t.send(20, request("REGISTER", "z9hG4bK-r2", null, 2, CONTACT_A, auth));
        t.send(30, response(200, "OK", "REGISTER", "z9hG4bK-r2", "s2", 2, CONTACT_A + ";expires=3600"));
        assertThat(t.ids()).doesNotContain("auth.challenge_loop");
    }

    @Test
    void aStaleNonceChallengeDoesNotCount() {
        FindingTrace t = new FindingTrace();
        String auth = "Proxy-Authorization: Digest username=\"alice\", realm=\"a.example\", response=\"x\"";
        String stale = "Proxy-Authenticate: Digest realm=\"a.example\", nonce=\"n3\", stale=true";
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A, auth));
        t.send(10, response(407, "Proxy Authentication Required", "INVITE", "z9hG4bK-i1", "s1", 1, stale));
        t.send(20, request("ACK", "z9hG4bK-i1", "s1", 1));
        t.send(30, request("INVITE", "z9hG4bK-i2", null, 2, CONTACT_A, auth));
        t.send(40, response(407, "Proxy Authentication Required", "INVITE", "z9hG4bK-i2", "s2", 2, stale));
        t.send(50, request("ACK", "z9hG4bK-i2", "s2", 2));
        assertThat(t.ids()).doesNotContain("auth.challenge_loop");
    }

    @Test
    void aChallengeWhoseReasonBlamesTheNonceDoesNotCount() {
        FindingTrace t = new FindingTrace();
        String auth = "Authorization: Digest username=\"alice\", realm=\"a.example\", response=\"x\"";
        String challenge = "WWW-Authenticate: Digest realm=\"a.example\", nonce=\"n2\"";
        t.send(0, request("REGISTER", "z9hG4bK-r1", null, 1, CONTACT_A, auth));
        t.send(10, response(401, "nonce has changed", "REGISTER", "z9hG4bK-r1", "s1", 1, challenge));
        t.send(20, request("REGISTER", "z9hG4bK-r2", null, 2, CONTACT_A, auth));
        t.send(30, response(401, "Nonce has changed", "REGISTER", "z9hG4bK-r2", "s2", 2, challenge));
        assertThat(t.ids()).doesNotContain("auth.challenge_loop");
    }

    @Test
    void aRegisterRefusedWith403IsARejectedRegistration() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("REGISTER", "reg-1", "z9hG4bK-r1", null, 1, CONTACT_A));
        t.send(10, response(100, "Trying", "reg-1", "REGISTER", "z9hG4bK-r1", null, 1));
        t.send(20, response(403, "Wrong password or domain", "reg-1", "REGISTER", "z9hG4bK-r1", "s1", 1));
        Finding f = t.only("registration.rejected");
        assertThat(f.frames()).containsExactly(1L, 3L);
        assertThat(f.text()).contains("sip:bob@b.example").contains("403 Wrong password or domain");
        assertThat(f.severity()).isEqualTo("warning");
    }

    /** PcapPlusPlus sip_resp: 504 and 503 to a REGISTER are a server failing, not the registrar refusing. */
    @Test
    void aRegisterAnswered503IsAServerErrorNotARefusal() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("REGISTER", "reg-1", "z9hG4bK-r1", null, 1, CONTACT_A));
        t.send(20, response(503, "Service Unavailable", "reg-1", "REGISTER", "z9hG4bK-r1", "s1", 1));
        assertThat(t.ids()).containsExactly("registration.server_error");
        Finding f = t.only("registration.server_error");
        assertThat(f.text()).contains("503 Service Unavailable").contains("failed").doesNotContain("refused");
        assertThat(f.severity()).isEqualTo("warning");
    }

    @Test
    void aRetransmitted2xxWithoutAckIsMissingAck() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(500, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        t.send(1000, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        t.send(2000, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        Finding f = t.only("ack.missing");
        assertThat(f.severity()).isEqualTo("error");
        assertThat(f.frames()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(f.text()).contains("200 OK").contains("3 times").contains("call-1@a.example");
        assertThat(f.rfc()).isEqualTo("RFC 3261 §13.3.1.4");
    }

    @Test
    void aRetransmitted2xxThatIsAckedIsFine() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(500, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        t.send(1000, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        t.send(1010, request("ACK", "z9hG4bK-a1", "b1", 1));
        assertThat(t.ids()).doesNotContain("ack.missing");
    }

    @Test
    void anInviteUnansweredFor32SecondsTimedOut() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(500, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(40_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        t.send(40_010, response(200, "OK", "other@a.example", "OPTIONS", "z9hG4bK-o1", "x", 1));
        Finding f = t.only("invite.timeout");
        assertThat(f.frames()).containsExactly(1L, 2L);
        assertThat(f.severity()).isEqualTo("warning");
        assertThat(f.text()).contains("40 s").contains("10.0.0.2:5060");
        assertThat(f.rfc()).isEqualTo("RFC 3261 §17.1.1.2");
    }

    /**
     * heplify tcp fragmented call-52: 183 and PRACK, then 32 s of early media to the end of the capture. A
     * provisional response ends Timer B (RFC 3261 §17.1.1.2, Calling to Proceeding): still pending, no timeout.
     */
    @Test
    void anInviteWithAProvisionalResponseDoesNotTimeOut() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(100, response(183, "Session Progress", "INVITE", "z9hG4bK-i1", "b1", 1));
        t.send(40_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        assertThat(t.ids()).doesNotContain("invite.timeout");
        assertThat(t.only("invite.no_final_response").text()).contains("40 s later");
    }

    @Test
    void anInviteStillPendingAtTheEndOfAShortCapture() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(100, response(100, "Trying", "INVITE", "z9hG4bK-i1", null, 1));
        t.send(5000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        assertThat(t.ids()).doesNotContain("invite.timeout");
        Finding f = t.only("invite.no_final_response");
        assertThat(f.frames()).containsExactly(1L);
        assertThat(f.severity()).isEqualTo("info");
        assertThat(f.text()).contains("5 s");
    }

    /** PcapPlusPlus sip_reqs: the next message comes 6 years later; the INVITE did not wait 6 years. */
    @Test
    void anInviteFollowedByAJumpOfYearsIsNotATimeout() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(2_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        t.send(198_166_587_000L, request("OPTIONS", "other@a.example", "z9hG4bK-o2", null, 2));
        assertThat(t.ids()).doesNotContain("invite.timeout", "invite.no_final_response");
        Finding f = t.only("invite.capture_jump");
        assertThat(f.severity()).isEqualTo("info");
        assertThat(f.frames()).containsExactly(1L);
        assertThat(f.text()).contains("in the 2 s the capture watched").contains("jumps 6 years ahead")
                .doesNotContain("198166");
    }

    /** A jump back in time is found the same way (messages out of time order are walked one by one). */
    @Test
    void anInviteFollowedByAJumpBackIsNotATimeout() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(2_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        t.send(-198_166_587_000L, request("OPTIONS", "other@a.example", "z9hG4bK-o2", null, 2));
        Finding f = t.only("invite.capture_jump");
        assertThat(f.frames()).containsExactly(1L);
        assertThat(f.text()).contains("in the 2 s the capture watched").contains("jumps 6 years back");
    }

    /** Each of several unanswered INVITEs is watched from its own start to the last message before the jump. */
    @Test
    void unansweredInvitesAreEachWatchedUntilTheJump() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "call-1@a.example", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(1_000, request("INVITE", "call-2@a.example", "z9hG4bK-i2", null, 1, CONTACT_A));
        t.send(4_000, request("INVITE", "call-3@a.example", "z9hG4bK-i3", null, 1, CONTACT_A));
        t.send(7_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        t.send(198_166_587_000L, request("OPTIONS", "other@a.example", "z9hG4bK-o2", null, 2));
        assertThat(t.findings()).filteredOn(f -> f.id().equals("invite.capture_jump"))
                .extracting(Finding::text)
                .satisfiesExactly(a -> assertThat(a).contains("call-1@a.example").contains("in the 7 s the capture"),
                        b -> assertThat(b).contains("call-2@a.example").contains("in the 6 s the capture"),
                        c -> assertThat(c).contains("call-3@a.example").contains("in the 3 s the capture"));
    }

    /** heplify ipv6: the 200 with the INVITE's branch is stamped years later; the INVITE was answered all the same. */
    @Test
    void anInviteAnsweredAfterAJumpIsNotUnanswered() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(198_166_587_000L, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        t.send(198_166_587_010L, request("ACK", "z9hG4bK-a1", "b1", 1));
        assertThat(t.ids()).doesNotContain("invite.timeout", "invite.capture_jump", "invite.no_final_response");
    }

    /** heplify ipip0: a client reusing one branch for every INVITE; a 403 of another Call-ID answers another. */
    @Test
    void aResponseWithTheSameBranchButAnotherCallIdDoesNotAnswerTheInvite() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "call-1@a.example", "z9hG4bKbranch00042", null, 102, CONTACT_A));
        t.send(1, response(403, "Forbidden", "call-2@a.example", "INVITE", "z9hG4bKbranch00042", "b1", 102));
        t.send(1000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        assertThat(t.ids()).contains("invite.no_final_response");
    }

    /** One odd last frame, years after the last message, does not make the INVITE wait years. */
    @Test
    void aCaptureEndYearsLaterIsAJumpToo() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        Instant end = Instant.ofEpochSecond(FindingTrace.START).plus(Duration.ofDays(800));
        assertThat(t.findings(end)).extracting(Finding::id).containsExactly("invite.capture_jump");
        assertThat(t.findings(end).get(0).text()).contains("0 s").contains("2 years ahead");
    }

    @Test
    void aTimeoutAfterMinutesIsWordedInMinutes() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(3_700_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        assertThat(t.only("invite.timeout").text()).contains("in the 61 min the capture watched after it");
    }

    @Test
    void durationsAreWordedAsAPersonWould() {
        assertThat(Durations.words(Duration.ofMillis(124_900))).isEqualTo("124 s");
        assertThat(Durations.words(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(Durations.words(Duration.ofHours(30))).isEqualTo("30 h");
        assertThat(Durations.words(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Durations.words(Duration.ofSeconds(374_530_236))).isEqualTo("11 years");
    }

    @Test
    void aCancelAnsweredWhileThe2xxCrossedItIsARace() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(10, response(180, "Ringing", "INVITE", "z9hG4bK-i1", "b1", 1));
        long cancel = t.send(3000, request("CANCEL", "z9hG4bK-i1", null, 1));
        long cancelOk = t.send(3010, response(200, "OK", "CANCEL", "z9hG4bK-i1", null, 1));
        long ok = t.send(3011, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B));
        t.send(3020, request("ACK", "z9hG4bK-a1", "b1", 1));
        t.send(3030, request("BYE", "z9hG4bK-b1", "b1", 2));
        t.send(3040, response(200, "OK", "BYE", "z9hG4bK-b1", "b1", 2));
        Finding f = t.only("cancel.race");
        assertThat(f.frames()).containsExactly(cancel, cancelOk, ok);
        assertThat(f.severity()).isEqualTo("warning");
        assertThat(f.text()).contains("200 OK");
    }

    @Test
    void a481ToABye() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("BYE", "z9hG4bK-b1", "b9", 5));
        t.send(10, response(481, "Call/Transaction Does Not Exist", "BYE", "z9hG4bK-b1", "b9", 5));
        Finding f = t.only("dialog.does_not_exist");
        assertThat(f.frames()).containsExactly(1L, 2L);
        assertThat(f.text()).contains("BYE").contains("481 Call/Transaction Does Not Exist");
    }

    @Test
    void a482LoopIsAnError() {
        Finding f = failed(482, "Loop Detected").only("request.loop_detected");
        assertThat(f.severity()).isEqualTo("error");
        assertThat(f.frames()).containsExactly(1L, 3L);
    }

    @Test
    void a483TooManyHopsIsAnError() {
        assertThat(failed(483, "Too Many Hops").ids()).containsExactly("request.too_many_hops");
    }

    @Test
    void a606IsAnOfferNotAcceptable() {
        assertThat(failed(606, "Not Acceptable").ids()).containsExactly("offer.not_acceptable");
    }

    @Test
    void a491ToAReInviteIsGlare() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0", 1), sdp("10.0.0.2", 5000, "0", 1));
        long reinvite = t.send(5000, request("INVITE", "z9hG4bK-i2", "b1", 2, CONTACT_A, SDP_TYPE),
                sdp("10.0.0.1", 4000, "0", 2));
        long pending = t.send(5010, response(491, "Request Pending", "INVITE", "z9hG4bK-i2", "b1", 2));
        Finding f = t.only("request.pending");
        assertThat(f.frames()).containsExactly(reinvite, pending);
        assertThat(f.callId()).isEqualTo("call-1");
    }

    /** INVITE with offer (1), 200 with answer (2), ACK (3). */
    private static FindingTrace answered(String offer, String answer) {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A, SDP_TYPE), offer);
        t.send(100, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B, SDP_TYPE), answer);
        t.send(110, request("ACK", "z9hG4bK-a1", "b1", 1));
        return t;
    }

    @Test
    void anAnswerSharingNoCodecWithTheOfferIsAWarning() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0 101", 1), sdp("10.0.0.2", 5000, "8", 1));
        Finding f = t.only("offer.no_common_codec");
        assertThat(f.severity()).isEqualTo("warning");
        assertThat(f.frames()).containsExactly(1L, 2L);
        assertThat(f.text()).contains("PCMA/8000").contains("frame 2").contains("frame 1");
        assertThat(f.rfc()).isEqualTo("RFC 3264 §6.1");
    }

    /** RFC 3264 §6.1: a unicast answer MAY list formats the offer did not, e.g. telephone-event (sipp, Asterisk). */
    @Test
    void anAnswerAddingTelephoneEventToAnOfferedCodecIsFine() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0", 1), sdp("10.0.0.2", 5000, "0 101", 1)
                + "a=rtpmap:101 telephone-event/8000\n");
        assertThat(t.findings()).isEmpty();
    }

    @Test
    void anAnswerSharingOnlyTelephoneEventSharesNoCodec() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0 101", 1) + "a=rtpmap:101 telephone-event/8000\n",
                sdp("10.0.0.2", 5000, "8 101", 1) + "a=rtpmap:101 telephone-event/8000\n");
        assertThat(t.only("offer.no_common_codec").text()).contains("PCMA/8000, telephone-event/8000");
    }

    /** RFC 3264 §6.2: a multicast answer may only keep or drop formats of the offer. */
    @Test
    void aMulticastAnswerAddingAFormatIsAWarning() {
        FindingTrace t = answered(sdp("224.2.1.1", 4000, "0", 1), sdp("224.2.1.1", 4000, "0 8", 1));
        Finding f = t.only("offer.multicast_format_added");
        assertThat(f.severity()).isEqualTo("warning");
        assertThat(f.text()).contains("PCMA/8000").doesNotContain("PCMU");
        assertThat(f.rfc()).isEqualTo("RFC 3264 §6.2");
        assertThat(t.ids()).doesNotContain("offer.no_common_codec");
    }

    @Test
    void anAnswerWithASubsetOfTheOfferIsFine() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0 8", 1), sdp("10.0.0.2", 5000, "8", 1));
        assertThat(t.findings()).isEmpty();
    }

    /**
     * nDPI FAX: a T.38 re-INVITE refused with 488, then an audio re-INVITE with the same o= version. The refused
     * offer never took effect (RFC 3261 §14.1); against the description in force the version did increase.
     */
    @Test
    void anOfferAfterARefusedOfferMayReuseTheRefusedVersion() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0", 1), sdp("10.0.0.2", 5000, "0", 1));
        t.send(5000, request("INVITE", "z9hG4bK-i2", "b1", 2, CONTACT_A, SDP_TYPE),
                sdp("10.0.0.1", 4000, "0", 2).replace("m=audio 4000 RTP/AVP 0", "m=image 4000 udptl t38"));
        t.send(5010, response(488, "Not Acceptable Here", "INVITE", "z9hG4bK-i2", "b1", 2));
        t.send(5020, request("ACK", "z9hG4bK-i2", "b1", 2));
        t.send(5030, request("INVITE", "z9hG4bK-i3", "b1", 3, CONTACT_A, SDP_TYPE),
                sdp("10.0.0.1", 4000, "0 8", 2));
        t.send(5040, response(200, "OK", "INVITE", "z9hG4bK-i3", "b1", 3, CONTACT_B, SDP_TYPE),
                sdp("10.0.0.2", 5000, "0", 2));
        t.send(5050, request("ACK", "z9hG4bK-a3", "b1", 3));
        assertThat(t.ids()).doesNotContain("sdp.version_not_increased").contains("offer.not_acceptable");
    }

    @Test
    void aChangedSdpWithTheSameVersionIsAViolation() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0", 1), sdp("10.0.0.2", 5000, "0", 1));
        long reinvite = t.send(5000, request("INVITE", "z9hG4bK-i2", "b1", 2, CONTACT_A, SDP_TYPE),
                sdp("10.0.0.1", 4002, "0", 1));
        t.send(5010, response(200, "OK", "INVITE", "z9hG4bK-i2", "b1", 2, CONTACT_B, SDP_TYPE),
                sdp("10.0.0.2", 5000, "0", 2));
        t.send(5020, request("ACK", "z9hG4bK-a2", "b1", 2));
        Finding f = t.only("sdp.version_not_increased");
        assertThat(f.frames()).containsExactly(1L, reinvite);
        assertThat(f.text()).contains("frame " + reinvite).contains("frame 1").contains("version 1");
        assertThat(f.rfc()).isEqualTo("RFC 3264 §8");
    }

    @Test
    void anUnchangedSdpWithTheSameVersionOrAChangeWithANewVersionIsFine() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0", 1), sdp("10.0.0.2", 5000, "0", 1));
        t.send(5000, request("INVITE", "z9hG4bK-i2", "b1", 2, CONTACT_A, SDP_TYPE), sdp("10.0.0.1", 4000, "0", 1));
        t.send(5010, response(200, "OK", "INVITE", "z9hG4bK-i2", "b1", 2, CONTACT_B, SDP_TYPE),
                sdp("10.0.0.2", 5002, "0", 2));
        t.send(5020, request("ACK", "z9hG4bK-a2", "b1", 2));
        t.send(9000, request("INVITE", "z9hG4bK-i3", "b1", 3, CONTACT_A, SDP_TYPE), sdp("10.0.0.1", 4000, "0", 3));
        t.send(9010, response(200, "OK", "INVITE", "z9hG4bK-i3", "b1", 3, CONTACT_B, SDP_TYPE),
                sdp("10.0.0.2", 5002, "0", 3));
        t.send(9020, request("ACK", "z9hG4bK-a3", "b1", 3));
        assertThat(t.findings()).isEmpty();
    }

    @Test
    void aPrivateContactAndMediaFromAPublicSourceIsNat() {
        FindingTrace t = new FindingTrace();
        String via = "Via: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-n1;rport=61000;received=203.0.113.5";
        String head = "INVITE sip:bob@b.example SIP/2.0\n" + via + "\nFrom: <sip:alice@a.example>;tag=a1\n"
                + "To: <sip:bob@b.example>\nCall-ID: nat-1\nCSeq: 1 INVITE\nMax-Forwards: 70\n"
                + "Contact: <sip:alice@192.168.1.10:5060>\n" + SDP_TYPE;
        t.send(0, "203.0.113.5:61000", "198.51.100.7:5060", head, sdp("192.168.1.10", 4000, "0", 1));
        Finding contact = t.only("nat.private_contact");
        Finding media = t.only("nat.private_media");
        assertThat(contact.frames()).containsExactly(1L);
        assertThat(media.frames()).containsExactly(1L);
        assertThat(contact.text()).contains("203.0.113.5:61000").contains("192.168.1.10").contains("public address 203.0.113.5")
                .contains("received=203.0.113.5").contains("rport=61000");
        assertThat(media.severity()).isEqualTo("warning");
    }

    /** MagicJack: the server's in-dialog BYE reached the client behind NAT and was answered: the NAT is handled. */
    @Test
    void aPrivateContactThatTheServerReachesIsNoFinding() {
        FindingTrace t = new FindingTrace();
        String head = "INVITE sip:bob@b.example SIP/2.0\nVia: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-n1\n"
                + "From: <sip:alice@a.example>;tag=a1\nTo: <sip:bob@b.example>\nCall-ID: nat-3\n"
                + "CSeq: 1 INVITE\nMax-Forwards: 70\nContact: <sip:alice@192.168.1.10>";
        t.send(0, "203.0.113.5:61000", "198.51.100.7:5060", head, "");
        t.send(10, "198.51.100.7:5060", "203.0.113.5:61000", "SIP/2.0 200 OK\nVia: SIP/2.0/UDP"
                + " 192.168.1.10:5060;branch=z9hG4bK-n1;received=203.0.113.5;rport=61000\nFrom: <sip:alice@a.example>"
                + ";tag=a1\nTo: <sip:bob@b.example>;tag=b1\nCall-ID: nat-3\nCSeq: 1 INVITE", "");
        t.send(5000, "198.51.100.7:5060", "203.0.113.5:61000", "BYE sip:alice@192.168.1.10 SIP/2.0\nVia: SIP/2.0/UDP"
                + " 198.51.100.7:5060;branch=z9hG4bK-b1\nFrom: <sip:bob@b.example>;tag=b1\nTo: <sip:alice@a.example>"
                + ";tag=a1\nCall-ID: nat-3\nCSeq: 1 BYE\nMax-Forwards: 70", "");
        t.send(5010, "203.0.113.5:61000", "198.51.100.7:5060", "SIP/2.0 200 OK\nVia: SIP/2.0/UDP"
                + " 198.51.100.7:5060;branch=z9hG4bK-b1\nFrom: <sip:bob@b.example>;tag=b1\nTo: <sip:alice@a.example>"
                + ";tag=a1\nCall-ID: nat-3\nCSeq: 1 BYE", "");
        assertThat(t.ids()).doesNotContain("nat.private_contact");
    }

    /** heplify erspan: the SBC answering the NAT'd phone puts its own address in its SDP: it anchors the media. */
    @Test
    void privateMediaSentToAnSbcThatAnchorsTheMediaIsNoFinding() {
        FindingTrace t = new FindingTrace();
        String invite = "INVITE sip:alice@192.168.1.10 SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-i1"
                + "\nFrom: <sip:bob@b.example>;tag=b1\nTo: <sip:alice@a.example>\nCall-ID: nat-4\nCSeq: 1 INVITE\n"
                + "Max-Forwards: 70\nContact: <sip:198.51.100.7:5060>\n" + FindingTrace.SDP_TYPE;
        t.send(0, "198.51.100.7:5060", "203.0.113.5:61000", invite, sdp("198.51.100.7", 30000, "0", 1));
        t.send(10, "203.0.113.5:61000", "198.51.100.7:5060", "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 198.51.100.7:5060;"
                + "branch=z9hG4bK-i1\nFrom: <sip:bob@b.example>;tag=b1\nTo: <sip:alice@a.example>;tag=a1\n"
                + "Call-ID: nat-4\nCSeq: 1 INVITE\nContact: <sip:alice@192.168.1.10>\n" + FindingTrace.SDP_TYPE,
                sdp("192.168.1.10", 4000, "0", 1));
        assertThat(t.ids()).doesNotContain("nat.private_media");
    }

    @Test
    void aSharedAddressSpaceContactFromAPublicSourceIsNat() {
        FindingTrace t = new FindingTrace();
        String head = "OPTIONS sip:bob@b.example SIP/2.0\nVia: SIP/2.0/UDP 100.64.3.4:5060;branch=z9hG4bK-n1\n"
                + "From: <sip:alice@a.example>;tag=a1\nTo: <sip:bob@b.example>\nCall-ID: nat-2\n"
                + "CSeq: 1 OPTIONS\nMax-Forwards: 70\nContact: <sip:alice@100.64.3.4>";
        t.send(0, "203.0.113.5:5060", "198.51.100.7:5060", head, "");
        t.send(1000, "203.0.113.5:5060", "198.51.100.7:5060", head.replace("n1", "n2").replace("1 OPT", "2 OPT"),
                "");
        Finding f = t.only("nat.private_contact");
        assertThat(f.frames()).containsExactly(1L, 2L);
        assertThat(f.text()).doesNotContain("top Via");
    }

    @Test
    void privateAddressesFromAPrivateSourceAreNoNat() {
        FindingTrace t = answered(sdp("10.0.0.1", 4000, "0", 1), sdp("10.0.0.2", 5000, "0", 1));
        assertThat(t.ids()).doesNotContain("nat.private_contact", "nat.private_media");
    }

    @Test
    void aRegistrationThatLapsedWithoutRefresh() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("REGISTER", "reg-1", "z9hG4bK-r1", null, 1, CONTACT_A, "Expires: 60"));
        t.send(10, response(200, "OK", "reg-1", "REGISTER", "z9hG4bK-r1", "s1", 1, CONTACT_A + ";expires=60"));
        t.send(120_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        Finding f = t.only("registration.expired");
        assertThat(f.frames()).containsExactly(1L, 2L);
        assertThat(f.text()).contains("sip:bob@b.example").contains("60 s").contains("frame 2");
        assertThat(f.severity()).isEqualTo("warning");
    }

    @Test
    void aRegistrationLapsesBeforeAGivenCaptureEnd() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("REGISTER", "reg-1", "z9hG4bK-r1", null, 1, CONTACT_A, "Expires: 60"));
        t.send(10, response(200, "OK", "reg-1", "REGISTER", "z9hG4bK-r1", "s1", 1, CONTACT_A + ";expires=60"));
        assertThat(t.ids()).isEmpty();
        java.time.Instant end = java.time.Instant.ofEpochSecond(FindingTrace.START + 61);
        assertThat(t.findings(end)).extracting(Finding::id).containsExactly("registration.expired");
    }

    @Test
    void aRefreshedRegistrationDidNotLapse() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("REGISTER", "reg-1", "z9hG4bK-r1", null, 1, CONTACT_A, "Expires: 60"));
        t.send(10, response(200, "OK", "reg-1", "REGISTER", "z9hG4bK-r1", "s1", 1, CONTACT_A + ";expires=60"));
        t.send(50_000, request("REGISTER", "reg-1", "z9hG4bK-r2", null, 2, CONTACT_A, "Expires: 60"));
        t.send(50_010, response(200, "OK", "reg-1", "REGISTER", "z9hG4bK-r2", "s2", 2, CONTACT_A + ";expires=60"));
        t.send(100_000, request("OPTIONS", "other@a.example", "z9hG4bK-o1", null, 1));
        assertThat(t.ids()).doesNotContain("registration.expired");
    }

    @Test
    void aSessionTimerNotRefreshedWhileTheCallLasted() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A, "Session-Expires: 90"));
        long ok = t.send(100, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B,
                "Session-Expires: 90;refresher=uac", "Require: timer"));
        t.send(110, request("ACK", "z9hG4bK-a1", "b1", 1));
        long bye = t.send(200_000, request("BYE", "z9hG4bK-b1", "b1", 2));
        t.send(200_010, response(200, "OK", "BYE", "z9hG4bK-b1", "b1", 2));
        Finding f = t.only("session.timer_expired");
        assertThat(f.frames()).containsExactly(ok, bye);
        assertThat(f.text()).contains("90 s").contains("refresher=uac").contains("frame " + ok);
        assertThat(f.callId()).isEqualTo("call-1");
    }

    @Test
    void aSessionTimerRefreshedInTimeIsFine() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A, "Session-Expires: 90"));
        t.send(100, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B,
                "Session-Expires: 90;refresher=uac"));
        t.send(110, request("ACK", "z9hG4bK-a1", "b1", 1));
        t.send(45_000, request("UPDATE", "z9hG4bK-u1", "b1", 2, "Session-Expires: 90;refresher=uac"));
        t.send(45_010, response(200, "OK", "UPDATE", "z9hG4bK-u1", "b1", 2, "Session-Expires: 90;refresher=uac"));
        t.send(100_000, request("BYE", "z9hG4bK-b1", "b1", 3));
        t.send(100_010, response(200, "OK", "BYE", "z9hG4bK-b1", "b1", 3));
        assertThat(t.ids()).doesNotContain("session.timer_expired");
    }

    @Test
    void aCallShorterThanItsSessionTimerIsFine() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT_A));
        t.send(100, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, CONTACT_B, "Session-Expires: 1800"));
        t.send(110, request("ACK", "z9hG4bK-a1", "b1", 1));
        t.send(60_000, request("BYE", "z9hG4bK-b1", "b1", 2));
        t.send(60_010, response(200, "OK", "BYE", "z9hG4bK-b1", "b1", 2));
        assertThat(t.findings()).isEmpty();
    }

    @Test
    void findingsAreOrderedByFirstEvidenceFrameThenId() {
        FindingTrace t = new FindingTrace();
        t.send(0, request("INVITE", "c2", "z9hG4bK-x1", null, 1, CONTACT_A));
        t.send(10, response(486, "Busy Here", "c2", "INVITE", "z9hG4bK-x1", "b1", 1));
        t.send(20, request("ACK", "c2", "z9hG4bK-x1", "b1", 1));
        t.send(30, request("BYE", "c3", "z9hG4bK-y1", "b9", 5));
        t.send(40, response(481, "Call/Transaction Does Not Exist", "c3", "BYE", "z9hG4bK-y1", "b9", 5));
        List<Finding> f = t.findings();
        assertThat(f).extracting(Finding::id).containsExactly("call.busy", "dialog.does_not_exist");
        assertThat(f).extracting(Finding::firstFrame).containsExactly(1L, 4L);
        assertThat(t.findings()).isEqualTo(f);
    }
}
