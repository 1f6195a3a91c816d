package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.bytes.Octets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated payloads through every labeler: none may throw, loop, or produce a label that breaks the
 * contract (protocol lower case, text on one printable line, anomaly ids in the catalog).
 */
class LabelFuzzTest {
    private static final int[] PORTS = {53, 67, 68, 69, 80, 123, 137, 138, 161, 162, 443, 514, 546, 547, 1900, 2427,
        2944, 3478, 5060, 5061, 5353, 5355, 16384, 16385, 40000, 40001, 0, 65535};

    /** Well-formed samples of every protocol, to be mutated. */
    private static List<byte[]> samples() {
        List<byte[]> s = new ArrayList<>();
        s.add(RtpLabelTest.rtp(true, 0, 1, 160, 0x1a2b3c4dL, 160));
        s.add(new ByteWriter().u8(0x80).u8(101).u16(1).u32(1).u32(1).u8(5).u8(0x8a).u16(800).build());
        ByteWriter rtcp = RtcpLabelTest.sr(new ByteWriter(), 1, 1);
        RtcpLabelTest.block(rtcp, 2, 10, 3, 40);
        RtcpLabelTest.sdesCname(rtcp, 1, "user@host");
        rtcp.u8(0x81).u8(203).u16(1).u32(1);
        rtcp.u8(0x80).u8(207).u16(10).u32(0x77).u8(7).u8(0).u16(8).zeros(32);
        s.add(rtcp.build());
        s.add(DnsLabelTest.naptrResponse());
        s.add(DnsLabelTest.query(33, "_sip._udp.example.com"));
        s.add(DhcpLabelTest.bootp(2, "c0a8000a").u32(0x63825363L).hex("35 01 05 36 04 c0 a8 00 01 78 05 01 0a 00 00 05")
                .u8(255).build());
        s.add(new ByteWriter().u8(7).u24(1).u16(22).u16(16).zeros(16).u16(13).u16(2).u16(0).build());
        s.add(StunLabelTest.bindingResponse());
        s.add(TlsLabelTest.clientHello("sip.example.com"));
        s.add(TlsLabelTest.tlsRecord(21, new byte[] {2, 48}));
        s.add(SmallProtocolsLabelTest.ntp(0x24, 2, "c0000201", 0xeeb77706L));
        s.add(ByteWriter.text("<134>Nov 30 04:16:06 pbx asterisk: hello\n"));
        s.add(ByteWriter.text("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n"));
        s.add(new ByteWriter().hex("30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 02 04 d2 02 01 00 02 01 00 30 0d 30 0b"
                + " 06 07 2b 06 01 02 01 01 03 05 00").build());
        s.add(new ByteWriter().u16(1).ascii("SEP001122334455.cnf.xml").u8(0).ascii("octet").u8(0).build());
        s.add(ByteWriter.text("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n\r\n"));
        s.add(ArpLabelerTest.arp(1, "001122334455", "c0a809cd", "000000000000", "c0a80901"));
        s.add(IcmpLabelerTest.portUnreachable());
        s.add(new ByteWriter().u8(134).u8(0).u16(0).u8(64).u8(0x40).u16(1800).u32(0).u32(0)
                .u8(3).u8(4).u8(64).u8(0xc0).u32(86400).u32(14400).u32(0).zeros(16).u8(1).u8(1).zeros(6).build());
        byte[] dtlsBody = TlsLabelTest.clientHelloBody("media.example.com", true, true, true);
        byte[] dtlsHs = new ByteWriter().u8(1).u24(dtlsBody.length).u16(0).u24(0).u24(dtlsBody.length).bytes(dtlsBody).build();
        s.add(new ByteWriter().u8(22).u16(0xfefd).u16(0).hex("000000000000").u16(dtlsHs.length).bytes(dtlsHs)
                .u8(23).u16(0xfefd).u16(1).hex("000000000001").u16(4).u32(7).build());
        byte[] rtp = RtpLabelTest.rtp(false, 0, 1, 160, 1, 20);
        s.add(new ByteWriter().u16(0x4001).u16(rtp.length).bytes(rtp).build());
        byte[] naptr = DnsLabelTest.naptrResponse();
        s.add(new ByteWriter().u16(naptr.length).bytes(naptr).build());
        s.add(ByteWriter.text("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nContent-Length: 0\r\n\r\n"));
        s.add(new ByteWriter().u8(1).u8(4).u16(0).u32(0).u32(0x60000000L).u16(16).u8(44).u8(64).zeros(32)
                .u8(17).u8(0).u16(0).u32(1).u16(5060).u16(5060).u16(8).u16(0).build());
        ByteWriter nb = new ByteWriter().u16(1).u16(0x2910).u16(1).u16(0).u16(0).u16(1);
        LanProtocolsLabelTest.netbiosName(nb, "D002465", 0x20).u16(0x20).u16(1);
        s.add(nb.hex("c0 0c").u16(0x20).u16(1).u32(300000).u16(6).u16(0).hex("c0a80102").build());
        ByteWriter dg = new ByteWriter().u8(0x11).u8(0x0e).u16(0x84ec).hex("c0a80102").u16(138).u16(187).u16(0);
        LanProtocolsLabelTest.netbiosName(dg, "D002465", 0x20);
        s.add(LanProtocolsLabelTest.netbiosName(dg, "ECI_DOMAIN", 0x1d).build());
        s.add(LanProtocolsLabelTest.maskedSipFrame("REGISTER sip:example.com SIP/2.0\r\n", 300));
        s.add(ByteWriter.text("RSIP 12218 aaln/1@cpg2.example.net MGCP 1.0 NCS 1.0\r\n"));
        s.add(ByteWriter.text("!/1 [10.23.1.42]:2944 P=555282714{C=*{av=ds/1/5}}"));
        return s;
    }

