package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Subscriptions, one RFC 6665 (and RFC 3515) rule per test, from SIP text. */
class SubscriptionTest {
    private static final Msg SUBSCRIBE = Msg.request("SUBSCRIBE").set("To", Msg.ALICE).set("Event", "call-info")
            .set("Expires", "3600").callId("sub-1@a.example");
    private static final DialogId DIALOG = new DialogId("sub-1@a.example", "a1", "n1");

    /** A NOTIFY from the notifier (tag n1) to the subscriber (tag a1). */
    private static Msg notify(long cseq, String event, String state) {
        return Msg.request("NOTIFY").requestUri("sip:alice@10.0.0.1").callId("sub-1@a.example")
                .set("From", Msg.ALICE + ";tag=n1").set("To", Msg.ALICE + ";tag=a1")
                .via("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-notify-" + cseq).cseq(cseq, "NOTIFY")
                .set("Event", event).set("Subscription-State", state);
    }

    private static Subscription only(Correlation c) {
        assertThat(c.subscriptions()).hasSize(1);
        return c.subscriptions().get(0);
    }

    @Test
    void aSubscribeAnswered2xxThenAnActiveNotify() {
        Trace t = new Trace();
        t.send(SUBSCRIBE);
        MessageContext ok = t.send(SUBSCRIBE.response(200, "OK").toTag("n1").set("Expires", "3598"));
        Msg n = notify(10, "call-info", "active;expires=3598");
        MessageContext nc = t.send(n, "10.0.0.5:5060", "10.0.0.1:5060");
        t.send(n.response(200, "OK"), "10.0.0.1:5060", "10.0.0.5:5060");
        assertThat(ok.dialog()).isEqualTo(DIALOG);
        assertThat(nc.dialog()).isEqualTo(DIALOG);
        Correlation c = t.finish();
        Subscription s = only(c);
        assertThat(s.dialog()).isEqualTo(DIALOG);
        assertThat(s.event()).isEqualTo("call-info");
        assertThat(s.requestedExpires()).isEqualTo(3600);
        assertThat(s.grantedExpires()).isEqualTo(3598);
        assertThat(s.subscribeStatus()).isEqualTo(200);
        assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(s.notifyBeforeResponse()).isFalse();
        assertThat(s.notifies()).containsExactly(new Subscription.Notify(1, 3, "active", null, 3598, 200));
        assertThat(c.dialogs()).singleElement().satisfies(d -> assertThat(d.method()).isEqualTo("SUBSCRIBE"));
    }

    @Test
    void aNotifyBeforeTheSubscribes2xxMakesTheDialog() {
        Trace t = new Trace();
        t.send(SUBSCRIBE);
        MessageContext nc = t.send(notify(10, "call-info", "active;expires=3600"), "10.0.0.5:5060", "10.0.0.1:5060");
        MessageContext ok = t.send(SUBSCRIBE.response(200, "OK").toTag("n1"));
        assertThat(nc.dialog()).isEqualTo(DIALOG);
        assertThat(nc.dialogState()).isEqualTo(DialogState.CONFIRMED);
        assertThat(ok.dialog()).isEqualTo(DIALOG);
        Correlation c = t.finish();
        Subscription s = only(c);
        assertThat(s.notifyBeforeResponse()).isTrue();
        assertThat(s.subscribeTransaction()).isZero();
        assertThat(s.dialog()).isEqualTo(DIALOG);
        assertThat(c.dialogs()).hasSize(1);
        assertThat(c.dialogs().get(0).initialTransaction()).isZero();
        assertThat(c.dialogs().get(0).initialRequestSeen()).isTrue();
    }

    @Test
    void aTerminatedNotifyEndsTheSubscriptionWithItsReasonAndTheDialog() {
        Trace t = new Trace();
        t.send(SUBSCRIBE);
        t.send(SUBSCRIBE.response(200, "OK").toTag("n1"));
        t.send(notify(10, "call-info", "active;expires=3600"), "10.0.0.5:5060", "10.0.0.1:5060");
        MessageContext end = t.send(notify(11, "call-info", "terminated;reason=deactivated"), "10.0.0.5:5060",
                "10.0.0.1:5060");
        assertThat(end.dialogState()).isEqualTo(DialogState.TERMINATED);
        Correlation c = t.finish();
        Subscription s = only(c);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("deactivated");
        assertThat(s.terminatedFrame()).isEqualTo(4);
        assertThat(c.dialogs().get(0).termination()).isEqualTo(Termination.SUBSCRIPTION_ENDED);
    }

    @Test
    void vendorEventPackagesAreKeptApartByPackageAndId() {
        Trace t = new Trace();
        t.send(SUBSCRIBE.set("Event", "line-seize").set("Expires", "15"));
        t.send(SUBSCRIBE.response(200, "OK").toTag("n1"));
        t.send(notify(10, "line-seize", "active;expires=15"), "10.0.0.5:5060", "10.0.0.1:5060");
        t.send(notify(11, "as-feature-event;id=dnd", "active"), "10.0.0.5:5060", "10.0.0.1:5060");
        t.send(notify(12, "AS-Feature-Event;id=fwd", "pending"), "10.0.0.5:5060", "10.0.0.1:5060");
        Correlation c = t.finish();
        assertThat(c.subscriptions()).extracting(Subscription::event)
                .containsExactly("line-seize", "as-feature-event", "as-feature-event");
        assertThat(c.subscriptions()).extracting(Subscription::eventId).containsExactly(null, "dnd", "fwd");
        assertThat(c.subscriptions()).extracting(Subscription::state).containsExactly(Subscription.State.ACTIVE,
                Subscription.State.ACTIVE, Subscription.State.PENDING);
        assertThat(c.subscriptions()).extracting(Subscription::dialog).containsOnly(DIALOG);
    }

