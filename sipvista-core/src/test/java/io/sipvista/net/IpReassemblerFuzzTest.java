package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.sipvista.bytes.Octets.u16be;
import static org.assertj.core.api.Assertions.assertThat;

/** Seeded random streams: good fragments in any order rebuild exactly; damaged ones never throw or break a bound. */
class IpReassemblerFuzzTest {
    private static final int SEEDS = 150;

    /** Fragments of one datagram cut at random multiples of 8 (at most {@code maxCuts} cuts). */
    private static List<byte[]> cut(Random rnd, byte[] udp, boolean v6, int id, int maxCuts) {
        TreeSet<Integer> offsets = new TreeSet<>();
        offsets.add(0);
        int cuts = rnd.nextInt(maxCuts + 1);
        for (int i = 0; i < cuts; i++) {
            int at = 8 * (1 + rnd.nextInt(Math.max(1, udp.length / 8 - 1)));
            if (at < udp.length) {
                offsets.add(at);
            }
        }
        int[] o = offsets.stream().mapToInt(Integer::intValue).toArray();
        if (o.length == 1) {
            o = new int[] {0, 8 * Math.max(1, udp.length / 16)}; // always really fragmented
        }
        return v6 ? Fragmenter.fragments6(udp, id, o) : Fragmenter.fragments4(udp, id, o);
    }

    private static byte[] udp(Random rnd, boolean v6) {
        byte[] sip = Fragmenter.invite(400 + rnd.nextInt(5000));
        return v6 ? Fragmenter.udp6(sip) : Fragmenter.udp4(sip);
    }

