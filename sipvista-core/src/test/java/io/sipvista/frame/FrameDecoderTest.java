package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.TcpSegment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 2222 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n";
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKinv1\r\nFrom: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>\r\nCall-ID: call-1@10.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP;
    private static final String BYE = "BYE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKbye1\r\nFrom: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1@10.0.0.1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
    private static final byte[] STREAM = (INVITE + "\r\n\r\n" + BYE).getBytes(StandardCharsets.US_ASCII);

    private long number;
    private final FrameDecoder decoder = new FrameDecoder();

    private Frame feed(byte[] ipPacket) {
        number++;
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, ipPacket);
        return decoder.decode(new CaptureRecord(number, 0, LinkType.ETHERNET, 1_000_000 + number, 0, 6,
                frame.length, frame.length, frame, 0));
    }

    private Frame segment(long seq, byte[] payload, int flags) {
        return feed(TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060).seq(seq).ack(1).flags(flags).payload(payload).ipv4());
    }

    private static List<String> startLines(List<Frame> frames) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            for (SipEntry e : f.sip()) {
                out.add(e.message().startLine() + " @" + e.firstFrame() + "-" + f.number());
            }
        }
        return out;
    }

    @Test
    void theMessagesOfADialogDecodedByOneDecoderShareTheirFromAndCallId() {
        String again = INVITE.replace("z9hG4bKinv1", "z9hG4bKinv2").replace("CSeq: 1", "CSeq: 3");
        Frame first = feed(PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, INVITE.getBytes(StandardCharsets.US_ASCII)));
        Frame second = feed(PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, again.getBytes(StandardCharsets.US_ASCII)));
        io.sipvista.sip.SipMessage a = first.sip().get(0).message();
        io.sipvista.sip.SipMessage b = second.sip().get(0).message();
        // read once where decoded (the decoding thread of an analysis), not again by the correlator
        assertThat(b.from()).isSameAs(a.from());
        assertThat(b.to()).isSameAs(a.to());
        assertThat(b.callId()).isSameAs(a.callId());
        assertThat(b.topVia()).isNotSameAs(a.topVia()).isNotEqualTo(a.topVia());
        FrameDecoder other = new FrameDecoder();
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, again.getBytes(StandardCharsets.US_ASCII)));
        io.sipvista.sip.SipMessage c = other.decode(new CaptureRecord(1, 0, LinkType.ETHERNET, 1, 0, 6, frame.length,
                frame.length, frame, 0)).sip().get(0).message();
        assertThat(c.from()).isEqualTo(a.from()).isNotSameAs(a.from()); // each decoder has its own pool
    }

    @Test
    void udpSipWithSdp() {
        Frame f = feed(PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, INVITE.getBytes(StandardCharsets.US_ASCII)));
        assertThat(f.protocol()).isEqualTo("sip");
        assertThat(f.label()).startsWith("SIP INVITE sip:bob@example.com");
        assertThat(f.sip()).hasSize(1);
        assertThat(f.sip().get(0).message().callId()).isEqualTo("call-1@10.0.0.1");
        assertThat(f.sip().get(0).sdp()).hasSize(1);
        assertThat(f.sip().get(0).sdp().get(0).media().get(0).port()).isEqualTo(2222);
        assertThat(f.anomalies()).isEmpty();
    }

    @Test
    void sipIsFoundOnAnyPort() {
        Frame f = feed(PacketBuilder.udp4("10.0.0.1", 31337, "10.0.0.2", 41414, BYE.getBytes(StandardCharsets.US_ASCII)));
        assertThat(f.protocol()).isEqualTo("sip");
        assertThat(f.sip()).hasSize(1);
    }

    @Test
    void udpKeepAliveAndUndecodedDatagramsAreLabelled() {
        assertThat(feed(PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).label())
                .contains("keep-alive");
        Frame text = feed(PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 1234, "hello world".getBytes(StandardCharsets.US_ASCII)));
        assertThat(text.protocol()).isEqualTo("udp");
        assertThat(text.label()).startsWith("UDP 5060 → 1234, 11 bytes, not decoded: text that is not a SIP message");
        Frame empty = feed(PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 1234, new byte[0]));
        assertThat(empty.label()).endsWith("empty datagram");
    }

    @Test
    void tcpHandshakeAndAckOnlyAreLabelled() {
        assertThat(segment(99, new byte[0], TcpSegment.SYN).label()).endsWith("connection request (handshake 1/3)");
        assertThat(segment(100, new byte[0], TcpSegment.ACK).label()).endsWith("acknowledgement only");
    }

    @Test
    void severalMessagesInOneSegment() {
        Frame f = segment(1000, STREAM, TcpSegment.ACK | TcpSegment.PSH);
        assertThat(startLines(List.of(f))).containsExactly("INVITE sip:bob@example.com SIP/2.0 @1-1", "BYE sip:bob@example.com SIP/2.0 @1-1");
        assertThat(f.label()).contains("INVITE").contains("; ").contains("BYE");
    }

    @Test
    void everySplitPointGivesTheSameMessages() {
        for (int cut = 1; cut < STREAM.length; cut++) {
            FrameDecoder d = new FrameDecoder();
            List<Frame> frames = new ArrayList<>();
            byte[] a = Arrays.copyOfRange(STREAM, 0, cut);
            byte[] b = Arrays.copyOfRange(STREAM, cut, STREAM.length);
            frames.add(decodeWith(d, 1, TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060).seq(5000).flags(TcpSegment.ACK).payload(a).ipv4()));
            frames.add(decodeWith(d, 2, TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060).seq(5000 + cut).flags(TcpSegment.ACK).payload(b).ipv4()));
            List<String> lines = startLines(frames);
            assertThat(lines).as("split at %d", cut).hasSize(2);
            assertThat(lines.get(0)).startsWith("INVITE");
            assertThat(lines.get(1)).startsWith("BYE").endsWith("-2");
            for (Frame f : frames) {
                assertThat(f.anomalies()).as("split at %d", cut).isEmpty();
            }
            assertThat(d.finish()).isEmpty();
        }
    }

    @Test
    void oneByteAtATime() {
        FrameDecoder d = new FrameDecoder();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < STREAM.length; i++) {
            frames.add(decodeWith(d, i + 1, TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060).seq(7 + i)
                    .flags(TcpSegment.ACK).payload(new byte[]{STREAM[i]}).ipv4()));
        }
        List<String> lines = startLines(frames);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("INVITE sip:bob@example.com SIP/2.0 @1-" + INVITE.length());
        assertThat(frames.get(100).protocol()).isEqualTo("sip");
        assertThat(frames.get(100).label()).contains("continued in a later segment");
    }

    @Test
    void retransmittedSegmentIsNotCountedTwice() {
        byte[] bye = BYE.getBytes(StandardCharsets.US_ASCII);
        Frame first = segment(1, bye, TcpSegment.ACK);
        Frame again = segment(1, bye, TcpSegment.ACK);
        assertThat(first.sip()).hasSize(1);
        assertThat(again.sip()).isEmpty();
        assertThat(again.label()).contains("retransmission");
        assertThat(again.anomalies()).extracting(Anomaly::id).containsExactly("tcp.out_of_order");
    }

    @Test
    void gapDropsThePartialMessageAndResynchronises() {
        byte[] inv = INVITE.getBytes(StandardCharsets.US_ASCII);
        byte[] bye = BYE.getBytes(StandardCharsets.US_ASCII);
        segment(1, Arrays.copyOf(inv, 100), TcpSegment.ACK);
        // 50 bytes of the INVITE are missing from the capture; the rest of it, then a BYE.
        byte[] rest = new byte[inv.length - 150 + bye.length];
        System.arraycopy(inv, 150, rest, 0, inv.length - 150);
        System.arraycopy(bye, 0, rest, inv.length - 150, bye.length);
        Frame after = segment(151, rest, TcpSegment.ACK);
        assertThat(after.sip()).isEmpty();
        assertThat(after.label()).contains("held out of order (waiting for 50 missing bytes)");
        // The other side acknowledges everything: the 50 bytes were sent, the capture lacks them.
        Frame ack = feed(TcpSegment.from("10.0.0.2", 5060).to("10.0.0.1", 40000).seq(1).ack(151 + rest.length)
                .flags(TcpSegment.ACK).ipv4());
        assertThat(ack.anomalies()).extracting(Anomaly::id).contains("tcp.gap", "sip.stream.gap");
        assertThat(startLines(List.of(ack))).containsExactly("BYE sip:bob@example.com SIP/2.0 @2-3");
    }

    @Test
    void streamEndingInsideAMessageIsACaptureWarning() {
        segment(1, Arrays.copyOf(INVITE.getBytes(StandardCharsets.US_ASCII), 200), TcpSegment.ACK);
        List<Anomaly> warnings = decoder.finish();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).text()).contains("10.0.0.1:40000").contains("10.0.0.2:5060");
    }

    @Test
    void nonSipTcpIsNotFramedAsSip() {
        Frame f = segment(1, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), TcpSegment.ACK);
        assertThat(f.sip()).isEmpty();
        assertThat(f.protocol()).isNotEqualTo("sip");
    }

    @Test
    void tooManyStreamsEvictsTheOldestAndSaysSo() {
        FrameDecoder d = new FrameDecoder(new FrameLimits(4, io.sipvista.sip.SipLimits.DEFAULT));
        byte[] part = Arrays.copyOf(INVITE.getBytes(StandardCharsets.US_ASCII), 60);
        for (int i = 0; i < 6; i++) {
            decodeWith(d, i + 1, TcpSegment.from("10.0.0.1", 40000 + i).to("10.0.0.2", 5060).seq(1).flags(TcpSegment.ACK).payload(part).ipv4());
        }
        List<Anomaly> warnings = d.finish();
        assertThat(warnings).extracting(Anomaly::id).contains("tcp.streams.limit");
    }

    private static byte[] wsText(String text, boolean masked) {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        int headerLength = 2 + (payload.length > 125 ? 2 : 0) + (masked ? 4 : 0);
        byte[] out = new byte[headerLength + payload.length];
        out[0] = (byte) 0x81; // FIN, text
        int at = 2;
        if (payload.length > 125) {
            out[1] = (byte) ((masked ? 0x80 : 0) | 126);
            out[2] = (byte) (payload.length >> 8);
            out[3] = (byte) payload.length;
            at = 4;
        } else {
            out[1] = (byte) ((masked ? 0x80 : 0) | payload.length);
        }
        if (masked) {
            System.arraycopy(mask, 0, out, at, 4);
            at += 4;
        }
        for (int i = 0; i < payload.length; i++) {
            out[at + i] = (byte) (masked ? payload[i] ^ mask[i & 3] : payload[i]);
        }
        return out;
    }

    @Test
    void sipOverWebSocketAfterTheHttpUpgrade() {
        byte[] upgrade = ("GET /ws HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] switched = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bye = wsText(BYE, true);
        byte[] ok = wsText("SIP/2.0 200 OK\r\nVia: SIP/2.0/WS 10.0.0.1:40000;branch=z9hG4bKbye1\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1@10.0.0.1\r\n"
                + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n", false);
        feed(TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 8080).seq(99).flags(TcpSegment.SYN).ipv4());
        feed(TcpSegment.from("10.0.0.2", 8080).to("10.0.0.1", 40000).seq(499).ack(100).flags(TcpSegment.SYN | TcpSegment.ACK).ipv4());
        feed(TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 8080).seq(100).ack(500).flags(TcpSegment.ACK | TcpSegment.PSH).payload(upgrade).ipv4());
        feed(TcpSegment.from("10.0.0.2", 8080).to("10.0.0.1", 40000).seq(500).ack(100 + upgrade.length).flags(TcpSegment.ACK | TcpSegment.PSH).payload(switched).ipv4());
        long c = 100 + upgrade.length;
        Frame part = feed(TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 8080).seq(c).ack(500 + switched.length)
                .flags(TcpSegment.ACK).payload(Arrays.copyOf(bye, 40)).ipv4());
        Frame done = feed(TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 8080).seq(c + 40).ack(500 + switched.length)
                .flags(TcpSegment.ACK | TcpSegment.PSH).payload(Arrays.copyOfRange(bye, 40, bye.length)).ipv4());
        Frame answer = feed(TcpSegment.from("10.0.0.2", 8080).to("10.0.0.1", 40000).seq(500 + switched.length).ack(c + bye.length)
                .flags(TcpSegment.ACK | TcpSegment.PSH).payload(ok).ipv4());
        assertThat(part.sip()).isEmpty();
        assertThat(startLines(List.of(done))).containsExactly("BYE sip:bob@example.com SIP/2.0 @" + part.number() + "-" + done.number());
        assertThat(answer.sip()).hasSize(1);
        assertThat(answer.sip().get(0).message().status()).isEqualTo(200);
        assertThat(decoder.finish()).isEmpty();
    }

    @Test
    void sipQuotedInAnIcmpErrorIsShownAsQuoted() {
        byte[] bye = BYE.getBytes(StandardCharsets.US_ASCII);
        byte[] quoted = PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, bye);
        byte[] rest = new byte[4 + quoted.length];
        System.arraycopy(quoted, 0, rest, 4, quoted.length);
        Frame f = feed(PacketBuilder.ipv4("10.0.0.2", "10.0.0.1", 1, PacketBuilder.icmp4(3, 3, rest)));
        assertThat(f.protocol()).isEqualTo("icmp");
        assertThat(f.label()).contains("port unreachable");
        assertThat(f.sip()).hasSize(1);
        assertThat(f.sip().get(0).quoted()).isTrue();
        assertThat(f.sip().get(0).quotedBy()).contains("port unreachable").contains("10.0.0.2");
        assertThat(f.sip().get(0).message().callId()).isEqualTo("call-1@10.0.0.1");
        Frame echo = feed(PacketBuilder.ipv4("10.0.0.2", "10.0.0.1", 1, PacketBuilder.icmp4(8, 0, new byte[8])));
        assertThat(echo.sip()).isEmpty();
    }

    @Test
    void fragmentedSipIsReassembledIntoTheFrameThatCompletesIt() {
        StringBuilder big = new StringBuilder(INVITE.replace("Content-Length: " + SDP.length(), "Content-Length: " + (SDP.length() + 3000)));
        big.append("a=x-pad:").append("p".repeat(3000 - 10)).append("\r\n");
        byte[] udp = PacketBuilder.udp("10.0.0.1", 5060, "10.0.0.2", 5060, big.toString().getBytes(StandardCharsets.US_ASCII));
        int cut1 = 1480;
        int cut2 = 2960;
        Frame last = feed(io.sipvista.testkit.Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, Arrays.copyOfRange(udp, cut2, udp.length))
                .id(0x42).fragment(cut2, false).build());
        Frame first = feed(io.sipvista.testkit.Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, Arrays.copyOfRange(udp, 0, cut1))
                .id(0x42).fragment(0, true).build());
        Frame middle = feed(io.sipvista.testkit.Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, Arrays.copyOfRange(udp, cut1, cut2))
                .id(0x42).fragment(cut1, true).build());
        assertThat(last.protocol()).isEqualTo("ip-fragment");
        assertThat(last.label()).contains("fragment").contains("0x42").contains("held");
        assertThat(first.sip()).isEmpty();
        assertThat(middle.protocol()).isEqualTo("sip");
        assertThat(middle.sip()).hasSize(1);
        assertThat(middle.sip().get(0).message().method()).isEqualTo("INVITE");
        assertThat(middle.sip().get(0).firstFrame()).isEqualTo(first.number()); // where the first byte is
        assertThat(middle.layers()).containsSubsequence("ipv4", "reassembled", "udp");
        assertThat(middle.src()).isEqualTo("10.0.0.1:5060");
        assertThat(middle.sip().get(0).message().anomalies()).isEmpty();
        assertThat(decoder.finish()).isEmpty();
    }

    @Test
    void aFragmentThatNeverCompletesIsNamedAtTheEnd() {
        Frame f = feed(io.sipvista.testkit.Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, new byte[64]).id(0x43).fragment(1480, false).build());
        assertThat(f.protocol()).isEqualTo("ip-fragment");
        assertThat(decoder.finish()).extracting(Anomaly::id).contains("ip.fragment.incomplete");
    }

    private static Frame decodeWith(FrameDecoder d, long number, byte[] ip) {
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, ip);
        return d.decode(new CaptureRecord(number, 0, LinkType.ETHERNET, number, 0, 6, frame.length, frame.length, frame, 0));
    }
}
