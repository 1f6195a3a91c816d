package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.net.PacketDecoder;
import io.sipvista.sip.SipLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.TcpSegment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory bounds of {@link TcpStreams}: directions, held bytes, idle expiry. */
class TcpStreamsBoundsTest {
    private static final byte[] PARTIAL_INVITE = ("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK1\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPTIONS = ("OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK2\r\n"
            + "Call-ID: o1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final PacketDecoder packets = new PacketDecoder();
    private long number;

    private TcpStreams.Outcome send(TcpStreams streams, long seconds, byte[] ip) {
        number++;
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, ip);
        CaptureRecord r = new CaptureRecord(number, 0, LinkType.ETHERNET, seconds, 0, 6, frame.length, frame.length, frame, 0);
        return streams.accept(packets.decode(r), r);
    }

    private static String address(int i) {
        return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
    }

    /** A copy of an Ethernet/IPv4 frame with another source address (checksums are not verified by the decoder). */
    private static byte[] from(byte[] template, int address) {
        byte[] frame = template.clone();
        frame[26] = 10;
        frame[27] = (byte) (address >> 16);
        frame[28] = (byte) (address >> 8);
        frame[29] = (byte) address;
        return frame;
    }

    private TcpStreams.Outcome sendFrame(TcpStreams streams, byte[] frame) {
        number++;
        CaptureRecord r = new CaptureRecord(number, 0, LinkType.ETHERNET, 1000, 0, 6, frame.length, frame.length, frame, 0);
        return streams.accept(packets.decode(r), r);
    }

