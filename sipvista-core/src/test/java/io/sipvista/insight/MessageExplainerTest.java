package io.sipvista.insight;

import org.junit.jupiter.api.Test;

import static io.sipvista.insight.Wire.SDP_TYPE;
import static io.sipvista.insight.Wire.request;
import static io.sipvista.insight.Wire.response;
import static io.sipvista.insight.Wire.sdp;
import static org.assertj.core.api.Assertions.assertThat;

/** One explanation family per test, from SIP text. */
class MessageExplainerTest {
    private static final String CONTACT = "Contact: <sip:bob@10.0.0.1:5060>";
    private static final String OFFER = sdp("10.0.0.1", 4000, "0 8 101", null);
    private static final String ANSWER = sdp("10.0.0.2", 5000, "0", null);

    private static Wire call() {
        return new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT, SDP_TYPE), OFFER)
                .back(5, response(100, "Trying", "INVITE", "z9hG4bK-i1", null, 1))
                .back(300, response(180, "Ringing", "INVITE", "z9hG4bK-i1", "b1", 1))
                .back(4300, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, SDP_TYPE), ANSWER)
                .send(4310, request("ACK", "z9hG4bK-a1", "b1", 1));
    }

    @Test
    void aRegisterAndItsOkSayWhatWasAskedAndGranted() {
        Wire w = new Wire()
                .send(0, request("REGISTER", "z9hG4bK-r1", null, 1, CONTACT + ";expires=600"))
                .back(8, response(200, "OK", "REGISTER", "z9hG4bK-r1", "s1", 1, CONTACT + ";expires=300"));
        assertThat(w.text(1)).isEqualTo("bob asks the registrar to bind sip:bob@10.0.0.1:5060 for 600 s");
        assertThat(w.text(2)).isEqualTo("registrar accepted bob at 10.0.0.1:5060 for 300 s of the 600 asked");
    }

    @Test
    void aChallengeNamesTheRealmAndTheRetry() {
        Wire w = new Wire()
                .send(0, request("REGISTER", "z9hG4bK-r1", null, 1, CONTACT, "Expires: 3600"))
                .back(5, response(401, "Unauthorized", "REGISTER", "z9hG4bK-r1", "s1", 1,
                        "WWW-Authenticate: Digest realm=\"b.example\", nonce=\"n\""))
                .send(9, request("REGISTER", "z9hG4bK-r2", null, 2, CONTACT, "Expires: 3600",
                        "Authorization: Digest username=\"bob\""))
                .back(12, response(200, "OK", "REGISTER", "z9hG4bK-r2", "s2", 2, CONTACT + ";expires=3600"));
        assertThat(w.text(2))
                .isEqualTo("registrar challenge: credentials required (realm b.example); the retry is frame 3");
        assertThat(w.text(3)).isEqualTo("bob asks again, with credentials, to bind sip:bob@10.0.0.1:5060 for 3600 s "
                + "(challenged in frame 2)");
    }

    @Test
    void aChallengeWithoutRetrySaysSo() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                .back(5, response(407, "Proxy Authentication Required", "INVITE", "z9hG4bK-i1", "p1", 1,
                        "Proxy-Authenticate: Digest realm=\"proxy\", nonce=\"n\""));
        assertThat(w.frame(2).id()).isEqualTo("INVITE.407");
        assertThat(w.text(2)).isEqualTo("the call needs proxy credentials (realm proxy); no retry in the capture");
    }

    @Test
    void aTooBriefRegistrationGivesTheMinimum() {
        Wire w = new Wire()
                .send(0, request("REGISTER", "z9hG4bK-r1", null, 1, CONTACT + ";expires=10"))
                .back(5, response(423, "Interval Too Brief", "REGISTER", "z9hG4bK-r1", "s1", 1, "Min-Expires: 60"));
        assertThat(w.text(2)).isEqualTo("registrar finds the expiry too brief; it wants at least 60 s");
    }

    @Test
    void aDeregistrationIsNamed() {
        Wire w = new Wire()
                .send(0, request("REGISTER", "z9hG4bK-r1", null, 1, "Contact: *", "Expires: 0"))
                .back(5, response(200, "OK", "REGISTER", "z9hG4bK-r1", "s1", 1));
        assertThat(w.text(1)).isEqualTo("bob asks the registrar to remove all its bindings");
        assertThat(w.text(2)).isEqualTo("registrar removed the binding of bob; 0 left");
    }

    @Test
    void theCallFromInviteToAck() {
        Wire w = call();
        assertThat(w.text(1)).isEqualTo("Alice calls bob; SDP offer: PCMU, PCMA, 101 to 10.0.0.1:4000");
        assertThat(w.text(2)).isEqualTo("answers the INVITE of frame 1 after 5 ms; the next hop is working on it");
        assertThat(w.text(3)).isEqualTo("the callee's phone is ringing (300 ms after the INVITE)");
        assertThat(w.text(4)).isEqualTo("call answered after 4.3 s; SDP answer: PCMU to 10.0.0.2:5000");
        assertThat(w.text(5)).isEqualTo("confirms the answer of frame 4; the dialog is up");
    }

    @Test
    void byeSaysWhoHangsUpAfterHowLongAndItsOkOnlyConfirms() {
        Wire w = call()
                .back(14300, "BYE sip:alice@10.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-b1\n"
                        + "From: \"Bob\" <sip:bob@b.example>;tag=b1\nTo: \"Alice\" <sip:alice@a.example>;tag=a1\n"
                        + "Call-ID: call-1@a.example\nCSeq: 1 BYE\nMax-Forwards: 70")
                .send(14305, "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-b1\n"
                        + "From: \"Bob\" <sip:bob@b.example>;tag=b1\nTo: \"Alice\" <sip:alice@a.example>;tag=a1\n"
                        + "Call-ID: call-1@a.example\nCSeq: 1 BYE", "");
        assertThat(w.text(6)).isEqualTo("Bob hangs up after 10.0 s of talk");
        assertThat(w.text(7)).isEqualTo("hang-up confirmed");
    }

    @Test
    void aRetransmissionNamesTheFrameItRepeats() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                .send(500, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT));
        assertThat(w.text(2)).isEqualTo("retransmission of frame 1 (after 500 ms)");
    }

    @Test
    void busyEndsTheCallAndItsAckSaysWhichFailureItAcknowledges() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                .back(40, response(486, "Busy Here", "INVITE", "z9hG4bK-i1", "b1", 1))
                .send(45, request("ACK", "z9hG4bK-i1", "b1", 1));
        assertThat(w.text(1))
                .isEqualTo("Alice calls bob without SDP: the offer is expected in the 2xx (delayed offer)");
        assertThat(w.text(2)).isEqualTo("the callee is busy");
        assertThat(w.text(3)).isEqualTo("acknowledges the failure response of frame 2; the INVITE transaction ends");
    }

    /** PcapPlusPlus sip_reqs frame 3: an ACK alone; without its INVITE a 2xx and a failure are acked alike. */
    @Test
    void anAckWhoseInviteIsNotCapturedDoesNotClaimTheDialogIsUp() {
        Wire w = new Wire().send(0, request("ACK", "z9hG4bK-a1", "b1", 11));
        assertThat(w.text(1)).contains("INVITE that is not in the capture").doesNotContain("dialog is up");
    }

    @Test
    void cancelAnd487() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                .back(300, response(180, "Ringing", "INVITE", "z9hG4bK-i1", "b1", 1))
                .send(2000, request("CANCEL", "z9hG4bK-i1", null, 1))
                .back(2005, response(200, "OK", "CANCEL", "z9hG4bK-i1", "b1", 1))
                .back(2006, response(487, "Request Terminated", "INVITE", "z9hG4bK-i1", "b1", 1));
        assertThat(w.text(3)).isEqualTo("Alice cancels the pending INVITE of frame 1");
        assertThat(w.text(4)).isEqualTo("the CANCEL is accepted; the INVITE is to end with 487");
        assertThat(w.text(5)).isEqualTo("the INVITE was cancelled before it was answered (CANCEL in frame 3)");
    }

    @Test
    void failuresOfAnInviteAreWordedForACall() {
        for (Object[] c : new Object[][] {
                {488, "Not Acceptable Here", "the callee accepts none of the offered media: the SDP offer is refused"},
                {404, "Not Found", "the called party does not exist here (404 Not Found)"},
                {408, "Request Timeout", "no final answer to the INVITE in time: the call attempt timed out"},
                {480, "Temporarily Unavailable",
                        "the callee is temporarily unavailable (not registered or do not disturb)"},
                {403, "Forbidden", "the call is refused by policy (403 Forbidden)"},
                {500, "Server Internal Error", "call attempt failed in the network: 500 Server Internal Error"},
                {603, "Decline", "the callee declined the call (603 Decline)"},
                {606, "Not Acceptable", "the call is refused everywhere: 606 Not Acceptable"}}) {
            Wire w = new Wire()
                    .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                    .back(40, response((int) c[0], (String) c[1], "INVITE", "z9hG4bK-i1", "b1", 1));
            assertThat(w.text(2)).as("%s", c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void theSameStatusesToOtherMethodsDoNotSpeakOfACall() {
        for (Object[] c : new Object[][] {
                {481, "Call/Transaction Does Not Exist", "the other side knows no such dialog or transaction"},
                {482, "Loop Detected", "loop detected: the request came back to a server it already passed"},
                {483, "Too Many Hops", "too many hops: Max-Forwards reached 0"},
                {486, "Busy Here", "busy here"},
                {503, "Service Unavailable", "service unavailable: the server is overloaded or in maintenance"},
                {604, "Does Not Exist Anywhere",
                        "global failure: 604 Does Not Exist Anywhere (no point trying elsewhere)"}}) {
            Wire w = new Wire()
                    .send(0, request("MESSAGE", "z9hG4bK-m1", null, 1, "Content-Type: text/plain"), "hi")
                    .back(40, response((int) c[0], (String) c[1], "MESSAGE", "z9hG4bK-m1", "b1", 1));
            assertThat(w.text(2)).as("%s", c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void holdAndResumeByReInvite() {
        Wire w = call()
                .send(5000, request("INVITE", "z9hG4bK-i2", "b1", 2, CONTACT, SDP_TYPE),
                        sdp("10.0.0.1", 4000, "0", "sendonly"))
                .back(5010, response(200, "OK", "INVITE", "z9hG4bK-i2", "b1", 2, SDP_TYPE),
                        sdp("10.0.0.2", 5000, "0", "recvonly"))
                .send(5020, request("ACK", "z9hG4bK-a2", "b1", 2))
                .send(9000, request("INVITE", "z9hG4bK-i3", "b1", 3, CONTACT, SDP_TYPE), OFFER)
                .back(9010, response(200, "OK", "INVITE", "z9hG4bK-i3", "b1", 3, SDP_TYPE), ANSWER);
        assertThat(w.text(6)).isEqualTo("re-INVITE puts the call on hold (sendonly); SDP offer: PCMU to 10.0.0.1:4000");
        assertThat(w.text(7)).isEqualTo("hold accepted; SDP answer: PCMU to 10.0.0.2:5000");
        assertThat(w.frame(9).id()).isEqualTo("INVITE.request.resume");
        assertThat(w.text(10)).isEqualTo("re-INVITE accepted; SDP answer: PCMU to 10.0.0.2:5000");
    }

    @Test
    void glareOnAReInvite() {
        Wire w = call()
                .send(5000, request("INVITE", "z9hG4bK-i2", "b1", 2, CONTACT, SDP_TYPE), OFFER)
                .back(5010, response(491, "Request Pending", "INVITE", "z9hG4bK-i2", "b1", 2));
        assertThat(w.text(7)).isEqualTo("glare: both sides sent a re-INVITE at once; each retries after a random wait");
    }

    @Test
    void delayedOfferIsAnsweredInTheAck() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                .back(1000, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, SDP_TYPE), ANSWER)
                .send(1010, request("ACK", "z9hG4bK-a1", "b1", 1, SDP_TYPE), OFFER);
        assertThat(w.text(2)).isEqualTo("call answered after 1.0 s; the 2xx carries the SDP offer (PCMU to "
                + "10.0.0.2:5000), the answer is due in the ACK");
        assertThat(w.text(3)).isEqualTo("confirms the answer of frame 2 and carries the SDP answer: PCMU, PCMA, 101 "
                + "to 10.0.0.1:4000; the dialog is up");
    }

    @Test
    void optionsIsAKeepAlive() {
        Wire w = new Wire()
                .send(0, request("OPTIONS", "z9hG4bK-o1", null, 1))
                .back(12, response(200, "OK", "OPTIONS", "z9hG4bK-o1", "b1", 1));
        assertThat(w.text(1)).isEqualTo("Alice probes bob with OPTIONS (keep-alive or capability query)");
        assertThat(w.text(2)).isEqualTo("the peer is alive: answers the OPTIONS probe after 12 ms");
    }

    @Test
    void voicemailNotifyReportsMessagesWaiting() {
        Wire w = new Wire()
                .send(0, request("SUBSCRIBE", "z9hG4bK-s1", null, 1, CONTACT, "Event: message-summary",
                        "Expires: 600"))
                .back(5, response(200, "OK", "SUBSCRIBE", "z9hG4bK-s1", "b1", 1, "Expires: 600"))
                .back(10, "NOTIFY sip:alice@10.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-n1\n"
                        + "From: <sip:bob@b.example>;tag=b1\nTo: \"Alice\" <sip:alice@a.example>;tag=a1\n"
                        + "Call-ID: call-1@a.example\nCSeq: 1 NOTIFY\nEvent: message-summary\n"
                        + "Subscription-State: active;expires=595\nContent-Type: application/simple-message-summary",
                        "Messages-Waiting: yes\nVoice-Message: 1/0\n");
        assertThat(w.text(1)).isEqualTo("alice subscribes for 600 s to message-summary (voicemail waiting "
                + "indication, MWI)");
        assertThat(w.text(2)).isEqualTo("subscription to message-summary accepted for 600 s of the 600 asked");
        assertThat(w.text(3))
                .isEqualTo("message-summary report: subscription active (595 s left); messages waiting: yes");
    }

    @Test
    void aTerminatingNotifyGivesTheReason() {
        Wire w = new Wire()
                .send(0, request("SUBSCRIBE", "z9hG4bK-s1", null, 1, CONTACT, "Event: presence", "Expires: 600"))
                .back(5, response(202, "Accepted", "SUBSCRIBE", "z9hG4bK-s1", "b1", 1, "Expires: 600"))
                .back(10, "NOTIFY sip:alice@10.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-n1\n"
                        + "From: <sip:bob@b.example>;tag=b1\nTo: \"Alice\" <sip:alice@a.example>;tag=a1\n"
                        + "Call-ID: call-1@a.example\nCSeq: 1 NOTIFY\nEvent: presence\n"
                        + "Subscription-State: terminated;reason=noresource");
        assertThat(w.text(2)).isEqualTo("subscription to presence accepted for 600 s of the 600 asked (202 Accepted)");
        assertThat(w.text(3)).isEqualTo("presence report: the subscription ends (reason noresource)");
    }

    @Test
    void anUnknownEventPackageIsRefused() {
        Wire w = new Wire()
                .send(0, request("SUBSCRIBE", "z9hG4bK-s1", null, 1, CONTACT, "Event: as-feature-event"))
                .back(5, response(489, "Bad Event", "SUBSCRIBE", "z9hG4bK-s1", "b1", 1));
        assertThat(w.text(1)).isEqualTo("alice subscribes to as-feature-event (BroadWorks feature state: do not "
                + "disturb, call forwarding)");
        assertThat(w.text(2)).isEqualTo("the notifier does not support the as-feature-event event package "
                + "(489 Bad Event)");
    }

    @Test
    void referInfoMessageUpdateAndPublish() {
        Wire w = call()
                .send(5000, request("REFER", "z9hG4bK-f1", "b1", 2, "Refer-To: <sip:carol@c.example>"))
                .back(5005, response(202, "Accepted", "REFER", "z9hG4bK-f1", "b1", 2))
                .send(5010, request("INFO", "z9hG4bK-d1", "b1", 3, "Content-Type: application/dtmf-relay"),
                        "Signal=5\nDuration=160\n")
                .send(5020, request("UPDATE", "z9hG4bK-u1", "b1", 4, SDP_TYPE), OFFER)
                .send(6000, request("MESSAGE", "call-2@a.example", "z9hG4bK-m1", null, 1,
                        "Content-Type: text/plain"), "hi")
                .send(7000, request("PUBLISH", "call-3@a.example", "z9hG4bK-p1", null, 1, "Event: presence",
                        "Content-Type: application/pidf+xml"), "<presence/>");
        assertThat(w.text(6)).isEqualTo("Alice asks the other side to call carol (transfer)");
        assertThat(w.text(7)).isEqualTo("transfer accepted; its progress will come in NOTIFYs of the refer event");
        assertThat(w.text(8)).isEqualTo("key press 5 sent as SIP INFO (160 ms, application/dtmf-relay)");
        assertThat(w.text(9)).isEqualTo("UPDATE changes the session; SDP offer: PCMU, PCMA, 101 to "
                + "10.0.0.1:4000");
        assertThat(w.text(10)).isEqualTo("instant message from Alice to bob (text/plain)");
        assertThat(w.text(11)).isEqualTo("Alice publishes its presence (the availability of the target) state");
    }

    @Test
    void infoDtmfWithoutDurationAndInfoThatIsNotDtmf() {
        Wire w = call()
                .send(5000, request("INFO", "z9hG4bK-d1", "b1", 2, "Content-Type: application/dtmf"), "#")
                .send(5100, request("INFO", "z9hG4bK-d2", "b1", 3, "Content-Type: application/broadsoft"),
                        "event flashhook\n");
        assertThat(w.text(6)).isEqualTo("key press # sent as SIP INFO (application/dtmf)");
        assertThat(w.text(7)).isEqualTo("mid-dialog information (application/broadsoft)");
    }

    @Test
    void prackAcknowledgesTheReliableProvisional() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT, "Supported: 100rel", SDP_TYPE), OFFER)
                .back(100, response(183, "Session Progress", "INVITE", "z9hG4bK-i1", "b1", 1, "Require: 100rel",
                        "RSeq: 1", SDP_TYPE), ANSWER)
                .send(110, request("PRACK", "z9hG4bK-k1", "b1", 2, "RAck: 1 1 INVITE"));
        assertThat(w.text(2)).isEqualTo("session progress (100 ms after the INVITE); this reliable provisional "
                + "response carries the SDP answer: PCMU to 10.0.0.2:5000");
        assertThat(w.text(3)).isEqualTo("acknowledges the reliable provisional response of frame 2");
    }

    @Test
    void earlyMediaIsNamed() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT, SDP_TYPE), OFFER)
                .back(100, response(183, "Session Progress", "INVITE", "z9hG4bK-i1", "b1", 1, SDP_TYPE), ANSWER);
        assertThat(w.text(2)).isEqualTo("session progress with early media (100 ms after the INVITE): PCMU to "
                + "10.0.0.2:5000");
    }

    @Test
    void anUncorrelatableMessageSaysWhy() {
        Wire w = new Wire().send(0, "OPTIONS sip:bob@b.example SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-x\n"
                + "From: <sip:alice@a.example>;tag=a1\nTo: <sip:bob@b.example>\nCSeq: 1 OPTIONS");
        assertThat(w.frame(1).id()).isEqualTo("uncorrelatable");
        assertThat(w.text(1)).startsWith("could not be tied to a transaction: ");
    }

    @Test
    void anUnknownMethodGetsTheGenericLines() {
        Wire w = new Wire()
                .send(0, request("FOO", "z9hG4bK-f1", null, 1))
                .back(5, response(200, "OK", "FOO", "z9hG4bK-f1", "b1", 1));
        assertThat(w.text(1)).isEqualTo("FOO from Alice to bob");
        assertThat(w.text(2)).isEqualTo("accepted: 200 OK");
    }

    @Test
    void aRetransmittedResponseNamesTheFrameItRepeats() {
        Wire w = call().back(4800, response(200, "OK", "INVITE", "z9hG4bK-i1", "b1", 1, SDP_TYPE), ANSWER);
        assertThat(w.text(6)).isEqualTo("retransmission of frame 4 (after 500 ms)");
    }

    @Test
    void aRedirectNamesWhereTo() {
        Wire w = new Wire()
                .send(0, request("INVITE", "z9hG4bK-i1", null, 1, CONTACT))
                .back(20, response(302, "Moved Temporarily", "INVITE", "z9hG4bK-i1", "b1", 1,
                        "Contact: <sip:bob@mobile.example>"));
        assertThat(w.text(2)).isEqualTo("the call is redirected to sip:bob@mobile.example (302 Moved Temporarily)");
    }

    @Test
    void theSameMessagesGiveTheSameLines() {
        Wire a = call();
        Wire b = call();
        for (int i = 1; i <= 5; i++) {
            assertThat(a.frame(i)).isEqualTo(b.frame(i));
        }
    }

    @Test
    void anUnsubscribeIsNamed() {
        Wire w = new Wire()
                .send(0, request("SUBSCRIBE", "z9hG4bK-s1", null, 1, CONTACT, "Event: dialog", "Expires: 600"))
                .back(5, response(200, "OK", "SUBSCRIBE", "z9hG4bK-s1", "b1", 1, "Expires: 600"))
                .send(900, request("SUBSCRIBE", "z9hG4bK-s2", "b1", 2, CONTACT, "Event: dialog", "Expires: 0"));
        assertThat(w.text(3)).isEqualTo("alice ends its subscription to dialog (the dialog state of the target: busy "
                + "lamp field)");
    }

    @Test
    void oddHeadersNeverThrowAndStillGiveALine() {
        Wire w = new Wire()
                .send(0, request("REFER", "z9hG4bK-f1", null, 1))
                .back(5, response(401, "Unauthorized", "REFER", "z9hG4bK-f1", "b1", 1, "WWW-Authenticate: Basic"))
                .send(10, request("NOTIFY", "z9hG4bK-n1", "b1", 2, "Subscription-State: ;;;", "Event: ;",
                        "Call-Info: ;;appearance-state"))
                .send(20, request("SUBSCRIBE", "z9hG4bK-s1", null, 3, "Expires: 99999999999999", "Event: x"))
                .back(25, response(302, "Moved", "SUBSCRIBE", "z9hG4bK-s1", "b2", 3, "Contact: *", "Expires: -1"))
                .send(30, request("INVITE", "z9hG4bK-i1", null, 4, SDP_TYPE), "garbage\n");
        for (int i = 1; i <= 6; i++) {
            assertThat(w.text(i)).as("frame %d", i).isNotBlank().doesNotContain("{").doesNotContain("null");
        }
        assertThat(w.text(2)).isEqualTo("challenge: credentials required (realm none given); no retry in the capture");
    }

    @Test
    void aReferNotifyReportsHowFarTheTransferGot() {
        Wire w = call()
                .send(5000, request("REFER", "z9hG4bK-f1", "b1", 2, "Refer-To: <sip:carol@c.example>"))
                .back(5005, response(202, "Accepted", "REFER", "z9hG4bK-f1", "b1", 2))
                .back(5100, "NOTIFY sip:alice@10.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-n1\n"
                        + "From: <sip:bob@b.example>;tag=b1\nTo: \"Alice\" <sip:alice@a.example>;tag=a1\n"
                        + "Call-ID: call-1@a.example\nCSeq: 7 NOTIFY\nEvent: refer\n"
                        + "Subscription-State: terminated;reason=noresource\nContent-Type: message/sipfrag",
                        "SIP/2.0 200 OK\n");
        assertThat(w.text(8)).isEqualTo("refer report: the subscription ends (reason noresource); the transfer "
                + "got 200 OK");
    }
}
