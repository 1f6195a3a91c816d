package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.SipMessage;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Lookup tables follow open state, in capture time; the model keeps everything. */
class MemoryBoundTest {
    private static Msg options(int i) {
        return Msg.request("OPTIONS").callId("c" + i).branch("z9hG4bK-o" + i);
    }

    @Test
    void finishedTransactionsLeaveTheTableAfterTheLingerButStayInTheModel() {
        Trace t = new Trace();
        for (int i = 0; i < 200; i++) {
            t.send(options(i));
            t.send(options(i).response(200, "OK").toTag("b"));
            t.after(1000);
        }
        // 32 s of linger plus up to 8 s between sweeps: at most ~40 one-second transactions remain
        assertThat(t.correlator.openTransactions()).isBetween(30, 42);
        assertThat(t.finish().transactions()).hasSize(200);
        assertThat(t.finish().anomalies()).isEmpty();
    }

    /**
     * Registrations are kept to the end of the capture, every attempt of them; the transactions they were made of
     * are not (a streaming analysis releases them with their Call-ID). An attempt that held on to its transaction
     * kept the REGISTER's whole transaction, its responses and what it links to, for every REGISTER of the capture.
     */
    @Test
    void aRegistrationAttemptDoesNotKeepItsTransaction() throws InterruptedException {
        RegistrationTracker registrations = new RegistrationTracker();
        Msg register = Msg.request("REGISTER").requestUri("sip:a.example").set("To", Msg.ALICE).callId("reg-1")
                .branch("z9hG4bK-r1").set("Contact", "<sip:alice@10.0.0.1>;expires=60");
        MessageFacts request = facts(1, register);
        MessageFacts ok = facts(2, register.response(200, "OK").toTag("s1")
                .set("Contact", "<sip:alice@10.0.0.1>;expires=60"));
        TransactionBuilder t = new TransactionBuilder(7, new TransactionKey.Branch("z9hG4bK-r1", "10.0.0.1", "REGISTER"),
                "REGISTER", request);
        registrations.request(request, t);
        registrations.response(ok, t);
        WeakReference<TransactionBuilder> gone = new WeakReference<>(t);
        t = null;
        for (int i = 0; i < 50 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(gone.get()).as("the transaction is collectable once released").isNull();
        Registration.Attempt a = registrations.build().get(0).attempts().get(0);
        assertThat(a.transaction()).isEqualTo(7);
        assertThat(a.status()).isEqualTo(200);
    }

    private static MessageFacts facts(long frame, Msg m) {
        SipEvent e = new SipEvent(frame, Trace.START, (int) frame * 1_000_000, "10.0.0.1:5060", "10.0.0.2:5060", "udp",
                m.parse());
        return MessageFacts.read(e, new ArrayList<>());
    }

    @Test
    void aRetransmissionWithinTheLingerIsStillRecognised() {
        Trace t = new Trace();
        Msg o = options(1);
        t.send(o);
        t.send(o.response(200, "OK").toTag("b"));
        t.after(30_000);
        t.send(options(2));
        MessageContext late = t.send(o);
        assertThat(late.retransmissionOf()).isEqualTo(1);
    }

    @Test
    void aMessageLongAfterTheLingerStartsAFreshTransaction() {
        Trace t = new Trace();
        Msg o = options(1);
        t.send(o);
        t.send(o.response(200, "OK").toTag("b"));
        t.after(60_000);
        t.send(options(2));
        MessageContext late = t.send(o);
        assertThat(late.retransmission()).isFalse();
        assertThat(late.transaction()).isEqualTo(2);
    }

    @Test
    void anUnansweredTransactionStaysMatchableUntilTheOpenTimeout() {
        Trace t = new Trace();
        Msg invite = Msg.request("INVITE");
        t.send(invite);
        t.after(120_000).send(options(2));
        MessageContext ok = t.send(invite.response(200, "OK").toTag("b1"));
        assertThat(ok.transaction()).isZero();
        t.after(400_000).send(options(3));
        assertThat(t.correlator.openTransactions()).isEqualTo(1);
    }

    @Test
    void theOpenTransactionLimitIsANamedAnomaly() {
        Trace t = new Trace(new CorrelatorLimits(10, 10, Duration.ofSeconds(32), Duration.ofSeconds(300)));
        for (int i = 0; i < 10; i++) {
            assertThat(t.send(options(i)).anomalies()).isEmpty();
        }
        MessageContext over = t.send(options(10));
        assertThat(over.anomalies()).extracting(Anomaly::id).containsExactly("correlate.transactions.limit");
        t.send(options(11));
        assertThat(t.correlator.openTransactions()).isEqualTo(10);
        // the oldest is no longer matched: its response makes a transaction of its own
        MessageContext orphan = t.send(options(0).response(200, "OK").toTag("b"));
        assertThat(orphan.transaction()).isEqualTo(12);
        Correlation c = t.finish();
        assertThat(c.transactions()).hasSize(13);
        assertThat(c.anomalies()).extracting(a -> a.anomaly().id()).containsExactly("correlate.transactions.limit",
                "correlate.transactions.limit");
        assertThat(c.anomalies().get(1).frame()).isZero();
    }

    @Test
    void theOpenDialogLimitIsANamedAnomaly() {
        Trace t = new Trace(new CorrelatorLimits(1000, 3, Duration.ofSeconds(32), Duration.ofSeconds(300)));
        MessageContext last = null;
        for (int i = 0; i < 4; i++) {
            Msg bye = Msg.request("BYE").callId("d" + i).branch("z9hG4bK-b" + i).toTag("b");
            last = t.send(bye);
        }
        assertThat(last.anomalies()).extracting(Anomaly::id).containsExactly("correlate.dialogs.limit");
        assertThat(t.correlator.openDialogs()).isEqualTo(3);
        assertThat(t.finish().dialogs()).hasSize(4);
    }

    @Test
    void terminatedDialogsLeaveTheTableAfterTheLinger() {
        Trace t = new Trace();
        for (int i = 0; i < 100; i++) {
            Msg bye = Msg.request("BYE").callId("d" + i).branch("z9hG4bK-b" + i).toTag("b");
            t.send(bye);
            t.send(bye.response(200, "OK"));
            t.after(1000);
        }
        assertThat(t.correlator.openDialogs()).isBetween(30, 42);
        assertThat(t.finish().dialogs()).hasSize(100);
    }

    @Test
    void anAckForA2xxIsDoneAtOnceAndLeavesTheTableAfterTheLinger() {
        Trace t = new Trace();
        Msg invite = Msg.request("INVITE");
        Msg ack = invite.next("ACK", 1, "z9hG4bK-ack-1").toTag("b1");
        t.send(invite);
        t.send(invite.response(200, "OK").toTag("b1"));
        t.send(ack);
        t.after(60_000).send(options(2));
        assertThat(t.correlator.openTransactions()).isEqualTo(1);
        MessageContext again = t.send(ack);
        assertThat(again.retransmission()).isFalse();
    }

    /**
     * A call's messages are held until it settles, and each used to keep its own From, To, top Via and Call-ID. Read
     * by one correlator, the messages of a dialog share them: the same values, one copy.
     */
    @Test
    void theMessagesOfADialogShareTheirFromToViaAndCallId() {
        Trace t = new Trace();
        Msg invite = Msg.request("INVITE").callId("shared-1").branch("z9hG4bK-i1");
        SipEvent request = t.sent(invite);
        SipEvent ringing = t.sent(invite.response(180, "Ringing").toTag("b1"));
        SipEvent ok = t.sent(invite.response(200, "OK").toTag("b1"));
        SipMessage first = request.message();
        SipMessage later = ok.message();
        assertThat(later.from()).isSameAs(first.from());
        assertThat(later.topVia()).isSameAs(first.topVia());
        assertThat(later.callId()).isSameAs(first.callId());
        assertThat(later.to()).isSameAs(ringing.message().to()).isNotEqualTo(first.to()); // the To tag came later
        // the same values as a message read alone gives
        SipMessage alone = invite.response(200, "OK").toTag("b1").parse();
        assertThat(later.from()).isEqualTo(alone.from());
        assertThat(later.to()).isEqualTo(alone.to());
        assertThat(later.topVia()).isEqualTo(alone.topVia());
        assertThat(later.callId()).isEqualTo(alone.callId());
    }
}
