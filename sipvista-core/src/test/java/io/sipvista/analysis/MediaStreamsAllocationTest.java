package io.sipvista.analysis;

import io.sipvista.correlate.SipEvent;
import io.sipvista.capture.LinkType;
import io.sipvista.frame.Frame;
import io.sipvista.frame.MediaFastPath;
import io.sipvista.frame.MediaPacket;
import io.sipvista.label.RtpHeader;
import io.sipvista.sip.SipParser;
import io.sipvista.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The per-packet path of {@link MediaStreams} allocates nothing once a stream exists, however many calls are up; nor
 * does the fast path from a record's bytes ({@link MediaFastPath}, {@link MediaStreams#fastPacket}).
 */
class MediaStreamsAllocationTest {
    private static final int CALLS = 500;
    private static final int PER_CALL = 200;

    private static SipEvent invite(int i) {
        String sdp = MediaScenario.sdp("10.0.0.1", 10_000 + 2 * i, "sendrecv");
        String text = "INVITE sip:b@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + i + "\r\n"
                + "From: <sip:a@10.0.0.1>;tag=a" + i + "\r\nTo: <sip:b@10.0.0.2>\r\nCall-ID: alloc-" + i + "\r\n"
                + "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n"
                + sdp;
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return new SipEvent(i + 1, 1_700_000_000L, 0, "10.0.0.1:5060", "10.0.0.2:5060", "udp",
                SipParser.parse(b, 0, b.length));
    }

    private static Frame rtp(long number, int call, int seq) {
        byte[] b = MediaScenario.rtp(0, false, seq, 160L * seq, 0x1000 + call, new byte[160]);
        RtpHeader h = RtpHeader.parse(b, 0, b.length).orElseThrow();
        long ms = 20L * seq;
        return new Frame(number, 1_700_000_001L + ms / 1000, (int) (ms % 1000) * 1_000_000 + call, 6, 0, 1,
                b.length, b.length, "10.0.0.2:" + (30_000 + 2 * call), "10.0.0.1:" + (10_000 + 2 * call), "udp",
                "rtp", "", List.of(), List.of(), List.of(), List.of(), 0, new MediaPacket(false, true, h, 0, 0, b, 0,
                b.length));
    }

    /** The JVM's count of bytes allocated per thread; the test is skipped where there is none. */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        return mx;
    }

    @Test
    void packetsOfManyCallsAllocateNothing() {
        com.sun.management.ThreadMXBean mx = allocationCounter();
        MediaStreams media = new MediaStreams(Duration.ofSeconds(32));
        for (int i = 0; i < CALLS; i++) {
            media.sip(invite(i));
        }
        // interleaved as on the wire: packet k of every call, then packet k+1 ...
        Frame[] frames = new Frame[CALLS * PER_CALL];
        int n = 0;
        for (int k = 0; k < PER_CALL; k++) {
            for (int c = 0; c < CALLS; c++) {
                frames[n] = rtp(CALLS + n + 1, c, k + 1);
                n++;
            }
        }
        int warm = CALLS * 20;
        for (int i = 0; i < warm; i++) {
            media.packet(frames[i]);
        }
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = warm; i < frames.length; i++) {
            media.packet(frames[i]);
        }
        long after = mx.getThreadAllocatedBytes(id);
        assertThat(after - before).as("bytes allocated by %d packets of %d calls", frames.length - warm, CALLS)
                .isLessThan(4096);
        assertThat(media.openFlows()).isEqualTo(CALLS);
    }

    /** The Ethernet frame of {@link #rtp}'s packet. */
    private static byte[] record(int call, int seq) {
        byte[] rtp = MediaScenario.rtp(0, false, seq, 160L * seq, 0x1000 + call, new byte[160]);
        return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.2", 30_000 + 2 * call,
                "10.0.0.1", 10_000 + 2 * call, rtp));
    }

    @Test
    void recordsOnTheFastPathAllocateNothing() {
        com.sun.management.ThreadMXBean mx = allocationCounter();
        MediaStreams media = new MediaStreams(Duration.ofSeconds(32));
        for (int i = 0; i < CALLS; i++) {
            media.sip(invite(i));
        }
        int warm = CALLS * 20;
        for (int i = 0; i < warm; i++) {
            media.packet(rtp(CALLS + i + 1, i % CALLS, i / CALLS + 1)); // the slow path opens the flows
        }
        byte[][] records = new byte[CALLS * PER_CALL - warm][];
        for (int i = 0; i < records.length; i++) {
            int n = warm + i;
            records[i] = record(n % CALLS, n / CALLS + 1);
        }
        MediaFastPath fast = new MediaFastPath();
        // in rounds: the first compiles; of the others, the least is what a record costs once compiled (a round can
        // catch a deoptimisation, which allocates what compiled code had kept in registers)
        int rounds = 4;
        int per = records.length / rounds;
        long least = Long.MAX_VALUE;
        long taken = 0;
        long id = Thread.currentThread().getId();
        for (int round = 0; round < rounds; round++) {
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = round * per; i < (round + 1) * per; i++) {
                int n = warm + i;
                long ms = 20L * (n / CALLS + 1);
                if (fast.read(records[i], records[i].length, records[i].length, LinkType.ETHERNET)
                        && media.fastPacket(fast, CALLS + n + 1, 1_700_000_001L + ms / 1000,
                        (int) (ms % 1000) * 1_000_000 + n % CALLS, 6)) {
                    taken++;
                }
            }
            long after = mx.getThreadAllocatedBytes(id);
            if (round > 0) {
                least = Math.min(least, after - before);
            }
        }
        assertThat(least).as("bytes allocated by %d records of %d calls", per, CALLS).isLessThan(4096);
        assertThat(taken).as("records the fast path took").isEqualTo((long) per * rounds);
        assertThat(media.openFlows()).isEqualTo(CALLS);
    }

    @Test
    void aFinishedCallLeavesNothingBehind() {
        MediaStreams media = new MediaStreams(Duration.ofSeconds(32));
        for (int i = 0; i < 3; i++) {
            media.sip(invite(i));
        }
        for (int k = 1; k <= 10; k++) {
            for (int c = 0; c < 3; c++) {
                media.packet(rtp(100L * k + c, c, k));
            }
        }
        assertThat(media.openFlows()).isEqualTo(3);
        MediaStreams.Settled s = media.finishCall(List.of("alloc-1"), "call#1");
        assertThat(s.streams()).hasSize(1);
        assertThat(s.streams().get(0).stream().packets()).isEqualTo(10);
        assertThat(s.streams().get(0).stream().call()).isEqualTo("call#1");
        assertThat(s.sides()).hasSize(1);
        assertThat(media.openFlows()).isEqualTo(2);
        assertThat(media.openCalls()).isEqualTo(2);
        // the port is no longer announced: later packets there are a stream of no call (the labeller took them),
        // from its first packet once a second of its SSRC follows (probation)
        media.packet(rtp(999, 1, 11));
        media.packet(rtp(1000, 1, 12));
        assertThat(media.finish()).filteredOn(m -> m.callId() == null).singleElement().satisfies(m -> {
            assertThat(m.inferred()).isTrue();
            assertThat(m.packets()).isEqualTo(2);
            assertThat(m.firstFrame()).isEqualTo(999);
        });
    }
}
