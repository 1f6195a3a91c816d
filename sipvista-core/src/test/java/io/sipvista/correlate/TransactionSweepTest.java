package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.SipMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep closes exactly the open transactions {@link TransactionBuilder#expired} at its time, no sooner and no
 * later, whatever messages came before: checked against a model of the table as the sweep that walked every open
 * transaction kept it (in the order keys entered it, a reused key keeping its place, the oldest forced out first).
 */
class TransactionSweepTest {
    private static final long START = 1_700_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** The table the walking sweep kept, and the work it was given. */
    private static final class Model {
        final CorrelatorLimits limits;
        final TransactionMatcher matcher;
        final Map<TransactionKey, TransactionBuilder> table = new LinkedHashMap<>();
        int created;
        long frame;
        int sweeps;
        int closedBySweeps;
        int forcedOut;

        Model(CorrelatorLimits limits) {
            this.limits = limits;
            this.matcher = new TransactionMatcher(limits, true);
        }

        /** Gives the matcher one message at {@code nanos} after the start, and follows its table in the model. */
        void message(SipMessage m, long nanos) {
            SipEvent e = new SipEvent(++frame, START + Math.floorDiv(nanos, SECOND), (int) Math.floorMod(nanos, SECOND),
                    "10.0.0.1:5060", "10.0.0.2:5060", "udp", m);
            List<Anomaly> anomalies = new ArrayList<>();
            MessageFacts f = MessageFacts.read(e, anomalies);
            if (f.problem != null) {
                return;
            }
            TransactionMatcher.Match match = f.request ? matcher.request(f, anomalies) : matcher.response(f, anomalies);
            TransactionBuilder t = match.transaction();
            if (t.index == created) { // a new transaction enters the table
                created++;
                if (!table.containsKey(t.key) && table.size() >= limits.maxOpenTransactions()) {
                    Iterator<TransactionBuilder> eldest = table.values().iterator();
                    TransactionBuilder out = eldest.next();
                    eldest.remove();
                    assertThat(out.open).as("the oldest is forced out").isFalse();
                    forcedOut++;
                }
                TransactionBuilder replaced = table.put(t.key, t);
                if (replaced != null) {
                    assertThat(replaced.open).as("a reused key replaces its transaction").isFalse();
                }
            }
            assertSameTable();
        }

        /** Sweeps at {@code nanos} after the start: what closes is what the walk over the table would close. */
        void sweep(long nanos) {
            Instant now = Instant.ofEpochSecond(START + Math.floorDiv(nanos, SECOND), Math.floorMod(nanos, SECOND));
            Set<TransactionBuilder> expected = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Iterator<TransactionBuilder> it = table.values().iterator(); it.hasNext(); ) {
                TransactionBuilder t = it.next();
                if (t.expired(now, limits)) {
                    expected.add(t);
                    it.remove();
                }
            }
            List<TransactionBuilder> before = new ArrayList<>(table.values());
            before.addAll(expected);
            matcher.sweep(now);
            for (TransactionBuilder t : before) {
                assertThat(t.open).as("transaction %d open after the sweep at %s", t.index, now)
                        .isEqualTo(!expected.contains(t));
            }
            sweeps++;
            closedBySweeps += expected.size();
            assertSameTable();
        }

        /** The matcher holds what the model holds (a transaction leaving the model was checked closed then). */
        private void assertSameTable() {
            assertThat(matcher.openCount()).isEqualTo(table.size());
            for (TransactionBuilder t : table.values()) {
                assertThat(t.open).isTrue();
            }
        }

        /** When an open transaction expires if nothing more happens, in nanoseconds after the start. */
        long expiryOf(TransactionBuilder t) {
            return (t.lastActivity.getEpochSecond() - START) * SECOND + t.lastActivity.getNano()
                    + nanos(t.idleLimit(limits));
        }
    }

    /** A limit in nanoseconds; one too long for that as a year (past anything the runs reach). */
    private static long nanos(Duration limit) {
        return limit.compareTo(Duration.ofDays(365)) > 0 ? 365 * 86_400 * SECOND : limit.toNanos();
    }

    /** Requests and responses over a few Call-IDs, branches, methods and sequence numbers, so keys meet again. */
    private static List<SipMessage> messages() {
        List<SipMessage> out = new ArrayList<>();
        String[] methods = {"INVITE", "ACK", "BYE", "OPTIONS", "CANCEL"};
        int[] statuses = {100, 180, 200, 486};
        for (String callId : new String[] {"c1", "c2"}) {
            for (String branch : new String[] {"z9hG4bK-1", "z9hG4bK-2", "z9hG4bK-3", "old-1"}) {
                for (String method : methods) {
                    for (int cseq = 1; cseq <= 2; cseq++) {
                        Msg request = Msg.request(method).callId(callId).branch(branch).cseq(cseq, method);
                        out.add(request.parse());
                        out.add(request.toTag("b1").parse());
                        if (!method.equals("ACK")) {
                            for (int status : statuses) {
                                Msg response = request.response(status, "Reason");
                                out.add((status == 100 ? response : response.toTag("b1")).parse());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Runs random messages and sweeps: small steps, long pauses, steps back in time, sweeps on an expiry. */
    private static Model run(CorrelatorLimits limits, long seed, List<SipMessage> pool, int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        Model model = new Model(limits);
        long linger = limits.linger().toNanos();
        long timeout = Math.min(nanos(limits.openTimeout()), 1000 * SECOND);
        long now = 0;
        for (int i = 0; i < steps; i++) {
            switch (random.nextInt(10)) {
                case 0 -> now += random.nextBoolean() ? linger : timeout;
                case 1 -> now -= random.nextLong(0, 3 * SECOND);
                case 2 -> now += random.nextLong(0, Math.max(1, linger) * 2);
                default -> now += random.nextLong(0, SECOND / 2);
            }
            if (random.nextInt(4) == 0) {
                long at = now;
                if (random.nextBoolean() && !model.table.isEmpty()) {
                    // just at, before or after when one of them expires
                    List<TransactionBuilder> open = new ArrayList<>(model.table.values());
                    at = model.expiryOf(open.get(random.nextInt(open.size()))) + random.nextInt(-1, 2);
                }
                model.sweep(at);
            }
            model.message(pool.get(random.nextInt(pool.size())), now);
        }
        model.sweep(now + 2000 * SECOND);
        return model;
    }

    @Test
    void sweepsCloseWhatTheWalkOverEveryOpenTransactionClosed() {
        List<SipMessage> pool = messages();
        List<CorrelatorLimits> limits = List.of(
                new CorrelatorLimits(100_000, 100_000, Duration.ofSeconds(2), Duration.ofSeconds(7)),
                new CorrelatorLimits(6, 100, Duration.ofSeconds(2), Duration.ofSeconds(7)),
                new CorrelatorLimits(100, 100, Duration.ofSeconds(5), Duration.ofSeconds(2)),
                new CorrelatorLimits(50, 100, Duration.ZERO, Duration.ZERO),
                new CorrelatorLimits(1000, 100, Duration.ofMillis(1500), Duration.ofNanos(2 * SECOND + 700_000_001)),
                new CorrelatorLimits(1000, 100, Duration.ofSeconds(3),
                        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
        int sweeps = 0;
        int closed = 0;
        int forcedOut = 0;
        for (CorrelatorLimits l : limits) {
            for (long seed = 1; seed <= 6; seed++) {
                Model m = run(l, seed, pool, 3000);
                sweeps += m.sweeps;
                closed += m.closedBySweeps;
                forcedOut += m.forcedOut;
            }
        }
        // the runs did what they are for: many sweeps that closed things, and the limit forcing some out
        assertThat(sweeps).isGreaterThan(10_000);
        assertThat(closed).isGreaterThan(5_000);
        assertThat(forcedOut).isGreaterThan(100);
    }

    /** A model with the usual limits: a 32 s linger and a 300 s open timeout. */
    private static Model usual() {
        return new Model(new CorrelatorLimits(100, 100, Duration.ofSeconds(32), Duration.ofSeconds(300)));
    }

    @Test
    void aFinishedTransactionLeavesJustAfterItsLinger() {
        Model m = usual();
        Msg options = Msg.request("OPTIONS");
        m.message(options.parse(), 0);
        m.message(options.response(200, "OK").toTag("b").parse(), SECOND);
        m.sweep(33 * SECOND);
        assertThat(m.matcher.openCount()).as("exactly the linger after: still open").isEqualTo(1);
        m.sweep(33 * SECOND + 1);
        assertThat(m.matcher.openCount()).isZero();
    }

    /** The final response shortens the open timeout to the linger: the sweep must not wait for the timeout. */
    @Test
    void aFinalResponseBringsTheExpiryNearer() {
        Model m = usual();
        Msg invite = Msg.request("INVITE");
        m.message(invite.parse(), 0);
        m.message(invite.response(180, "Ringing").toTag("b").parse(), SECOND);
        m.sweep(100 * SECOND); // its open timeout is far off
        assertThat(m.matcher.openCount()).isEqualTo(1);
        m.message(invite.response(200, "OK").toTag("b").parse(), 110 * SECOND);
        m.sweep(142 * SECOND + 1);
        assertThat(m.matcher.openCount()).isZero();
    }

    /** Messages after the first put the expiry off: the sweep at the first time finds it open and waits. */
    @Test
    void laterMessagesPutTheExpiryOff() {
        Model m = usual();
        Msg options = Msg.request("OPTIONS");
        m.message(options.parse(), 0);
        m.message(options.response(200, "OK").toTag("b").parse(), SECOND);
        m.message(options.response(200, "OK").toTag("b").parse(), 20 * SECOND); // a retransmission
        m.sweep(40 * SECOND);
        assertThat(m.matcher.openCount()).isEqualTo(1);
        m.sweep(52 * SECOND);
        assertThat(m.matcher.openCount()).isEqualTo(1);
        m.sweep(52 * SECOND + 1);
        assertThat(m.matcher.openCount()).isZero();
    }

    /** A request captured after its response but stamped earlier moves the last activity back, and the expiry. */
    @Test
    void aRequestStampedBeforeItsResponsesBringsTheExpiryNearer() {
        Model m = usual();
        Msg options = Msg.request("OPTIONS");
        m.message(options.response(200, "OK").toTag("b").parse(), 50 * SECOND);
        m.message(options.parse(), 10 * SECOND);
        m.sweep(42 * SECOND + 1);
        assertThat(m.matcher.openCount()).isZero();
    }
}