    @Test
    void aRefreshAndAnUnsubscribeAreSubscribesInTheDialog() {
        Trace t = new Trace();
        t.send(SUBSCRIBE);
        t.send(SUBSCRIBE.response(200, "OK").toTag("n1"));
        Msg refresh = SUBSCRIBE.next("SUBSCRIBE", 2, "z9hG4bK-sub-2").toTag("n1").set("Event", "call-info")
                .set("Expires", "3600");
        t.send(refresh);
        t.send(refresh.response(200, "OK").set("Expires", "3500"));
        Msg unsubscribe = refresh.cseq(3).branch("z9hG4bK-sub-3").set("Expires", "0");
        t.send(unsubscribe);
        t.send(unsubscribe.response(200, "OK").set("Expires", "0"));
        t.send(notify(20, "call-info", "terminated;reason=timeout"), "10.0.0.5:5060", "10.0.0.1:5060");
        Subscription s = only(t.finish());
        assertThat(s.refreshes()).hasSize(2);
        assertThat(s.refreshes().get(0).grantedExpires()).isEqualTo(3500);
        assertThat(s.refreshes().get(0).unsubscribe()).isFalse();
        assertThat(s.refreshes().get(1).unsubscribe()).isTrue();
        assertThat(s.refreshes().get(1).status()).isEqualTo(200);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
    }

    @Test
    void aRejectedSubscribeMakesNoDialog() {
        Trace t = new Trace();
        t.send(SUBSCRIBE.set("Event", "x-unknown"));
        t.send(SUBSCRIBE.response(489, "Bad Event").toTag("n1"));
        Correlation c = t.finish();
        Subscription s = only(c);
        assertThat(s.dialog()).isNull();
        assertThat(s.subscribeStatus()).isEqualTo(489);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(c.dialogs()).isEmpty();
    }

    @Test
    void aSubscribeWithoutNotifyYetIsRequested() {
        Trace t = new Trace();
        t.send(SUBSCRIBE);
        t.send(SUBSCRIBE.response(202, "Accepted").toTag("n1"));
        assertThat(only(t.finish()).state()).isEqualTo(Subscription.State.REQUESTED);
    }

    @Test
    void aNotifyOfASubscriptionOlderThanTheCaptureMakesItAndItsDialog() {
        Trace t = new Trace();
        MessageContext n = t.send(notify(10, "call-info", "terminated"), "10.0.0.5:5060", "10.0.0.1:5060");
        assertThat(n.dialog()).isEqualTo(DIALOG);
        Correlation c = t.finish();
        Subscription s = only(c);
        assertThat(s.subscribeTransaction()).isEqualTo(-1);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isNull();
        assertThat(c.dialogs().get(0).initialRequestSeen()).isFalse();
        assertThat(c.dialogs().get(0).termination()).isEqualTo(Termination.SUBSCRIPTION_ENDED);
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void aReferMakesAnImplicitSubscriptionItsNotifiesReportOn() {
        Trace t = new Trace();
        Msg invite = Msg.request("INVITE").callId("sub-1@a.example");
        t.send(invite);
        t.send(invite.response(200, "OK").toTag("n1"));
        Msg refer = invite.next("REFER", 2, "z9hG4bK-refer-2").toTag("n1").set("Refer-To", "<sip:carol@c.example>");
        t.send(refer);
        t.send(refer.response(202, "Accepted"));
        t.send(notify(5, "refer;id=2", "active;expires=60"), "10.0.0.5:5060", "10.0.0.1:5060");
        MessageContext done = t.send(notify(6, "refer;id=2", "terminated;reason=noresource"), "10.0.0.5:5060",
                "10.0.0.1:5060");
        Correlation c = t.finish();
        Subscription s = only(c);
        assertThat(s.event()).isEqualTo("refer");
        assertThat(s.eventId()).isEqualTo("2");
        assertThat(s.notifies()).hasSize(2);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        // the INVITE usage of the dialog goes on
        assertThat(done.dialogState()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void a481ToANotifyEndsTheSubscription() {
        Trace t = new Trace();
        t.send(SUBSCRIBE);
        t.send(SUBSCRIBE.response(200, "OK").toTag("n1"));
        Msg n = notify(10, "call-info", "active");
        t.send(n, "10.0.0.5:5060", "10.0.0.1:5060");
        t.send(n.response(481, "Subscription Does Not Exist"), "10.0.0.1:5060", "10.0.0.5:5060");
        Correlation c = t.finish();
        assertThat(only(c).state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(only(c).notifies().get(0).status()).isEqualTo(481);
        assertThat(c.dialogs().get(0).state()).isEqualTo(DialogState.TERMINATED);
    }
}
