package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Registrations, one RFC 3261 §10 rule per test, from SIP text. */
class RegistrationTest {
    private static final String CONTACT = "<sip:alice@10.0.0.1:5060>";
    private static final Msg REGISTER = Msg.request("REGISTER").requestUri("sip:a.example").set("To", Msg.ALICE)
            .callId("reg-1@a.example");

    private static Msg register(long cseq, String branch) {
        return REGISTER.cseq(cseq).branch(branch);
    }

    private static Registration only(Correlation c) {
        assertThat(c.registrations()).hasSize(1);
        return c.registrations().get(0);
    }

    @Test
    void theContactsExpiresIsAskedForAndThe2xxContactSaysWhatWasGranted() {
        Trace t = new Trace();
        Msg reg = register(1, "z9hG4bK-r1").set("Contact", CONTACT + ";expires=3600");
        t.send(reg);
        t.send(reg.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";q=0.5;expires=3599"));
        Registration r = only(t.finish());
        assertThat(r.aor()).isEqualTo("sip:alice@a.example");
        Registration.Attempt a = r.attempts().get(0);
        assertThat(a.purpose()).isEqualTo(Registration.Purpose.REGISTER);
        assertThat(a.contacts()).containsExactly(new Registration.ContactExpiry("sip:alice@10.0.0.1:5060", 3600, 3599));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.responseFrame()).isEqualTo(2);
        assertThat(r.bindings()).singleElement().satisfies(b -> {
            assertThat(b.expires()).isEqualTo(3599);
            assertThat(b.frame()).isEqualTo(2);
            assertThat(b.expiresAt()).isEqualTo(Instant.ofEpochSecond(Trace.START + 3599, 2_000_000));
        });
    }

    @Test
    void withoutAContactExpiresTheExpiresHeaderIsAskedFor() {
        Trace t = new Trace();
        Msg reg = register(1, "z9hG4bK-r1").set("Contact", CONTACT).set("Expires", "600");
        t.send(reg);
        t.send(reg.response(200, "OK").toTag("s1").set("Contact", CONTACT).set("Expires", "300"));
        assertThat(only(t.finish()).attempts().get(0).contacts())
                .containsExactly(new Registration.ContactExpiry("sip:alice@10.0.0.1:5060", 600, 300));
    }

    @Test
    void aChallengeIsRetriedWithCredentials() {
        Trace t = new Trace();
        Msg first = register(1, "z9hG4bK-r1").set("Contact", CONTACT).set("Expires", "3600");
        t.send(first);
        t.send(first.response(401, "Unauthorized").toTag("s1").set("WWW-Authenticate", "Digest realm=\"a\", nonce=\"n\""));
        Msg retry = register(2, "z9hG4bK-r2").set("Contact", CONTACT).set("Expires", "3600")
                .set("Authorization", "Digest username=\"alice\", realm=\"a\", nonce=\"n\", response=\"x\"");
        t.send(retry);
        t.send(retry.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=3600"));
        Registration r = only(t.finish());
        assertThat(r.attempts()).hasSize(2);
        Registration.Attempt challenged = r.attempts().get(0);
        Registration.Attempt answered = r.attempts().get(1);
        assertThat(challenged.challenged()).isTrue();
        assertThat(challenged.credentials()).isFalse();
        assertThat(challenged.contacts().get(0).granted()).isNull();
        assertThat(answered.credentials()).isTrue();
        assertThat(answered.retryOf()).isEqualTo(challenged.transaction());
        assertThat(answered.purpose()).isEqualTo(Registration.Purpose.REGISTER);
        assertThat(answered.succeeded()).isTrue();
    }

    @Test
    void aRetryKeepsTheCallIdAndContactOfTheAttemptBefore() {
        Trace t = new Trace();
        Msg first = register(1, "z9hG4bK-r1").set("Contact", CONTACT).set("Expires", "3600");
        t.send(first);
        t.send(first.response(401, "Unauthorized").toTag("s1"));
        Msg retry = register(2, "z9hG4bK-r2").set("Contact", CONTACT).set("Expires", "3600");
        t.send(retry);
        t.send(retry.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=3600"));
        Registration r = only(t.finish());
        Registration.Attempt before = r.attempts().get(0);
        Registration.Attempt after = r.attempts().get(1);
        assertThat(after.callId()).isEqualTo("reg-1@a.example").isEqualTo(before.callId());
        assertThat(after.contacts().get(0).uri()).isEqualTo("sip:alice@10.0.0.1:5060")
                .isEqualTo(before.contacts().get(0).uri());
        assertThat(before.contacts().get(0).requested()).isEqualTo(3600);
        assertThat(before.contacts().get(0).granted()).isNull();
        assertThat(after.contacts().get(0).granted()).isEqualTo(3600);
    }

    @Test
    void registeringABoundContactAgainIsARefresh() {
        Trace t = new Trace();
        Msg first = register(1, "z9hG4bK-r1").set("Contact", CONTACT + ";expires=60");
        t.send(first);
        t.send(first.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=60"));
        Msg again = register(2, "z9hG4bK-r2").set("Contact", CONTACT + ";expires=60");
        t.after(30_000).send(again);
        t.send(again.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=60"));
        Registration r = only(t.finish());
        assertThat(r.attempts()).extracting(Registration.Attempt::purpose)
                .containsExactly(Registration.Purpose.REGISTER, Registration.Purpose.REFRESH);
        assertThat(r.attempts().get(1).retryOf()).isEqualTo(-1);
        assertThat(r.bindings()).singleElement().satisfies(b -> assertThat(b.frame()).isEqualTo(4));
    }

    @Test
    void expiresZeroDeregisters() {
        Trace t = new Trace();
        Msg first = register(1, "z9hG4bK-r1").set("Contact", CONTACT + ";expires=60");
        t.send(first);
        t.send(first.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=60"));
        Msg bye = register(2, "z9hG4bK-r2").set("Contact", CONTACT).set("Expires", "0");
        t.send(bye);
        t.send(bye.response(200, "OK").toTag("s1"));
        Registration r = only(t.finish());
        assertThat(r.attempts().get(1).purpose()).isEqualTo(Registration.Purpose.DEREGISTER);
        assertThat(r.attempts().get(1).contacts().get(0).requested()).isZero();
        assertThat(r.bindings()).isEmpty();
    }

    @Test
    void aWildcardContactRemovesEveryBinding() {
        Trace t = new Trace();
        Msg first = register(1, "z9hG4bK-r1").set("Contact", CONTACT + ";expires=60");
        t.send(first);
        t.send(first.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=60"));
        Msg all = register(2, "z9hG4bK-r2").set("Contact", "*").set("Expires", "0");
        t.send(all);
        t.send(all.response(200, "OK").toTag("s1"));
        Registration r = only(t.finish());
        assertThat(r.attempts().get(1).wildcard()).isTrue();
        assertThat(r.attempts().get(1).purpose()).isEqualTo(Registration.Purpose.DEREGISTER);
        assertThat(r.bindings()).isEmpty();
    }

    @Test
    void intervalTooBriefGivesMinExpiresAndTheRetryAsksForIt() {
        Trace t = new Trace();
        Msg first = register(1, "z9hG4bK-r1").set("Contact", CONTACT + ";expires=30");
        t.send(first);
        t.send(first.response(423, "Interval Too Brief").toTag("s1").set("Min-Expires", "120"));
        Msg retry = register(2, "z9hG4bK-r2").set("Contact", CONTACT + ";expires=120");
        t.send(retry);
        t.send(retry.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=120"));
        Registration r = only(t.finish());
        assertThat(r.attempts().get(0).tooBrief()).isTrue();
        assertThat(r.attempts().get(0).minExpires()).isEqualTo(120);
        assertThat(r.attempts().get(1).retryOf()).isEqualTo(r.attempts().get(0).transaction());
        assertThat(r.attempts().get(1).contacts().get(0).granted()).isEqualTo(120);
    }

    @Test
    void aRegisterWithoutContactQueriesTheBindings() {
        Trace t = new Trace();
        Msg query = register(1, "z9hG4bK-r1");
        t.send(query);
        t.send(query.response(200, "OK").toTag("s1").add("Contact", CONTACT + ";expires=100")
                .add("Contact", "<sip:alice@10.0.0.9>;expires=50"));
        Registration r = only(t.finish());
        assertThat(r.attempts().get(0).purpose()).isEqualTo(Registration.Purpose.QUERY);
        assertThat(r.bindings()).extracting(Registration.Binding::uri)
                .containsExactly("sip:alice@10.0.0.1:5060", "sip:alice@10.0.0.9");
    }

    @Test
    void aRetransmittedRegisterIsOneAttempt() {
        Trace t = new Trace();
        Msg reg = register(1, "z9hG4bK-r1").set("Contact", CONTACT + ";expires=60");
        t.send(reg);
        t.after(500).send(reg);
        Msg ok = reg.response(200, "OK").toTag("s1").set("Contact", CONTACT + ";expires=60");
        t.send(ok);
        t.send(ok);
        Registration r = only(t.finish());
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.attempts().get(0).responseFrame()).isEqualTo(3);
    }

    @Test
    void aRegistrationsAreKeptPerAddressOfRecord() {
        Trace t = new Trace();
        t.send(register(1, "z9hG4bK-r1").set("Contact", CONTACT));
        t.send(register(1, "z9hG4bK-r2").set("To", Msg.BOB).callId("reg-2").set("Contact", "<sip:bob@10.0.0.2>"));
        assertThat(t.finish().registrations()).extracting(Registration::aor)
                .containsExactly("sip:alice@a.example", "sip:bob@b.example");
        assertThat(t.finish().registration("sip:bob@b.example").attempts()).hasSize(1);
    }

    /**
     * Many attempts of one address-of-record under many Call-IDs, interleaved (a password-guessing tool, or phones
     * sharing an account): each is a retry of the latest earlier attempt of its own Call-ID with a lower CSeq when
     * that one was challenged, whether it comes among the first attempts (looked through) or after many (found by
     * Call-ID); one that repeats a CSeq looks past the attempt with the same CSeq.
     */
    @Test
    void retriesAreTiedWithinTheirCallIdAmongManyInterleavedAttempts() {
        Trace t = new Trace();
        int callIds = 12;
        int[] cseq = new int[callIds];
        java.util.List<int[]> sent = new java.util.ArrayList<>(); // per attempt: Call-ID, CSeq, challenged (1/0)
        for (int round = 0; round < 4; round++) {
            for (int c = 0; c < callIds; c++) {
                int id = (c * 5 + round) % callIds; // a different order each round
                if (!(round == 3 && id % 4 == 0)) { // these repeat their last CSeq
                    cseq[id]++;
                }
                int n = sent.size();
                Msg reg = REGISTER.callId("guess-" + id + "@a.example").cseq(cseq[id]).branch("z9hG4bK-g" + n)
                        .set("Contact", CONTACT).set("Expires", "3600")
                        .set("Authorization", "Digest username=\"alice\", realm=\"a\", nonce=\"n\", response=\"x\"");
                t.send(reg);
                boolean accept = id % 3 == 0 && round == 1;
                t.send(accept ? reg.response(200, "OK").toTag("s" + n).set("Contact", CONTACT + ";expires=3600")
                        : reg.response(401, "Unauthorized").toTag("s" + n)
                        .set("WWW-Authenticate", "Digest realm=\"a\", nonce=\"n" + n + "\""));
                sent.add(new int[] {id, cseq[id], accept ? 0 : 1});
            }
        }
        Registration r = only(t.finish());
        assertThat(r.attempts()).hasSize(sent.size());
        int retries = 0;
        for (int i = 0; i < sent.size(); i++) {
            int expected = -1;
            for (int j = i - 1; j >= 0; j--) {
                if (sent.get(j)[0] == sent.get(i)[0] && sent.get(j)[1] < sent.get(i)[1]) {
                    expected = sent.get(j)[2] == 1 ? r.attempts().get(j).transaction() : -1;
                    break;
                }
            }
            retries += expected >= 0 ? 1 : 0;
            assertThat(r.attempts().get(i).retryOf()).as("attempt %d", i).isEqualTo(expected);
        }
        assertThat(retries).isGreaterThan(16);
    }

    /**
     * A REGISTER is tied to an earlier attempt of its Call-ID among the latest {@link RegistrationTracker#RECENT}
     * of them only, so a registrar's day of refreshes is not held as objects: one whose CSeq is below all of those
     * (a client counting backwards, which RFC 3261 §10.2.4 forbids) is not called a retry.
     */
    @Test
    void aRetryIsLookedForAmongTheLatestAttemptsOfItsCallId() {
        Trace t = new Trace();
        int[] cseqs = new int[RegistrationTracker.RECENT + 4];
        for (int i = 0; i < cseqs.length; i++) {
            cseqs[i] = 10 + i;
        }
        int[] then = {12, 10 + cseqs.length - RegistrationTracker.RECENT + 1, 10 + cseqs.length};
        int n = 0;
        for (int c : java.util.stream.IntStream.concat(java.util.Arrays.stream(cseqs), java.util.Arrays.stream(then))
                .toArray()) {
            Msg reg = REGISTER.callId("count@a.example").cseq(c).branch("z9hG4bK-r" + n)
                    .set("Contact", CONTACT).set("Expires", "3600");
            t.send(reg);
            t.send(reg.response(401, "Unauthorized").toTag("s" + n).set("WWW-Authenticate", "Digest realm=\"a\""));
            n++;
        }
        java.util.List<Registration.Attempt> as = only(t.finish()).attempts();
        assertThat(as).hasSize(cseqs.length + then.length);
        int first = cseqs.length;
        assertThat(as.get(first).retryOf()).as("CSeq 12: 13 and up are the latest").isEqualTo(-1);
        // CSeq 15: the latest 8 are now 15..21 and the 12 just sent, which is the latest below 15
        assertThat(as.get(first + 1).cseq()).isEqualTo(then[1]).isEqualTo(15);
        assertThat(as.get(first + 1).retryOf()).isEqualTo(as.get(first).transaction());
        // CSeq 22: the latest attempt below it is the 15 just sent, as a walk through all of them finds
        assertThat(as.get(first + 2).retryOf()).isEqualTo(as.get(first + 1).transaction());
        for (int i = 1; i < first; i++) {
            assertThat(as.get(i).retryOf()).isEqualTo(as.get(i - 1).transaction());
        }
    }

    /**
     * A registrar's phones between refreshes are packed as bytes at each sweep and unpacked by their next REGISTER:
     * 30 addresses-of-record refreshing every 20 minutes (challenged, retried, one told 423, Call-IDs changed half-way,
     * de-registered at the end) give the registrations of a correlator that never sweeps in that time.
     */
    @Test
    void registrationsPackedBetweenRefreshesReadBackWhatHeldOnesGive() {
        Trace packing = new Trace();
        Trace holding = new Trace(new CorrelatorLimits(100_000, 100_000, java.time.Duration.ofDays(400),
                java.time.Duration.ofSeconds(300)));
        int packedMidway = -1;
        for (Trace t : java.util.List.of(packing, holding)) {
            int n = 0;
            for (int round = 0; round < 6; round++) {
                t.after(20 * 60_000);
                for (int p = 0; p < 30; p++) {
                    String aor = "<sip:phone" + p + "@a.example>";
                    String contact = "<sip:phone" + p + "@10.0.1." + p + ":5060>";
                    String callId = "reg-" + p + (round >= 3 && p % 2 == 0 ? "-b" : "") + "@a.example";
                    String expires = round == 5 ? "0" : p == 7 && round == 2 ? "30" : "3600";
                    Msg first = Msg.request("REGISTER").requestUri("sip:a.example").set("To", aor).callId(callId)
                            .cseq(2 * round + 1).branch("z9hG4bK-p" + n++).set("Contact", contact)
                            .set("Expires", expires);
                    t.send(first);
                    t.send(first.response(401, "Unauthorized").toTag("r" + n)
                            .set("WWW-Authenticate", "Digest realm=\"a\", nonce=\"n" + n + "\""));
                    Msg retry = first.cseq(2 * round + 2).branch("z9hG4bK-p" + n++)
                            .set("Authorization", "Digest username=\"p\", realm=\"a\", response=\"x\"");
                    t.send(retry);
                    t.send(p == 7 && round == 2 ? retry.response(423, "Interval Too Brief").toTag("r" + n)
                            .set("Min-Expires", "60")
                            : retry.response(200, "OK").toTag("r" + n).set("Contact", contact + ";expires="
                            + expires));
                    if (t == packing && round == 4 && p == 0) {
                        packedMidway = t.correlator.packedRegistrations();
                    }
                }
            }
        }
        // the round's first message swept, packing all 30; the first phone's REGISTER then unpacked it
        assertThat(packedMidway).isEqualTo(29);
        assertThat(holding.correlator.packedRegistrations()).isZero();
        java.util.List<Registration> packed = packing.finish().registrations();
        java.util.List<Registration> held = holding.finish().registrations();
        assertThat(packed).hasSize(30).isEqualTo(held);
        assertThat(packed.get(7).attempts()).hasSize(12).anyMatch(Registration.Attempt::tooBrief);
        assertThat(packed.get(0).attempts().get(1).retryOf()).isEqualTo(packed.get(0).attempts().get(0).transaction());
        assertThat(packed.get(3).bindings()).isEmpty(); // de-registered
    }
}
