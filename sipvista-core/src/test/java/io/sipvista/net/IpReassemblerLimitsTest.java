package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.sipvista.net.Fragmenter.ID;
import static io.sipvista.net.Fragmenter.fragment4;
import static io.sipvista.net.Fragmenter.fragments4;
import static io.sipvista.net.Fragmenter.invite;
import static io.sipvista.net.Fragmenter.udp4;
import static io.sipvista.net.Fragmenter.whole4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Time-outs by capture time and every bound of {@link ReassemblyLimits}. */
class IpReassemblerLimitsTest {
    private static final byte[] UDP = udp4(invite(3000));
    private static final String KEY = "IPv4 192.0.2.10 → 192.0.2.20 id 0x1234 proto UDP";

    private static List<String> ids(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::id).toList();
    }

    private static IpReassembler.Result offer(IpReassembler r, byte[] p, long frame, long seconds) {
        return r.offer(p, 0, p.length, frame, seconds, 0);
    }

    /** The first fragment (offset 0, MF) of a datagram with this id: never completes alone. */
    private static byte[] firstOf(int id) {
        return fragment4(UDP, id, 0, 800, true);
    }

    @Test
    void datagramIdleLongerThanTheTimeoutIsDroppedAtTheNextFragment() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, fragment4(UDP, ID, 0, 800, true), 1, 100);
        offer(r, fragment4(UDP, ID, 800, 1600, true), 2, 105);
        IpReassembler.Result later = offer(r, firstOf(7), 3, 136);
        assertThat(later).isInstanceOf(IpReassembler.Held.class);
        assertThat(ids(later.anomalies())).containsExactly("ip.fragment.timeout");
        assertThat(later.anomalies().get(0).detail()).isEqualTo(KEY + ": no fragment for more than 30 s; frames 1, 2"
                + " dropped, everything from byte 1600 on (no last fragment seen)");
        assertThat(r.datagramsHeld()).isEqualTo(1);
    }

    @Test
    void idleForExactlyTheTimeoutIsKept() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, fragment4(UDP, ID, 0, 1600, true), 1, 100);
        IpReassembler.Result other = offer(r, firstOf(7), 2, 130);
        assertThat(other.anomalies()).isEmpty();
        IpReassembler.Result last = offer(r, fragment4(UDP, ID, 1600, UDP.length, false), 3, 130);
        IpReassembler.Complete c = (IpReassembler.Complete) last;
        assertThat(c.ipPacket()).isEqualTo(whole4(UDP, ID));
    }

    @Test
    void timeoutCountsFromTheLastFragmentNotTheFirst() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, fragment4(UDP, ID, 0, 800, true), 1, 100);
        offer(r, fragment4(UDP, ID, 800, 1600, true), 2, 125);
        offer(r, fragment4(UDP, ID, 1600, 2400, true), 3, 150);
        IpReassembler.Result last = offer(r, fragment4(UDP, ID, 2400, UDP.length, false), 4, 175);
        assertThat(last).isInstanceOf(IpReassembler.Complete.class);
        assertThat(last.anomalies()).isEmpty();
    }

    @Test
    void fragmentAfterTheTimeoutStartsAFreshDatagram() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, fragment4(UDP, ID, 0, 1600, true), 1, 100);
        IpReassembler.Result late = offer(r, fragment4(UDP, ID, 1600, UDP.length, false), 2, 200);
        assertThat(late).isInstanceOf(IpReassembler.Held.class);
        assertThat(ids(late.anomalies())).containsExactly("ip.fragment.timeout");
        assertThat(ids(r.finish())).containsExactly("ip.fragment.incomplete");
    }

    @Test
    void expireReportsTimeoutsWithoutAFragment() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, firstOf(1), 1, 100);
        offer(r, firstOf(2), 2, 120);
        assertThat(r.expire(125, 0)).isEmpty();
        List<Anomaly> first = r.expire(131, 1);
        assertThat(ids(first)).containsExactly("ip.fragment.timeout");
        assertThat(first.get(0).detail()).startsWith("IPv4 192.0.2.10 → 192.0.2.20 id 0x1 proto UDP");
        assertThat(r.datagramsHeld()).isEqualTo(1);
        assertThat(ids(r.expire(151, 0))).containsExactly("ip.fragment.timeout");
        assertThat(r.datagramsHeld()).isZero();
        assertThat(r.bytesHeld()).isZero();
    }

    @Test
    void captureClockNeverGoesBack() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, firstOf(1), 1, 100);
        // A frame stamped far in the past does not make anything younger, nor expire it.
        assertThat(offer(r, firstOf(2), 2, 10).anomalies()).isEmpty();
        assertThat(r.expire(0, 0)).isEmpty();
        // Both were last touched at clock 100: both expire after 130.
        assertThat(ids(r.expire(131, 0))).containsExactly("ip.fragment.timeout", "ip.fragment.timeout");
    }

    @Test
    void subSecondTimeoutUsesNanoseconds() {
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofMillis(250), 16, 65_535, 8192, 1 << 20));
        r.offer(firstOf(1), 0, firstOf(1).length, 1, 5, 100_000_000);
        assertThat(r.expire(5, 350_000_000)).isEmpty();
        List<Anomaly> out = r.expire(5, 350_000_001);
        assertThat(ids(out)).containsExactly("ip.fragment.timeout");
        assertThat(out.get(0).detail()).contains("no fragment for more than 250 ms");
    }

    @Test
    void absurdTimestampsDoNotOverflowOrThrow() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        offer(r, firstOf(1), 1, Long.MIN_VALUE);
        assertThat(ids(offer(r, firstOf(2), 2, Long.MAX_VALUE).anomalies())).containsExactly("ip.fragment.timeout");
        assertThat(offer(r, firstOf(3), 3, Long.MAX_VALUE).anomalies()).isEmpty();
    }

    @Test
    @Timeout(20)
    void hundredThousandIncompleteDatagramsStayWithinTheDatagramLimit() {
        int max = 64;
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofSeconds(30), max, 65_535, 8192, 64L << 20));
        int limitHits = 0;
        for (int i = 0; i < 100_000; i++) {
            // Distinct ids (with the protocol varying so 65,536 ids are not exhausted), one fragment each, same second.
            byte[] frag = io.sipvista.testkit.Ipv4Packet.of(Fragmenter.SRC4, Fragmenter.DST4, 17 + (i >>> 16),
                    new byte[64]).id(i & 0xffff).fragment(0, true).build();
            IpReassembler.Result res = r.offer(frag, 0, frag.length, i + 1, 1000, 0);
            assertThat(res).isInstanceOf(IpReassembler.Held.class);
            for (Anomaly a : res.anomalies()) {
                assertThat(a.id()).isEqualTo("ip.fragment.limit");
                limitHits++;
            }
            assertThat(r.datagramsHeld()).isLessThanOrEqualTo(max);
        }
        assertThat(r.datagramsHeld()).isEqualTo(max);
        assertThat(limitHits).isEqualTo(100_000 - max);
        assertThat(r.finish()).hasSize(max);
    }

    @Test
    void datagramLimitEvictsTheOneIdleLongestAndNamesIt() {
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofSeconds(30), 2, 65_535, 8192, 1 << 20));
        offer(r, firstOf(1), 1, 0);
        offer(r, firstOf(2), 2, 0);
        offer(r, fragment4(UDP, 1, 800, 1600, true), 3, 0); // id 1 is now the most recent
        IpReassembler.Result third = offer(r, firstOf(3), 4, 0);
        assertThat(ids(third.anomalies())).containsExactly("ip.fragment.limit");
        assertThat(third.anomalies().get(0).detail()).startsWith("IPv4 192.0.2.10 → 192.0.2.20 id 0x2 proto UDP:"
                + " more than 2 datagrams in progress").contains("frames 2");
        // A later fragment of the evicted datagram is not started afresh.
        IpReassembler.Result late = offer(r, fragment4(UDP, 2, 800, 1600, true), 5, 0);
        assertThat(late).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(late.anomalies())).containsExactly("ip.fragment.limit");
        assertThat(late.anomalies().get(0).detail()).contains("given up in frame 4");
        assertThat(r.datagramsHeld()).isEqualTo(2);
    }

    @Test
    void bufferedBytesLimitEvictsOlderDatagramsAndIsNeverExceeded() {
        long budget = 4000;
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofSeconds(30), 100, 65_535, 8192, budget));
        int hits = 0;
        for (int id = 1; id <= 20; id++) {
            IpReassembler.Result res = offer(r, fragment4(UDP, id, 0, 1600, true), id, 0);
            hits += (int) res.anomalies().stream().filter(a -> a.id().equals("ip.fragment.limit")).count();
            assertThat(r.bytesHeld()).isLessThanOrEqualTo(budget);
        }
        assertThat(r.datagramsHeld()).isEqualTo(2); // 1600 + 20 + 64 bytes each
        assertThat(hits).isEqualTo(18);
    }

    @Test
    void fragmentLargerThanTheWholeBudgetIsDropped() {
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofSeconds(30), 100, 65_535, 8192, 1000));
        IpReassembler.Result res = offer(r, fragment4(UDP, ID, 0, 1600, true), 1, 0);
        assertThat(res).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(res.anomalies())).containsExactly("ip.fragment.limit");
        assertThat(r.bytesHeld()).isZero();
    }

    @Test
    void datagramBytesLimitDropsTheDatagram() {
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofSeconds(30), 100, 2000, 8192, 1 << 20));
        offer(r, fragment4(UDP, ID, 0, 1600, true), 1, 0);
        IpReassembler.Result res = offer(r, fragment4(UDP, ID, 1600, UDP.length, false), 2, 0);
        assertThat(res).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(res.anomalies())).containsExactly("ip.fragment.limit");
        assertThat(res.anomalies().get(0).detail()).isEqualTo(KEY + ": bytes 1600-3007 exceed the limit of 2000 bytes"
                + " per datagram; frames 1, 2 dropped");
        assertThat(r.datagramsHeld()).isZero();
        assertThat(r.bytesHeld()).isZero();
    }

    @Test
    void endlessDuplicatesHitTheFragmentLimit() {
        IpReassembler r = new IpReassembler(new ReassemblyLimits(Duration.ofSeconds(30), 100, 65_535, 10, 1 << 20));
        byte[] frag = fragment4(UDP, ID, 0, 800, true);
        for (int i = 1; i <= 10; i++) {
            assertThat(offer(r, frag, i, 0)).isInstanceOf(IpReassembler.Held.class);
        }
        IpReassembler.Result res = offer(r, frag, 11, 0);
        assertThat(res).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(res.anomalies())).containsExactly("ip.fragment.limit");
        assertThat(res.anomalies().get(0).detail()).contains("more than 10 fragments",
                "frames 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 dropped");
    }

    @Test
    void bytesHeldFollowsWhatIsHeld() {
        IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
        List<byte[]> frags = fragments4(UDP, ID, 0, 1600);
        offer(r, frags.get(0), 1, 0);
        assertThat(r.bytesHeld()).isEqualTo(1600 + 20 + IpReassembler.FRAGMENT_OVERHEAD);
        offer(r, frags.get(0), 2, 0); // a duplicate holds no new data
        assertThat(r.bytesHeld()).isEqualTo(1600 + 20 + 2 * IpReassembler.FRAGMENT_OVERHEAD);
        offer(r, frags.get(1), 3, 0);
        assertThat(r.bytesHeld()).isZero();
    }

    @Test
    void limitsRejectNonsense() {
        assertThatThrownBy(() -> new ReassemblyLimits(Duration.ZERO, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReassemblyLimits(Duration.ofSeconds(1), 0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ReassemblyLimits.DEFAULT.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ReassemblyLimits.DEFAULT.maxDatagrams()).isEqualTo(4096);
    }
}
