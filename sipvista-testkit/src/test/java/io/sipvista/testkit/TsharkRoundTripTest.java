package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optional: tshark reads back what the writers wrote, and agrees on fields and checksums. Skipped without tshark. */
class TsharkRoundTripTest {
    private static final byte[] SIP = ("OPTIONS sip:b@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
            + "From: <sip:a@192.0.2.1>;tag=1\r\nTo: <sip:b@192.0.2.2>\r\nCall-ID: rt1\r\nCSeq: 1 OPTIONS\r\n"
            + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static Path tshark() {
        Optional<Path> t = Tshark.find();
        assumeTrue(t.isPresent(), "tshark not installed");
        return t.get();
    }

    private static String[] fields(Path file, String... names) {
        String[] args = new String[6 + 2 * names.length];
        args[0] = "-r";
        args[1] = file.toString();
        args[2] = "-T";
        args[3] = "fields";
        args[4] = "-E";
        args[5] = "separator=|";
        for (int i = 0; i < names.length; i++) {
            args[6 + 2 * i] = "-e";
            args[7 + 2 * i] = names[i];
        }
        return args;
    }

    private static String[] withChecksums(String[] args) {
        String[] all = new String[args.length + 6];
        all[0] = "-o";
        all[1] = "ip.check_checksum:TRUE";
        all[2] = "-o";
        all[3] = "udp.check_checksum:TRUE";
        all[4] = "-o";
        all[5] = "tcp.check_checksum:TRUE";
        System.arraycopy(args, 0, all, 6, args.length);
        return all;
    }

    @Test
    void pcapFramesDecodeWithGoodChecksums() throws Exception {
        Path t = tshark();
        Path file = dir.resolve("rt.pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            w.write(1_000_000_000L, 1_000_000, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                    PacketBuilder.udp4("192.0.2.1", 5060, "192.0.2.2", 5060, SIP)));
            w.write(1_000_000_001L, 2_000_000, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                    TcpSegment.from("192.0.2.1", 40000).to("192.0.2.2", 80).seq(1).ack(2)
                            .flags(TcpSegment.SYN | TcpSegment.ACK).ipv4()));
            w.write(1_000_000_002L, 3_000_000, PacketBuilder.ethernetVlan(new int[] {7, 8}, PacketBuilder.ETH_IPV6,
                    PacketBuilder.udp6("2001:db8::1", 5060, "2001:db8::2", 5060, SIP)));
        }
        List<String> rows = Tshark.run(t, withChecksums(fields(file, "frame.number", "frame.time_epoch", "ip.src",
                "ipv6.dst", "ieee8021ad.id", "vlan.id", "ip.checksum.status", "udp.checksum.status", "tcp.checksum.status",
                "tcp.flags", "sip.Method")));
        assertThat(rows).containsExactly(
                "1|1000000000.001000000|192.0.2.1||||1|1|||OPTIONS",
                "2|1000000001.002000000|192.0.2.1||||1||1|0x0012|",
                "3|1000000002.003000000||2001:db8::2|7|8||1|||OPTIONS");
    }

    @Test
    void pcapngTimestampsAtEveryResolutionReadBack() throws Exception {
        Path t = tshark();
        Path file = dir.resolve("rt.pcapng");
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_ARP, PacketBuilder.arpRequest("192.0.2.1", "192.0.2.2"));
        try (OutputStream out = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(out, true)) {
            int us = w.addInterface(1, 0, 6, "us");
            int ns = w.addInterface(1, 0, 9, "ns");
            int bin = w.addInterface(1, 0, 0x80 | 20, "bin");
            w.rawBlock(0x0BADBEEF, new byte[] {1, 2, 3, 4, 5});
            w.enhancedPacket(us, 1276779589L, 443_688_000, frame, frame.length);
            w.enhancedPacket(ns, 1276779589L, 443_688_123, frame, frame.length);
            w.enhancedPacket(bin, 1276779589L, 500_000_000, frame, frame.length);
        }
        List<String> rows = Tshark.run(t, fields(file, "frame.number", "frame.time_epoch", "frame.interface_name",
                "arp.dst.proto_ipv4"));
        assertThat(rows).containsExactly(
                "1|1276779589.443688000|us|192.0.2.2",
                "2|1276779589.443688123|ns|192.0.2.2",
                "3|1276779589.500000000|bin|192.0.2.2");
    }
}
