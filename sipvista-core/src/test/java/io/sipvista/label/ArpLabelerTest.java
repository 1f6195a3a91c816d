package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ArpLabelerTest {
    static byte[] arp(int op, String sha, String spa, String tha, String tpa) {
        return new ByteWriter().u16(1).u16(0x0800).u8(6).u8(4).u16(op).hex(sha).hex(spa).hex(tha).hex(tpa).build();
    }

    private static Label label(byte[] b) {
        return ArpLabeler.label(b, 0, b.length);
    }

    @Test
    void whoHasRequest() {
        Label l = label(arp(1, "001122334455", "c0a809cd", "000000000000", "c0a80901"));
        assertThat(l.protocol()).isEqualTo("arp");
        assertThat(l.text()).isEqualTo("ARP who has 192.168.9.1? tell 192.168.9.205");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void reply() {
        Label l = label(arp(2, "001122334455", "c0a80901", "aabbccddeeff", "c0a809cd"));
        assertThat(l.text()).isEqualTo("ARP reply 192.168.9.1 is at 00:11:22:33:44:55");
    }

    @Test
    void gratuitousAnnouncement() {
        assertThat(label(arp(1, "001122334455", "c0a80901", "ffffffffffff", "c0a80901")).text())
                .isEqualTo("Gratuitous ARP: 192.168.9.1 is at 00:11:22:33:44:55");
        assertThat(label(arp(2, "001122334455", "c0a80901", "ffffffffffff", "c0a80901")).text())
                .isEqualTo("Gratuitous ARP reply: 192.168.9.1 is at 00:11:22:33:44:55");
    }

    @Test
    void probeFromAnUnconfiguredHost() {
        assertThat(label(arp(1, "001122334455", "00000000", "000000000000", "c0a80964")).text())
                .isEqualTo("ARP probe: who has 192.168.9.100? (address conflict check by 00:11:22:33:44:55)");
    }

    @Test
    void cutShortPacketStillGetsALabel() {
        byte[] b = Arrays.copyOf(arp(1, "001122334455", "c0a809cd", "000000000000", "c0a80901"), 20);
        Label l = label(b);
        assertThat(l.text()).isEqualTo("ARP request, cut short");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.arp.truncated");
        Label tiny = ArpLabeler.label(new byte[3], 0, 3);
        assertThat(tiny.text()).isEqualTo("ARP, cut short (3 bytes)");
        assertThat(tiny.anomalies()).extracting(Anomaly::id).containsExactly("label.arp.truncated");
    }

    @Test
    void otherHardwareIsNamedNotDecoded() {
        byte[] b = new ByteWriter().u16(6).u16(0x0800).u8(6).u8(4).u16(1).zeros(20).build();
        Label l = label(b);
        assertThat(l.text()).isEqualTo("ARP request for hardware type 6, protocol 0x0800: not decoded");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.arp.unsupported");
    }

    @Test
    void offsetIntoALargerFrame() {
        byte[] inner = arp(2, "001122334455", "c0a80901", "aabbccddeeff", "c0a809cd");
        byte[] frame = new ByteWriter().zeros(14).bytes(inner).zeros(18).build();
        assertThat(ArpLabeler.label(frame, 14, inner.length).text())
                .isEqualTo("ARP reply 192.168.9.1 is at 00:11:22:33:44:55");
    }
}