    @Test
    void interleavedDatagramsInRandomOrderWithDuplicatesAllRebuildExactly() {
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random rnd = new Random(seed);
            Map<Integer, byte[]> originals = new HashMap<>();
            List<int[]> order = new ArrayList<>(); // {datagram, fragment index}
            List<List<byte[]>> frags = new ArrayList<>();
            int datagrams = 1 + rnd.nextInt(6);
            for (int d = 0; d < datagrams; d++) {
                boolean v6 = rnd.nextBoolean();
                byte[] udp = udp(rnd, v6);
                originals.put(d, v6 ? Fragmenter.whole6(udp) : Fragmenter.whole4(udp, 100 + d));
                frags.add(cut(rnd, udp, v6, 100 + d, 8));
                for (int i = 0; i < frags.get(d).size(); i++) {
                    order.add(new int[] {d, i});
                    if (rnd.nextInt(5) == 0) {
                        order.add(new int[] {d, i}); // a duplicate
                    }
                }
            }
            Collections.shuffle(order, rnd);
            IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
            Map<Integer, Integer> completedAt = new HashMap<>();
            for (int k = 0; k < order.size(); k++) {
                int d = order.get(k)[0];
                byte[] p = frags.get(d).get(order.get(k)[1]);
                IpReassembler.Result res = r.offer(p, 0, p.length, k + 1, 1000, k);
                assertThat(res.anomalies()).extracting(Anomaly::id).as("seed " + seed)
                        .allMatch(id -> id.equals("ip.fragment.duplicate"));
                if (res instanceof IpReassembler.Complete c) {
                    assertThat(completedAt).as("seed " + seed).doesNotContainKey(d);
                    completedAt.put(d, k);
                    assertThat(c.ipPacket()).as("seed " + seed + " datagram " + d).isEqualTo(originals.get(d));
                } else if (res instanceof IpReassembler.Duplicate dup) {
                    assertThat(completedAt).as("seed " + seed).containsKey(d);
                    assertThat(dup.reassembledIn()).isEqualTo(completedAt.get(d) + 1);
                } else {
                    assertThat(res).isInstanceOf(IpReassembler.Held.class);
                }
            }
            assertThat(completedAt).as("seed " + seed).hasSize(datagrams);
            assertThat(r.finish()).isEmpty();
        }
    }

    @Test
    void damagedFragmentsNeverThrowAndKeepEveryBound() {
        Map<String, Integer> seen = new TreeMap<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random rnd = new Random(seed);
            ReassemblyLimits limits = new ReassemblyLimits(Duration.ofMillis(1 + rnd.nextInt(30_000)),
                    1 + rnd.nextInt(8), 500 + rnd.nextInt(70_000), 1 + rnd.nextInt(40), 1000 + rnd.nextInt(100_000));
            IpReassembler r = new IpReassembler(limits);
            List<byte[]> pool = new ArrayList<>();
            for (int d = 0; d < 4; d++) {
                boolean v6 = rnd.nextBoolean();
                pool.addAll(cut(rnd, udp(rnd, v6), v6, rnd.nextInt(3), 10));
            }
            long seconds = 1_000;
            for (int k = 1; k <= 400; k++) {
                byte[] p = mutate(rnd, pool.get(rnd.nextInt(pool.size())));
                int lead = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0;
                byte[] framed = new byte[lead + p.length + rnd.nextInt(3)];
                System.arraycopy(p, 0, framed, lead, p.length);
                int len = rnd.nextInt(6) == 0 ? rnd.nextInt(p.length + 1) : p.length;
                seconds += rnd.nextInt(8) == 0 ? rnd.nextInt(100) - 20 : 0;
                IpReassembler.Result res = r.offer(framed, lead, len, k, seconds, rnd.nextInt(1_000_000_000));
                check(res, k, limits, r, "seed " + seed + ", frame " + k);
                seen.merge(res.getClass().getSimpleName(), 1, Integer::sum);
                for (Anomaly a : res.anomalies()) {
                    seen.merge(a.id(), 1, Integer::sum);
                }
                if (rnd.nextInt(50) == 0) {
                    assertThat(r.expire(seconds + rnd.nextInt(60), 0)).allSatisfy(IpReassemblerFuzzTest::inCatalog);
                }
            }
            List<Anomaly> end = r.finish();
            assertThat(end).allSatisfy(a -> assertThat(a.id()).isEqualTo("ip.fragment.incomplete"));
            assertThat(r.bytesHeld()).isZero();
            assertThat(r.datagramsHeld()).isZero();
        }
        // The stream reaches every outcome, so the bounds above were checked where it matters.
        assertThat(seen).containsKeys("Complete", "Held", "Dropped", "Duplicate", "NotAFragment",
                "ip.fragment.beyond_end", "ip.fragment.cut", "ip.fragment.duplicate", "ip.fragment.invalid",
                "ip.fragment.limit", "ip.fragment.overlap", "ip.fragment.overlap_conflict", "ip.fragment.timeout",
                "ip.fragment.too_large");
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(42);
        ReassemblyLimits limits = new ReassemblyLimits(Duration.ofSeconds(5), 4, 65_535, 16, 50_000);
        IpReassembler r = new IpReassembler(limits);
        for (int k = 1; k <= 20_000; k++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) ((rnd.nextBoolean() ? 0x40 : 0x60) | (b[0] & 0x0f));
            }
            if (b.length > 7 && rnd.nextBoolean()) {
                b[6] = (byte) (b[6] | 0x20); // IPv4 MF
            }
            check(r.offer(b, 0, b.length, k, k / 100, 0), k, limits, r, "frame " + k);
        }
        assertThat(r.finish()).allSatisfy(IpReassemblerFuzzTest::inCatalog);
    }

    private static byte[] mutate(Random rnd, byte[] p) {
        byte[] m = p.clone();
        switch (rnd.nextInt(6)) {
            case 0 -> {
                return m; // untouched
            }
            case 1 -> m[rnd.nextInt(Math.min(m.length, 60))] ^= (byte) (1 << rnd.nextInt(8)); // a header bit
            case 2 -> {
                for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 3 -> { // another fragment offset, flags kept
                if ((m[0] & 0xf0) == 0x40) {
                    int off = rnd.nextInt(0x2000);
                    m[6] = (byte) ((m[6] & 0xe0) | (off >>> 8));
                    m[7] = (byte) off;
                } else if (m.length > 52) {
                    m[50] = (byte) rnd.nextInt(256);
                    m[51] = (byte) rnd.nextInt(256);
                }
            }
            case 4 -> m = Arrays.copyOf(m, rnd.nextInt(m.length + 1)); // cut
            default -> { // a lying length field
                int at = (m[0] & 0xf0) == 0x40 ? 2 : 4;
                if (m.length > at + 1) {
                    m[at] = (byte) rnd.nextInt(256);
                    m[at + 1] = (byte) rnd.nextInt(256);
                }
            }
        }
        return m;
    }

    private static void inCatalog(Anomaly a) {
        assertThat(AnomalyCatalog.standard().contains(a.id())).as(a.id()).isTrue();
    }

    private static void check(IpReassembler.Result res, long frame, ReassemblyLimits limits, IpReassembler r,
                              String where) {
        // Plain checks first: AssertJ on every one of 60,000 offers would dominate the run time.
        boolean ok = res != null && r.datagramsHeld() <= limits.maxDatagrams() && r.bytesHeld() >= 0
                && r.bytesHeld() <= limits.maxBufferedBytes();
        for (Anomaly a : ok ? res.anomalies() : List.<Anomaly>of()) {
            ok &= AnomalyCatalog.standard().contains(a.id());
        }
        if (!ok) {
            assertThat(res).as(where).isNotNull();
            assertThat(res.anomalies()).as(where).allSatisfy(IpReassemblerFuzzTest::inCatalog);
            assertThat(r.datagramsHeld()).as(where).isLessThanOrEqualTo(limits.maxDatagrams());
            assertThat(r.bytesHeld()).as(where).isBetween(0L, limits.maxBufferedBytes());
        }
        if (res instanceof IpReassembler.Complete c) {
            byte[] ip = c.ipPacket();
            assertThat(c.frames()).as(where).contains(frame);
            if ((ip[0] & 0xf0) == 0x40) {
                assertThat(u16be(ip, 2)).as(where).isEqualTo(ip.length);
                assertThat(u16be(ip, 6) & 0x3fff).as(where).isZero();
                long sum = 0;
                for (int i = 0; i < (ip[0] & 0x0f) * 4; i += 2) {
                    sum += u16be(ip, i);
                }
                while ((sum >>> 16) != 0) {
                    sum = (sum & 0xffff) + (sum >>> 16);
                }
                assertThat(sum).as(where + ": header checksum").isEqualTo(0xffff);
            } else {
                assertThat(u16be(ip, 4) + 40).as(where).isEqualTo(ip.length);
            }
            Packet p = new PacketDecoder().decode(new CaptureRecord(frame, 0, LinkType.RAW, 0, 0, 6, ip.length,
                    ip.length, ip, 0));
            assertThat(p.ipVersion()).as(where).isIn(4, 6);
        }
    }
}