    @Test
    void randomAndMutatedInputsNeverThrow() {
        Random random = new Random(0x5eed_1abeL);
        List<byte[]> samples = samples();
        for (int i = 0; i < 12_000; i++) {
            byte[] payload = i % 4 == 0 ? randomBytes(random)
                    : mutate(random, samples.get(random.nextInt(samples.size())));
            int prefix = random.nextInt(4) == 0 ? random.nextInt(40) : 0;
            int suffix = random.nextInt(4) == 0 ? random.nextInt(40) : 0;
            byte[] frame = new byte[prefix + payload.length + suffix];
            random.nextBytes(frame);
            System.arraycopy(payload, 0, frame, prefix, payload.length);
            int src = random.nextInt(3) == 0 ? random.nextInt(65536) : PORTS[random.nextInt(PORTS.length)];
            int dst = random.nextInt(3) == 0 ? random.nextInt(65536) : PORTS[random.nextInt(PORTS.length)];
            try {
                exercise(frame, prefix, payload.length, src, dst, random.nextInt(300) - 50);
            } catch (RuntimeException | StackOverflowError e) {
                fail("input " + i + " (ports " + src + " → " + dst + "): " + Octets.hex(payload, 0, payload.length), e);
            }
        }
    }

    @Test
    void everyCutOfEverySampleGivesAValidLabel() {
        for (byte[] sample : samples()) {
            for (int cut = 0; cut <= sample.length; cut++) {
                byte[] b = Arrays.copyOf(sample, cut);
                exercise(b, 0, cut, 40000, 40002, 0);
                for (int port : PORTS) {
                    check(UdpPayloadClassifier.classify(b, 0, cut, port, 40000), true);
                    check(TcpPayloadClassifier.classify(b, 0, cut, 40000, port), true);
                }
            }
        }
    }

    @Test
    void deepDnsPointerChainsStayBounded() {
        // 255 answers, each name a pointer that leads into a chain of pointers back to the start.
        ByteWriter w = new ByteWriter().u16(1).u16(0x8180).u16(0).u16(255).u16(0).u16(0);
        for (int i = 0; i < 255; i++) {
            w.u8(0xc0).u8(12 + 2 * i + 2 >= 12 + 2 * 255 ? 12 : 12 + 2 * i + 2);
        }
        byte[] b = w.build();
        long start = System.nanoTime();
        Label l = UdpPayloadClassifier.classify(b, 0, b.length, 53, 40000);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        assertThat(l.anomalies()).extracting(Anomaly::id).contains("label.dns.name.loop");
    }

