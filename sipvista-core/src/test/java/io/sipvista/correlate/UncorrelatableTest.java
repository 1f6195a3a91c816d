package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged messages are never thrown at: they are reported as uncorrelatable with a reason, and the rest goes on. */
class UncorrelatableTest {
    private static final Msg INVITE = Msg.request("INVITE");

    private static MessageContext alone(Msg m) {
        return new Trace().send(m);
    }

    private static void assertUncorrelatable(MessageContext c, String reason) {
        assertThat(c.role()).isEqualTo(MessageRole.UNCORRELATABLE);
        assertThat(c.correlated()).isFalse();
        assertThat(c.uncorrelatable()).isEqualTo(reason);
        assertThat(c.transaction()).isEqualTo(-1);
        assertThat(c.key()).isNull();
        assertThat(c.dialog()).isNull();
        assertThat(c.anomalies()).containsExactly(Anomaly.of("correlate.message.uncorrelatable", reason));
    }

    @Test
    void aMessageWithoutViaIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.remove("Via")), "no Via");
    }

    @Test
    void aMessageWithoutCSeqIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.remove("CSeq")), "no CSeq");
    }

    @Test
    void aMessageWithAnUnreadableCSeqIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.set("CSeq", "one INVITE")), "the CSeq cannot be read");
    }

    @Test
    void aMessageWithoutCallIdIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.remove("Call-ID")), "no Call-ID");
    }

    @Test
    void aMessageWithoutFromOrToIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.remove("From")), "no From");
        assertUncorrelatable(alone(INVITE.remove("To")), "no To");
    }

    @Test
    void anEmptyTagIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.set("To", Msg.BOB + ";tag=")), "the To tag is empty");
    }

    @Test
    void aTagThatIsNotATokenIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.set("From", Msg.ALICE + ";tag=\"a b\"")), "the From tag is not a token");
    }

    @Test
    void aViaWithoutSentByIsUncorrelatable() {
        assertUncorrelatable(alone(INVITE.via("SIP/2.0/UDP;branch=z9hG4bK1")), "the top Via has no sent-by");
    }

    @Test
    void aStartLineThatIsNeitherRequestNorResponseIsUncorrelatable() {
        SipMessage m = SipParser.parse("HELLO\r\nVia: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        Correlator c = new Correlator();
        MessageContext ctx = c.accept(new SipEvent(1, 0, 0, "a", "b", "udp", m));
        assertUncorrelatable(ctx, "neither a request nor a response");
        assertThat(c.finish().uncorrelated()).containsExactly(
                new Correlation.Uncorrelated(1, "neither a request nor a response"));
    }

    @Test
    void aFromWithoutTagIsCorrelatedTheRfc2543WayAndNoted() {
        Trace t = new Trace();
        Msg old = INVITE.set("From", Msg.ALICE);
        MessageContext inv = t.send(old);
        MessageContext ok = t.send(old.response(200, "OK").toTag("b1"));
        assertThat(inv.correlated()).isTrue();
        assertThat(inv.anomalies()).extracting(Anomaly::id).containsExactly("correlate.from_tag.missing");
        assertThat(ok.dialog()).isEqualTo(new DialogId("call-1@a.example", "", "b1"));
    }

    @Test
    void theCallGoesOnAroundAnUncorrelatableMessage() {
        Trace t = new Trace();
        t.send(INVITE);
        t.send(INVITE.response(180, "Ringing").remove("CSeq"));
        MessageContext ok = t.send(INVITE.response(200, "OK").toTag("b1"));
        assertThat(ok.transaction()).isZero();
        assertThat(ok.dialogState()).isEqualTo(DialogState.CONFIRMED);
        assertThat(t.finish().uncorrelated()).containsExactly(new Correlation.Uncorrelated(2, "no CSeq"));
    }

    /** A small call and its messages, as text, to mutate. */
    private static List<String> call() {
        Msg invite = INVITE.set("Supported", "100rel").sdp(Msg.audio("10.0.0.1", 4000, "sendrecv"));
        Msg prack = INVITE.next("PRACK", 2, "z9hG4bK-p").toTag("b1").set("RAck", "1 1 INVITE");
        Msg sub = Msg.request("SUBSCRIBE").set("Event", "presence;id=1").callId("s");
        Msg reg = Msg.request("REGISTER").set("Contact", "<sip:a@1>;expires=60").callId("r");
        return List.of(invite.text(), invite.response(100, "Trying").text(),
                invite.response(183, "Progress").toTag("b1").set("RSeq", "1").sdp(Msg.audio("10.0.0.2", 5, "sendonly"))
                        .text(),
                prack.text(), prack.response(200, "OK").text(),
                invite.response(200, "OK").toTag("b1").text(), INVITE.next("ACK", 1, "z9hG4bK-a").toTag("b1").text(),
                INVITE.next("CANCEL", 1, "z9hG4bK-invite-1").text(),
                INVITE.next("BYE", 3, "z9hG4bK-b").toTag("b1").reversed().text(),
                sub.text(), sub.response(200, "OK").toTag("n").text(),
                Msg.request("NOTIFY").callId("s").set("From", Msg.BOB + ";tag=n").set("To", Msg.ALICE + ";tag=a1")
                        .set("Event", "presence;id=1").set("Subscription-State", "terminated;reason=x").text(),
                reg.text(), reg.response(423, "Interval Too Brief").set("Min-Expires", "x").text());
    }

    private static final String[] SPLICES = {";tag=", ";branch=", "z9hG4bK", "\r\n", ": ", ";", ",", "<", ">",
        "CSeq: 1 ACK\r\n", "To: <sip:x>;tag=\r\n", "Via: SIP/2.0/UDP\r\n", "RSeq: 99999999999\r\n", "\u0000",
        "Expires: -1\r\n", "Subscription-State: \r\n", "Event: ;id=\r\n", "RAck: 1\r\n", "Contact: *\r\n"};

    @Test
    void mutatedMessagesNeverThrowAndAlwaysSayWhatTheyAre() {
        Random rnd = new Random(3261);
        List<String> base = call();
        int uncorrelatable = 0;
        for (int round = 0; round < 300; round++) {
            Correlator c = new Correlator(new CorrelatorLimits(8, 8, java.time.Duration.ofMillis(5),
                    java.time.Duration.ofMillis(50)));
            List<MessageContext> out = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = base.get(rnd.nextInt(base.size()));
                for (int m = rnd.nextInt(4); m > 0; m--) {
                    text = mutate(text, rnd);
                }
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                SipEvent e = new SipEvent(i + 1, 1_000 + i / 3, rnd.nextInt(1_000_000_000), "a:1", "b:2", "udp",
                        SipParser.parse(b, 0, b.length));
                out.add(c.accept(e));
            }
            Correlation model = c.finish();
            for (MessageContext ctx : out) {
                assertThat(ctx.correlated()).isEqualTo(ctx.role() != MessageRole.UNCORRELATABLE);
                assertThat(ctx.correlated()).isEqualTo(ctx.transaction() >= 0);
                if (ctx.correlated()) {
                    assertThat(ctx.transaction()).isLessThan(model.transactions().size());
                    assertThat(model.transactions().get(ctx.transaction()).frames()).contains(ctx.frame());
                } else {
                    uncorrelatable++;
                }
            }
            assertThat(model.anomalies()).allSatisfy(a -> assertThat(
                    io.sipvista.anomaly.AnomalyCatalog.standard().contains(a.anomaly().id())).isTrue());
        }
        assertThat(uncorrelatable).isPositive();
    }

    private static String mutate(String s, Random rnd) {
        int at = rnd.nextInt(s.length() + 1);
        return switch (rnd.nextInt(3)) {
            case 0 -> s.substring(0, at) + SPLICES[rnd.nextInt(SPLICES.length)] + s.substring(at);
            case 1 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + rnd.nextInt(12)));
            default -> {
                int from = rnd.nextInt(s.length());
                int to = Math.min(s.length(), from + rnd.nextInt(40));
                yield s.substring(0, at) + s.substring(from, to) + s.substring(at);
            }
        };
    }
}
