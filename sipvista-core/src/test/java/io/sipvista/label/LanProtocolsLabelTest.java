package io.sipvista.label;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NetBIOS, WebSocket, MGCP and H.248/Megaco: what shares a capture with SIP on a real LAN. */
class LanProtocolsLabelTest {
    /** First-level NetBIOS encoding of a 15-character name plus suffix. */
    static ByteWriter netbiosName(ByteWriter w, String name, int suffix) {
        String padded = String.format("%-15s", name);
        w.u8(32);
        for (int i = 0; i < 16; i++) {
            int c = i < 15 ? padded.charAt(i) : suffix;
            w.u8('A' + (c >> 4)).u8('A' + (c & 0xf));
        }
        return w.u8(0);
    }

    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    private static Label tcp(byte[] b, int src, int dst) {
        return TcpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    @Test
    void netbiosNameQuery() {
        ByteWriter w = new ByteWriter().u16(0x84e7).u16(0x0110).u16(1).u16(0).u16(0).u16(0);
        byte[] b = netbiosName(w, "ECI_DOMAIN", 0x1c).u16(0x20).u16(1).build();
        Label l = udp(b, 137, 137);
        assertThat(l.protocol()).isEqualTo("nbns");
        assertThat(l.text()).isEqualTo("NetBIOS name query ECI_DOMAIN<1c>");
    }

    @Test
    void netbiosPositiveQueryResponseGivesTheAddress() {
        ByteWriter w = new ByteWriter().u16(0x84e7).u16(0x8500).u16(0).u16(1).u16(0).u16(0);
        netbiosName(w, "PC1", 0x00);
        // no question: the answer's own name, then NB, IN, TTL, length 6, flags, address
        byte[] b = w.u16(0x20).u16(1).u32(300000).u16(6).u16(0).hex("c0a80102").build();
        Label l = NetbiosLabeler.nameService(b, 0, b.length);
        assertThat(l.text()).isEqualTo("NetBIOS name query response PC1<00>: 192.168.1.2");
    }

    @Test
    void netbiosRegistrationWithAddress() {
        ByteWriter w = new ByteWriter().u16(1).u16(0x2910).u16(1).u16(0).u16(0).u16(1);
        netbiosName(w, "D002465", 0x20).u16(0x20).u16(1);
        byte[] b = w.hex("c0 0c").u16(0x20).u16(1).u32(300000).u16(6).u16(0).hex("c0a80102").build();
        assertThat(udp(b, 137, 137).text()).isEqualTo("NetBIOS name registration D002465<20>: 192.168.1.2");
    }

    @Test
    void netbiosDatagramNamesSourceAndDestination() {
        ByteWriter w = new ByteWriter().u8(0x11).u8(0x0e).u16(0x84ec).hex("c0a80102").u16(138).u16(187).u16(0);
        netbiosName(w, "D002465", 0x20);
        byte[] b = netbiosName(w, "ECI_DOMAIN", 0x1d).zeros(20).build();
        Label l = udp(b, 138, 138);
        assertThat(l.protocol()).isEqualTo("nbds");
        assertThat(l.text()).isEqualTo("NetBIOS direct group datagram from D002465<20> to ECI_DOMAIN<1d>");
    }

    @Test
    void notANetbiosNameIsDeclined() {
        byte[] b = new ByteWriter().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(32).ascii("ZZ").zeros(40).build();
        assertThat(NetbiosLabeler.nameService(b, 0, b.length)).isNull();
    }

    /** A masked WebSocket text frame carrying the start of a SIP REGISTER, as a browser phone sends it. */
    static byte[] maskedSipFrame(String text, int declaredLength) {
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        byte[] clear = ByteWriter.text(text);
        ByteWriter w = new ByteWriter().u8(0x81);
        if (declaredLength < 126) {
            w.u8(0x80 | declaredLength);
        } else {
            w.u8(0x80 | 126).u16(declaredLength);
        }
        w.bytes(mask);
        for (int i = 0; i < clear.length; i++) {
            w.u8(clear[i] ^ mask[i % 4]);
        }
        return w.build();
    }

    @Test
    void sipOverWebSocketShowsTheRequestLine() {
        String sip = "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks\r\n";
        byte[] b = maskedSipFrame(sip, sip.length());
        Label l = tcp(b, 52000, 443);
        assertThat(l.protocol()).isEqualTo("websocket");
        assertThat(l.text()).isEqualTo("WebSocket text frame, " + sip.length() + " bytes, masked: SIP "
                + "\"REGISTER sip:example.com SIP/2.0\"");
    }

    @Test
    void webSocketFrameContinuingInALaterSegment() {
        String start = "INVITE sip:bob@example.com SIP/2.0\r\n";
        byte[] b = maskedSipFrame(start, 2210);
        assertThat(tcp(b, 52000, 8080).text()).isEqualTo("WebSocket text frame, 2210 bytes, masked: SIP "
                + "\"INVITE sip:bob@example.com SIP/2.0\" (continues in a later segment)");
    }

    @Test
    void webSocketCloseWithStatus() {
        byte[] b = new ByteWriter().u8(0x88).u8(2).u16(1000).build();
        assertThat(tcp(b, 8080, 52000).text()).isEqualTo("WebSocket close 1000 (normal closure)");
    }

    @Test
    void binaryLookingSegmentsAreNotWebSocket() {
        // continuation opcode, and a binary frame that does not fill the segment
        assertThat(WebSocketLabeler.label(new byte[] {0, 2, 0, 0}, 0, 4)).isNull();
        byte[] b = new ByteWriter().u8(0x82).u8(4).u32(1).u32(0x12345678L).build();
        assertThat(WebSocketLabeler.label(b, 0, b.length)).isNull();
        // an unmasked "text frame" whose payload is not text
        byte[] t = new ByteWriter().u8(0x81).u8(4).hex("00 01 02 03").build();
        assertThat(WebSocketLabeler.label(t, 0, t.length)).isNull();
    }

    @Test
    void mgcpCommandAndResponse() {
        byte[] cmd = ByteWriter.text("RSIP 12218 aaln/1@cpg2.example.net MGCP 1.0 NCS 1.0\r\nRM: restart\r\n");
        Label l = udp(cmd, 2427, 2727);
        assertThat(l.protocol()).isEqualTo("mgcp");
        assertThat(l.text()).isEqualTo("MGCP RSIP aaln/1@cpg2.example.net (transaction 12218)");
        byte[] ok = ByteWriter.text("200 12218 OK\r\n");
        assertThat(udp(ok, 2727, 2427).text()).isEqualTo("MGCP response 200 OK (transaction 12218)");
    }

    @Test
    void megacoTextMessage() {
        byte[] b = ByteWriter.text("!/1 [10.23.1.42]:2944 P=555282714{C=*{av=ds/1/5}}");
        Label l = udp(b, 2944, 2944);
        assertThat(l.protocol()).isEqualTo("megaco");
        assertThat(l.text()).isEqualTo("H.248/Megaco message: !/1 [10.23.1.42]:2944 P=555282714{C=*{av=ds/1/5}}");
    }
}
