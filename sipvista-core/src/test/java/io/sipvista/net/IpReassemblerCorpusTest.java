package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.AnomalyCatalog;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.capture.LinkType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.sipvista.bytes.Octets.u16be;
import static org.assertj.core.api.Assertions.assertThat;

/** Real captures: fragments as PacketDecoder finds them, offered to {@link IpReassembler} frame by frame. */
class IpReassemblerCorpusTest {
    private static Path pcap(String name) {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus"))) {
            p = p.getParent();
        }
        assertThat(p).as("corpus/ above the working directory").isNotNull();
        return p.resolve("corpus").resolve("pcaps").resolve(name);
    }

    /** Where the IP header starts in an Ethernet frame (after any VLAN tags), or -1. */
    private static int ipOffset(CaptureRecord r) {
        if (r.linkType() != LinkType.ETHERNET) {
            return -1;
        }
        byte[] b = r.data();
        int pos = 12;
        while (pos + 2 <= b.length && (u16be(b, pos) == 0x8100 || u16be(b, pos) == 0x88a8)) {
            pos += 4;
        }
        return pos + 2 <= b.length ? pos + 2 : -1;
    }

    /** Every fragment of the capture offered in order: result per frame number. */
    private static Map<Long, IpReassembler.Result> reassemble(String name, IpReassembler reassembler)
            throws IOException {
        Map<Long, IpReassembler.Result> results = new LinkedHashMap<>();
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = Captures.open(pcap(name))) {
            for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                Packet p = decoder.decode(r);
                int ip = ipOffset(r);
                if (!p.fragment() || ip < 0) {
                    continue;
                }
                results.put(r.number(), reassembler.offer(r.data(), ip, r.data().length - ip, r.number(),
                        r.epochSeconds(), r.nanos()));
            }
        }
        return results;
    }

    @Test
    void sipCancelIn23Ipv4FragmentsCompletesAtFrame23() throws IOException {
        IpReassembler reassembler = new IpReassembler(ReassemblyLimits.DEFAULT);
        Map<Long, IpReassembler.Result> results = reassemble("peafowl__ipfrag_correct_1.pcap", reassembler);
        assertThat(results).hasSize(23);
        String key = "IPv4 192.168.77.2 → 192.168.77.1 id 0xc0c3 proto UDP";
        for (long frame = 1; frame <= 22; frame++) {
            assertThat(results.get(frame)).as("frame " + frame).isEqualTo(new IpReassembler.Held(key, List.of()));
        }
        IpReassembler.Complete c = (IpReassembler.Complete) results.get(23L);
        assertThat(c.anomalies()).isEmpty();
        assertThat(c.frames()).containsExactlyElementsOf(LongStream.rangeClosed(1, 23).boxed().toList());
        byte[] ip = c.ipPacket();
        assertThat(ip).hasSize(20 + 32_560 + 772);
        Packet p = new PacketDecoder().decode(new CaptureRecord(23, 0, LinkType.RAW, 0, 0, 6, ip.length, ip.length,
                ip, 0));
        assertThat(p.anomalies()).isEmpty();
        assertThat(p.fragment()).isFalse();
        assertThat(p.transport()).isEqualTo(Packet.Transport.UDP);
        assertThat(p.payloadLength()).isEqualTo(32_560 + 772 - 8);
        String sip = new String(p.data(), p.payloadOffset(), p.payloadLength(), StandardCharsets.ISO_8859_1);
        assertThat(sip).startsWith("CANCEL ").contains("nriTdlz7Mx@mudynamics.com");
        assertThat(reassembler.finish()).isEmpty();
        assertThat(reassembler.bytesHeld()).isZero();
    }

    @Test
    void fuzzedCaptureWithBogusFragmentsIsReadWithoutCompletingAnything() throws IOException {
        IpReassembler reassembler = new IpReassembler(ReassemblyLimits.DEFAULT);
        Map<Long, IpReassembler.Result> results = reassemble("nDPI__fuzz-2006-06-26-2594.pcap", reassembler);
        assertThat(results).hasSize(29); // and frame 318, flagged a fragment but of IP version 9
        assertThat(results.values()).noneMatch(r -> r instanceof IpReassembler.Complete);
        // Frame 81 says it is 43,690 bytes long; the capture holds 92 of them.
        assertThat(results.get(81L)).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(results.get(81L).anomalies()).extracting(Anomaly::id).containsExactly("ip.fragment.cut");
        List<Anomaly> end = reassembler.finish();
        assertThat(end).extracting(Anomaly::id).containsOnly("ip.fragment.incomplete");
        for (IpReassembler.Result r : results.values()) {
            for (Anomaly a : r.anomalies()) {
                assertThat(AnomalyCatalog.standard().contains(a.id())).as(a.id()).isTrue();
            }
        }
    }
}
