package io.sipvista.testkit;

import static io.sipvista.testkit.WireCheck.u16;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One frame of the seed capture read back with independent code: time, IPv4/UDP fields and, for SIP, its text. */
record SeedPacket(int number, Instant time, byte[] frame, int etherType, String src, String dst, int sport, int dport,
                  byte[] udpPayload) {

    static List<SeedPacket> read(byte[] file) {
        PcapFile pcap = PcapFile.parse(file);
        List<SeedPacket> list = new ArrayList<>();
        int n = 0;
        for (PcapFile.Record r : pcap.records()) {
            n++;
            byte[] f = r.data();
            int type = u16(f, 12);
            Instant t = Instant.ofEpochSecond(r.seconds(), r.fraction() * 1000);
            if (type != 0x0800) {
                list.add(new SeedPacket(n, t, f, type, null, null, -1, -1, null));
                continue;
            }
            int ihl = (f[14] & 0x0f) * 4;
            int total = u16(f, 16);
            int udp = 14 + ihl;
            list.add(new SeedPacket(n, t, f, type, ip(f, 26), ip(f, 30), u16(f, udp), u16(f, udp + 2),
                    WireCheck.slice(f, udp + 8, 14 + total)));
        }
        return list;
    }

    private static String ip(byte[] f, int at) {
        return (f[at] & 0xff) + "." + (f[at + 1] & 0xff) + "." + (f[at + 2] & 0xff) + "." + (f[at + 3] & 0xff);
    }

    boolean isSip() {
        return udpPayload != null && sport == 5060 && dport == 5060;
    }

    String text() {
        return new String(udpPayload, StandardCharsets.UTF_8);
    }

    String startLine() {
        return text().substring(0, text().indexOf("\r\n"));
    }

    /** Header lines (name, value with surrounding whitespace removed) in message order. */
    List<String[]> headers() {
        String t = text();
        String head = t.substring(t.indexOf("\r\n") + 2, t.indexOf("\r\n\r\n"));
        List<String[]> list = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            list.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return list;
    }

    String header(String name) {
        return headers().stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst()
                .orElseThrow(() -> new AssertionError("frame " + number + " has no " + name + " header"));
    }

    String body() {
        String t = text();
        return t.substring(t.indexOf("\r\n\r\n") + 4);
    }

    List<String> sdpLines() {
        return List.of(body().split("\r\n"));
    }
}