    private static void exercise(byte[] b, int off, int len, int src, int dst, int anInt) {
        check(UdpPayloadClassifier.classify(b, off, len, src, dst), true);
        check(TcpPayloadClassifier.classify(b, off, len, src, dst), true);
        check(ArpLabeler.label(b, off, len), false);
        check(IcmpLabeler.labelV4(b, off, len), false);
        check(IcmpLabeler.labelV6(b, off, len), false);
        IcmpLabeler.quotedPacketV4(b, off, len).ifPresent(LabelFuzzTest::checkError);
        IcmpLabeler.quotedPacketV6(b, off, len).ifPresent(LabelFuzzTest::checkError);
        RtpHeader.parse(b, off, len).ifPresent(h -> {
            if (h.headerLength() + h.payloadLength() > len || h.payloadLength() < 0) {
                fail("RTP header does not fit: " + h);
            }
        });
        if (RtpPayloadTypes.name(anInt).isEmpty() || RtpPayloadTypes.clockRate(anInt) < 0) {
            fail("payload type " + anInt);
        }
        RtpPayloadTypes.rtpmap(anInt);
        // The package's own labelers, whatever the ports would have chosen.
        for (DnsLabeler.Flavor f : DnsLabeler.Flavor.values()) {
            check(DnsLabeler.label(b, off, len, f), true);
        }
        check(DnsLabeler.strict(b, off, len), true);
        check(DnsLabeler.tcp(b, off, len), true);
        check(DhcpLabeler.label(b, off, len), true);
        check(Dhcpv6Labeler.label(b, off, len), true);
        check(StunLabeler.label(b, off, len, true), true);
        check(StunLabeler.label(b, off, len, false), true);
        check(StunLabeler.channelData(b, off, len, src, dst), true);
        check(TlsLabeler.tls(b, off, len), true);
        check(TlsLabeler.dtls(b, off, len), true);
        check(RtcpLabeler.label(b, off, len, 40001, 40003), true);
        check(RtpLabeler.label(b, off, len, 40000, 40002), true);
        check(NtpLabeler.label(b, off, len), true);
        check(SyslogLabeler.label(b, off, len), true);
        check(SsdpLabeler.label(b, off, len), true);
        check(SnmpLabeler.label(b, off, len), true);
        check(TftpLabeler.label(b, off, len), true);
        check(HttpLabeler.label(b, off, len), true);
        check(NetbiosLabeler.nameService(b, off, len), true);
        check(NetbiosLabeler.datagramService(b, off, len), true);
        check(WebSocketLabeler.label(b, off, len), true);
        check(MediaGatewayLabeler.mgcp(b, off, len), true);
        check(MediaGatewayLabeler.megaco(b, off, len), true);
    }

    private static final java.util.regex.Pattern PROTOCOL = java.util.regex.Pattern.compile("[a-z0-9]+");

    /** Plain checks (no assertion objects) keep tens of thousands of labels cheap; a failure names the label. */
    private static void check(Label l, boolean mayBeNull) {
        if (l == null) {
            if (!mayBeNull) {
                fail("a label is required");
            }
            return;
        }
        if (!PROTOCOL.matcher(l.protocol()).matches()) {
            fail("protocol not lower-case: " + l.protocol());
        }
        if (l.text().isBlank() || l.text().chars().anyMatch(Character::isISOControl)) {
            fail("text blank or with control characters: " + l.text());
        }
        for (Anomaly a : l.anomalies()) {
            if (!AnomalyCatalog.standard().contains(a.id())) {
                fail("anomaly id not in the catalog: " + a.id());
            }
        }
    }

    private static void checkError(IcmpError e) {
        assertThat(e.quotedFlow()).isNotBlank();
        assertThat(e.ipVersion()).isIn(4, 6);
        assertThat(e.payloadLength()).isNotNegative();
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(r.nextBoolean() ? 64 : 600)];
        r.nextBytes(b);
        if (b.length > 0 && r.nextBoolean()) {
            // Bias towards headers that pass the first checks: RTP/RTCP version 2, TLS/DTLS record types.
            int[] firsts = {0x80, 0x81, 0x90, 0xa0, 0x16, 0x17, 0x15, 0x00, 0x01, 0x02, 0x30, 0x3c};
            b[0] = (byte) firsts[r.nextInt(firsts.length)];
        }
        return b;
    }

    private static byte[] mutate(Random r, byte[] sample) {
        byte[] b = sample.clone();
        int kind = r.nextInt(6);
        switch (kind) {
            case 0 -> {
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2 -> {
                b = Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
                for (int i = sample.length; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
            }
            case 3 -> {
                // Lie in a length-looking field: set a 16-bit word to something large or zero.
                if (b.length >= 2) {
                    int at = r.nextInt(b.length - 1);
                    int v = r.nextBoolean() ? 0xffff : r.nextInt(3) == 0 ? 0 : r.nextInt(65536);
                    b[at] = (byte) (v >> 8);
                    b[at + 1] = (byte) v;
                }
            }
            case 4 -> {
                // Compression-pointer-looking bytes.
                if (b.length >= 2) {
                    int at = r.nextInt(b.length - 1);
                    b[at] = (byte) (0xc0 | r.nextInt(2));
                    b[at + 1] = (byte) r.nextInt(256);
                }
            }
            default -> {
                int flips = 8 + r.nextInt(32);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
        }
        return b;
    }
}
