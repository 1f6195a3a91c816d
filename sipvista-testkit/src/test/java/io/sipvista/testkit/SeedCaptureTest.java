package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rebuilt seed capture: the committed file, its framing, and the protocol consistency of what was invented. */
class SeedCaptureTest {
    private static final List<SeedPacket> PACKETS = SeedPacket.read(SeedCapture.bytes());

    private static SeedPacket frame(int n) {
        return PACKETS.get(n - 1);
    }

    @Test
    void committedFileIsByteIdenticalToTheGenerator() throws IOException {
        String root = System.getProperty("sipvista.root");
        assumeTrue(root != null, "sipvista.root not set (run through surefire)");
        Path file = Path.of(root, SeedCapture.RELATIVE_PATH);
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(SeedCapture.bytes());
    }

    @Test
    void bytesAreTheSameOnEveryCall() {
        assertThat(SeedCapture.bytes()).isEqualTo(SeedCapture.bytes());
    }

    @Test
    void writeProducesTheSameBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        SeedCapture.write(out);
        assertThat(out.toByteArray()).isEqualTo(SeedCapture.bytes());
    }

    @Test
    void mainWritesTheFileItIsGiven(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path out = dir.resolve("sub/seed.pcap");
        SeedCapture.main(new String[] {out.toString()});
        assertThat(Files.readAllBytes(out)).isEqualTo(SeedCapture.bytes());
    }

    @Test
    void isAClassicMicrosecondEthernetPcapOf78Frames() {
        PcapFile f = PcapFile.parse(SeedCapture.bytes());
        assertThat(f.nanos()).isFalse();
        assertThat(f.linkType()).isEqualTo(1);
        assertThat(f.snaplen()).isEqualTo(65535);
        assertThat(f.records()).hasSize(78);
        assertThat(f.records()).allSatisfy(r -> assertThat(r.included()).isEqualTo(r.original()));
    }

    @Test
    void frameListMatchesTheFile() {
        List<SeedCapture.Frame> frames = SeedCapture.frames();
        assertThat(frames).hasSize(SeedCapture.FRAME_COUNT);
        for (SeedCapture.Frame f : frames) {
            SeedPacket p = frame(f.number());
            assertThat(f.data()).isEqualTo(p.frame());
            assertThat(Instant.ofEpochSecond(f.epochSeconds(), f.micros() * 1000L)).isEqualTo(p.time());
            assertThat(f.summary()).isNotBlank();
        }
    }

    @Test
    void timesStrictlyIncreaseWithinTheCapturedMinute() {
        for (int i = 1; i < PACKETS.size(); i++) {
            assertThat(PACKETS.get(i).time()).isAfter(PACKETS.get(i - 1).time());
        }
        assertThat(PACKETS.get(0).time()).isAfter(Instant.parse("2010-06-17T12:59:00Z"));
        assertThat(PACKETS.get(77).time()).isBefore(Instant.parse("2010-06-17T13:00:11Z"));
    }

    @Test
    void everyIpv4FrameHasCorrectHeaderAndUdpChecksums() {
        for (SeedPacket p : PACKETS) {
            if (p.etherType() == 0x0800) {
                assertThat(WireCheck.ipv4HeaderOk(p.frame(), 14)).as("IP checksum frame %d", p.number()).isTrue();
                assertThat(WireCheck.ipv4TransportOk(p.frame(), 14)).as("UDP checksum frame %d", p.number()).isTrue();
            }
        }
    }

    @Test
    void onlyFrames17And18AreNotIpv4AndTheyAreArp() {
        Set<Integer> nonIp = PACKETS.stream().filter(p -> p.etherType() != 0x0800).map(SeedPacket::number)
                .collect(Collectors.toSet());
        assertThat(nonIp).containsExactlyInAnyOrder(17, 18);
        assertThat(frame(17).etherType()).isEqualTo(0x0806);
        assertThat(WireCheck.u16(frame(17).frame(), 14 + 6)).isEqualTo(1);
        assertThat(WireCheck.slice(frame(17).frame(), 0, 6)).containsOnly(0xff);
        assertThat(WireCheck.u16(frame(18).frame(), 14 + 6)).isEqualTo(2);
    }

    @Test
    void sipTravelsOnUdp5060BetweenThePhonesAndBroadWorksOnly() {
        Set<String> phones = Set.of(SeedCapture.LINKSYS_IP, SeedCapture.POLYCOM_600_IP, SeedCapture.POLYCOM_500_IP);
        List<SeedPacket> sip = PACKETS.stream().filter(SeedPacket::isSip).toList();
        assertThat(sip).hasSize(72);
        for (SeedPacket p : sip) {
            boolean toServer = p.dst().equals(SeedCapture.SERVER_IP) && phones.contains(p.src());
            boolean fromServer = p.src().equals(SeedCapture.SERVER_IP) && phones.contains(p.dst());
            assertThat(toServer || fromServer).as("frame %d", p.number()).isTrue();
        }
    }

    @Test
    void everyContentLengthMatchesItsBody() {
        for (SeedPacket p : PACKETS) {
            if (p.isSip()) {
                int declared = Integer.parseInt(p.header("Content-Length"));
                assertThat(declared).as("frame %d", p.number())
                        .isEqualTo(p.body().getBytes(StandardCharsets.UTF_8).length);
                assertThat(p.text()).as("frame %d", p.number()).doesNotContain("{LEN}").contains("\r\n\r\n");
            }
        }
    }

    @Test
    void everyMessageHasTheMandatoryHeadersAndEveryRequestMaxForwards() {
        for (SeedPacket p : PACKETS) {
            if (!p.isSip()) {
                continue;
            }
            for (String h : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
                assertThat(p.header(h)).as("frame %d %s", p.number(), h).isNotBlank();
            }
            assertThat(p.header("Via")).contains(";branch=z9hG4bK");
            assertThat(p.header("From")).contains(";tag=");
            if (!p.startLine().startsWith("SIP/2.0")) {
                assertThat(p.header("Max-Forwards")).as("frame %d", p.number()).matches("\\d+");
                String method = p.startLine().substring(0, p.startLine().indexOf(' '));
                assertThat(p.header("CSeq")).endsWith(" " + method);
            }
        }
    }

    @Test
    void everyResponseAnswersAnEarlierRequestOfTheSameTransaction() {
        Map<String, Integer> requests = new HashMap<>();
        for (SeedPacket p : PACKETS) {
            if (!p.isSip()) {
                continue;
            }
            String key = p.header("Via") + "|" + p.header("Call-ID") + "|" + p.header("CSeq");
            if (p.startLine().startsWith("SIP/2.0")) {
                assertThat(requests).as("frame %d answers a request", p.number()).containsKey(key);
                SeedPacket request = frame(requests.get(key));
                assertThat(p.src()).isEqualTo(request.dst());
                assertThat(p.dst()).isEqualTo(request.src());
                assertThat(p.header("From")).isEqualTo(request.header("From"));
                if (!p.startLine().startsWith("SIP/2.0 100")) {
                    assertThat(p.header("To")).as("frame %d To-tag", p.number()).contains(";tag=");
                }
            } else {
                assertThat(requests.put(key, p.number())).as("frame %d reuses a transaction", p.number()).isNull();
            }
        }
    }

    @Test
    void everyRequestIsAnsweredExceptAck() {
        Set<String> answered = new HashSet<>();
        for (SeedPacket p : PACKETS) {
            if (p.isSip() && p.startLine().startsWith("SIP/2.0 200")) {
                answered.add(p.header("Via") + "|" + p.header("CSeq"));
            }
        }
        for (SeedPacket p : PACKETS) {
            if (p.isSip() && !p.startLine().startsWith("SIP/2.0") && !p.startLine().startsWith("ACK")) {
                assertThat(answered).as("frame %d gets a 200", p.number())
                        .contains(p.header("Via") + "|" + p.header("CSeq"));
            }
        }
    }

    @Test
    void everyInvite200IsAckedWithTheSameCSeqNumberAndTags() {
        for (SeedPacket ok : PACKETS) {
            if (!ok.isSip() || !ok.startLine().startsWith("SIP/2.0 200") || !ok.header("CSeq").endsWith("INVITE")) {
                continue;
            }
            String number = ok.header("CSeq").split(" ")[0];
            SeedPacket ack = PACKETS.stream()
                    .filter(p -> p.number() > ok.number() && p.isSip() && p.startLine().startsWith("ACK ")
                            && p.header("Call-ID").equals(ok.header("Call-ID")))
                    .findFirst().orElseThrow(() -> new AssertionError("no ACK for frame " + ok.number()));
            assertThat(ack.header("CSeq")).isEqualTo(number + " ACK");
            assertThat(ack.header("To")).isEqualTo(ok.header("To"));
            assertThat(ack.src()).isEqualTo(ok.dst());
        }
    }

    @Test
    void rtpFlowsBothWaysBetweenTheAnsweredSdpAddressesBeforeAnyBye() {
        List<SeedPacket> rtp = PACKETS.stream().filter(p -> p.udpPayload() != null && !p.isSip()).toList();
        assertThat(rtp).extracting(SeedPacket::number).containsExactly(41, 42, 43, 46);
        for (SeedPacket p : rtp) {
            byte[] r = p.udpPayload();
            assertThat(r[0] & 0xc0).isEqualTo(0x80);
            assertThat(r[1] & 0x7f).isZero();
            assertThat(p.time()).isAfter(frame(39).time()).isBefore(frame(60).time());
        }
        SeedPacket fromLinksys = frame(41);
        assertThat(fromLinksys.src() + ":" + fromLinksys.sport()).isEqualTo("192.168.9.205:16468");
        assertThat(fromLinksys.dst() + ":" + fromLinksys.dport()).isEqualTo("192.168.9.212:2222");
        assertThat(fromLinksys.udpPayload()).hasSize(12 + 240);
        SeedPacket fromPolycom = frame(42);
        assertThat(fromPolycom.src() + ":" + fromPolycom.sport()).isEqualTo("192.168.9.212:2222");
        assertThat(fromPolycom.dst() + ":" + fromPolycom.dport()).isEqualTo("192.168.9.205:16468");
        assertThat(fromPolycom.udpPayload()).hasSize(12 + 160);
    }

    @Test
    void linksysRtpIsOneUnbrokenStreamOf30MsPackets() {
        long ssrc = WireCheck.u32(frame(41).udpPayload(), 8);
        int[] frames = {41, 43, 46};
        for (int i = 0; i < frames.length; i++) {
            byte[] r = frame(frames[i]).udpPayload();
            assertThat(WireCheck.u32(r, 8)).isEqualTo(ssrc);
            assertThat(WireCheck.u16(r, 2)).isEqualTo(4711 + i);
            assertThat(WireCheck.u32(r, 4)).isEqualTo(3_150_000_000L + 240L * i);
            assertThat((r[1] & 0x80) != 0).isEqualTo(i == 0);
        }
        assertThat(java.time.Duration.between(frame(41).time(), frame(46).time()).toMillis()).isEqualTo(60);
    }

    @Test
    void rtpPayloadIsAToneNotSilence() {
        byte[] payload = WireCheck.slice(frame(42).udpPayload(), 12, 12 + 160);
        Set<Byte> distinct = new HashSet<>();
        for (byte b : payload) {
            distinct.add(b);
        }
        assertThat(distinct.size()).isGreaterThan(10);
    }

    @Test
    void mulawEncoderMatchesG711ReferencePoints() {
        assertThat(G711Tone.linearToUlaw(0)).isEqualTo((byte) 0xff);
        assertThat(G711Tone.linearToUlaw(-1)).isEqualTo((byte) 0x7f);
        assertThat(G711Tone.linearToUlaw(32767)).isEqualTo((byte) 0x80);
        assertThat(G711Tone.linearToUlaw(-32768)).isEqualTo((byte) 0x00);
    }

    @Test
    void broadWorksPacketsArriveThroughTheRouterAndPhonesTalkDirectly() {
        byte[] router = PacketBuilder.mac("00:1b:d4:5e:20:01");
        for (SeedPacket p : PACKETS) {
            if (p.etherType() != 0x0800) {
                continue;
            }
            boolean viaRouter = p.src().equals(SeedCapture.SERVER_IP) || p.dst().equals(SeedCapture.SERVER_IP);
            byte[] l2 = WireCheck.slice(p.frame(), p.src().equals(SeedCapture.SERVER_IP) ? 6 : 0,
                    p.src().equals(SeedCapture.SERVER_IP) ? 12 : 6);
            assertThat(java.util.Arrays.equals(l2, router)).as("frame %d", p.number()).isEqualTo(viaRouter);
        }
    }
}
