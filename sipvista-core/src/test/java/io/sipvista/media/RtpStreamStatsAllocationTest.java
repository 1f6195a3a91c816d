package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RtpStreamStatsAllocationTest {
    private static void run(RtpStreamStats st, int from, int count) {
        for (int i = from; i < from + count; i++) {
            // loss, reordering, a DTMF packet and a sequence wrap on the way, all on the hot path
            int seq = i % 50 == 7 ? i + 1 : i % 50 == 8 ? i - 1 : i;
            int pt = (i % 97 == 0) ? 101 : 0;
            if (i % 33 != 0) {
                st.update(seq, 160L * i, 0x1234L, pt, i % 1000 == 0, 1_000_000_000L + 20_000_000L * i
                        + (i % 3) * 1_000_000L, 160, i);
            }
        }
    }

    @Test
    void updateAllocatesNothing() {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        RtpStreamStats st = new RtpStreamStats(ClockRates.of(java.util.Map.of(101,
                new ClockRates.Binding("telephone-event", 8000))));
        run(st, 0, 200_000);
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        run(st, 200_000, 1_000_000);
        long after = mx.getThreadAllocatedBytes(id);
        assertThat(after - before).as("bytes allocated by 1M updates").isLessThan(4096);
        assertThat(st.packets()).isGreaterThan(1_000_000);
        assertThat(st.summary().outOfOrder()).isPositive();
    }
}