    @Test
    void hundredThousandHalfOpenStreamsStayWithinTheLimits() {
        int maxStreams = 64;
        int maxHeld = 4096;
        TcpStreams streams = new TcpStreams(new FrameLimits(maxStreams, maxHeld, 1024, 10_000, 300,
                new SipLimits(4096, 1024, 64)));
        // A SIP message started and never finished; a connection whose first segment never arrives (the next is held).
        byte[] partial = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, TcpSegment.from("10.0.0.0", 40000)
                .to("10.200.0.1", 5060).seq(1).payload(PARTIAL_INVITE).ipv4());
        byte[] syn = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, TcpSegment.from("10.0.0.0", 40000)
                .to("10.200.0.1", 5060).seq(7).flags(TcpSegment.SYN).ipv4());
        byte[] ahead = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, TcpSegment.from("10.0.0.0", 40000)
                .to("10.200.0.1", 5060).seq(1008).payload(OPTIONS).ipv4());
        assertThat(packets.decode(new CaptureRecord(1, 0, LinkType.ETHERNET, 0, 0, 6, partial.length, partial.length,
                from(partial, 0x010203), 0)).srcAddress()).isEqualTo("10.1.2.3");
        long started = System.nanoTime();
        int limitAnomalies = 0;
        int overLimit = 0;
        for (int i = 1; i <= 100_000; i++) {
            List<Anomaly> said = new ArrayList<>();
            if (i % 2 == 0) {
                said.addAll(sendFrame(streams, from(partial, i)).anomalies());
            } else {
                said.addAll(sendFrame(streams, from(syn, i)).anomalies());
                said.addAll(sendFrame(streams, from(ahead, i)).anomalies());
            }
            limitAnomalies += (int) said.stream().filter(a -> a.id().equals("tcp.streams.limit")).count();
            if (streams.openDirections() > maxStreams || streams.heldBytes() > (long) maxStreams * maxHeld) {
                overLimit++;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(overLimit).as("packets after which a bound was exceeded").isZero();
        assertThat(streams.openDirections()).isEqualTo(maxStreams);
        assertThat(streams.heldBytes()).isEqualTo(maxStreams / 2 * OPTIONS.length);
        assertThat(limitAnomalies).isEqualTo(100_000 - maxStreams);
        List<Anomaly> end = streams.finish();
        assertThat(end.get(0).id()).isEqualTo("tcp.streams.limit");
        assertThat(end.get(0).detail()).startsWith((100_000 - maxStreams) + " TCP directions holding data were dropped");
        assertThat(streams.openDirections()).isZero();
        assertThat(millis).as("100,000 streams in %d ms", millis).isLessThan(15_000);
    }

    @Test
    void evictingADirectionThatHeldNothingIsSilent() {
        TcpStreams streams = new TcpStreams(new FrameLimits(2, SipLimits.DEFAULT));
        for (int i = 0; i < 10; i++) {
            TcpStreams.Outcome o = send(streams, 1000, TcpSegment.from(address(i + 1), 40000).to("10.200.0.1", 5060).seq(1)
                    .payload(OPTIONS).ipv4());
            assertThat(o.messages()).hasSize(1);
            assertThat(o.anomalies()).isEmpty();
        }
        assertThat(streams.openDirections()).isEqualTo(2);
        assertThat(streams.finish()).isEmpty();
    }

    @Test
    void idleDirectionsHoldingNothingAreForgottenByCaptureTime() {
        TcpStreams streams = new TcpStreams(new FrameLimits(1000, 1 << 16, 1024, 10_000, 60, SipLimits.DEFAULT));
        for (int i = 0; i < 8; i++) {
            send(streams, 1000, TcpSegment.from(address(i + 1), 40000).to("10.200.0.1", 5060).seq(1).payload(OPTIONS).ipv4());
        }
        assertThat(streams.openDirections()).isEqualTo(8);
        send(streams, 1050, TcpSegment.from("10.9.9.9", 40000).to("10.200.0.1", 5060).seq(1).payload(OPTIONS).ipv4());
        assertThat(streams.openDirections()).isEqualTo(9);
        for (int i = 0; i < 3; i++) {
            send(streams, 1061, TcpSegment.from("10.9.9.9", 40000).to("10.200.0.1", 5060).seq(1).flags(TcpSegment.ACK).ipv4());
        }
        assertThat(streams.openDirections()).isEqualTo(1);
    }

    @Test
    void idleDirectionsHoldingDataAreKept() {
        TcpStreams streams = new TcpStreams(new FrameLimits(1000, 1 << 16, 1024, 10_000, 60, SipLimits.DEFAULT));
        send(streams, 1000, TcpSegment.from("10.0.0.1", 40000).to("10.200.0.1", 5060).seq(1).payload(PARTIAL_INVITE).ipv4());
        send(streams, 2000, TcpSegment.from("10.0.0.2", 40000).to("10.200.0.1", 5060).seq(1).payload(OPTIONS).ipv4());
        assertThat(streams.openDirections()).isEqualTo(2);
        List<Anomaly> end = streams.finish();
        assertThat(end).extracting(Anomaly::id).containsExactly("sip.stream.incomplete");
        assertThat(end.get(0).detail()).startsWith("TCP 10.0.0.1:40000 → 10.200.0.1:5060 (last frame 1)");
    }

    @Test
    void timeWithoutACaptureRecordNeverExpires() {
        TcpStreams streams = new TcpStreams(new FrameLimits(1000, 1 << 16, 1024, 0, 0, SipLimits.DEFAULT));
        number++;
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, TcpSegment.from("10.0.0.1", 40000)
                .to("10.200.0.1", 5060).seq(1).payload(OPTIONS).ipv4());
        CaptureRecord r = new CaptureRecord(number, 0, LinkType.ETHERNET, 5, 0, 6, frame.length, frame.length, frame, 0);
        assertThat(streams.accept(packets.decode(r), number).messages()).hasSize(1);
        assertThat(streams.accept(packets.decode(r), number).note()).contains("retransmission");
        assertThat(streams.openDirections()).isEqualTo(1);
    }

    @Test
    void captureTimeInMillisecondsNeverOverflows() {
        assertThat(TcpStreams.millis(Long.MAX_VALUE, 999_999_999) - TcpStreams.millis(Long.MIN_VALUE, 0)).isPositive();
        assertThat(TcpStreams.millis(1_700_000_000L, 250_000_000)).isEqualTo(1_700_000_000_250L);
    }
}
