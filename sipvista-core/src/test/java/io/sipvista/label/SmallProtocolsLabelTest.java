package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NTP, syslog, SSDP, SNMP, TFTP on UDP; HTTP on TCP. */
class SmallProtocolsLabelTest {
    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    private static Label tcp(byte[] b, int src, int dst) {
        return TcpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    static byte[] ntp(int b0, int stratum, String refid, long transmitSeconds) {
        return new ByteWriter().u8(b0).u8(stratum).u8(6).u8(0xec).u32(0).u32(0).hex(refid)
                .zeros(24).u32(transmitSeconds).u32(0).build();
    }

    @Test
    void ntpServerReplyWithTime() {
        Label l = udp(ntp(0x24, 2, "c0000201", 0xeeb77706L), 123, 40000);
        assertThat(l.protocol()).isEqualTo("ntp");
        assertThat(l.text()).isEqualTo("NTPv4 server reply, stratum 2 (reference id 192.0.2.1), time 2026-11-30 04:16:06 UTC");
    }

    @Test
    void ntpTimeAfter2036UsesTheNextEra() {
        Label l = udp(ntp(0x24, 1, "47505300", 0x0754fd00L), 123, 40000);
        assertThat(l.text()).isEqualTo("NTPv4 server reply, stratum 1 (reference \"GPS\"), time 2040-01-01 00:00:00 UTC");
    }

    @Test
    void ntpClientRequest() {
        assertThat(udp(ntp(0xe3, 0, "00000000", 0), 40000, 123).text()).isEqualTo("NTPv4 client request");
    }

    @Test
    void ntpKissOfDeath() {
        assertThat(udp(ntp(0xe4, 0, "52415445", 0), 123, 40000).text())
                .isEqualTo("NTPv4 server reply, kiss-o'-death \"RATE\"");
    }

    @Test
    void ntpCutShort() {
        byte[] b = java.util.Arrays.copyOf(ntp(0x23, 0, "00000000", 0), 20);
        Label l = udp(b, 40000, 123);
        assertThat(l.text()).isEqualTo("NTPv4 client request, cut short");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.ntp.truncated");
    }

    @Test
    void syslogWithPriority() {
        byte[] b = ByteWriter.text("<134>Nov 30 04:16:06 pbx asterisk[123]: Registered SIP 'alice'\n");
        Label l = udp(b, 40000, 514);
        assertThat(l.protocol()).isEqualTo("syslog");
        assertThat(l.text()).isEqualTo("Syslog local0.info: Nov 30 04:16:06 pbx asterisk[123]: Registered SIP 'alice'");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void syslogWithoutPriorityAndWithControlCharacters() {
        byte[] b = ByteWriter.text("plain\u001b[31m text");
        Label l = udp(b, 40000, 514);
        assertThat(l.text()).isEqualTo("Syslog message: plain\\x1b[31m text");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.syslog.no_priority");
    }

    @Test
    void binaryOnSyslogPortIsNotSyslog() {
        byte[] b = new ByteWriter().hex("00 01 02 03 17 42 99 fe").build();
        assertThat(udp(b, 40000, 514)).isNull();
    }

    @Test
    void ssdpSearch() {
        byte[] b = ByteWriter.text("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n",
                "MX: 1\r\nST: urn:dial-multiscreen-org:service:dial:1\r\n\r\n");
        Label l = udp(b, 40000, 1900);
        assertThat(l.protocol()).isEqualTo("ssdp");
        assertThat(l.text()).isEqualTo("SSDP M-SEARCH for urn:dial-multiscreen-org:service:dial:1");
    }

    @Test
    void ssdpNotify() {
        byte[] b = ByteWriter.text("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n",
                "LOCATION: http://192.168.1.1:5000/rootDesc.xml\r\n\r\n");
        assertThat(udp(b, 1900, 1900).text())
                .isEqualTo("SSDP NOTIFY ssdp:alive upnp:rootdevice at http://192.168.1.1:5000/rootDesc.xml");
    }

    @Test
    void snmpGetRequest() {
        // SEQUENCE { INTEGER 1 (v2c), OCTET STRING "public", GetRequest { id 1234, 0, 0, { { OID 1.3.6.1.2.1.1.3.0, NULL } } } }
        byte[] oid = {0x2b, 6, 1, 2, 1, 1, 3, 0};
        ByteWriter bind = new ByteWriter().u8(0x06).u8(oid.length).bytes(oid).u8(0x05).u8(0);
        ByteWriter list = new ByteWriter().u8(0x30).u8(bind.size()).bytes(bind.build());
        ByteWriter binds = new ByteWriter().u8(0x30).u8(list.size()).bytes(list.build());
        ByteWriter pdu = new ByteWriter().hex("02 02 04 d2 02 01 00 02 01 00").bytes(binds.build());
        ByteWriter msg = new ByteWriter().hex("02 01 01").u8(0x04).u8(6).ascii("public").u8(0xa0).u8(pdu.size())
                .bytes(pdu.build());
        byte[] b = new ByteWriter().u8(0x30).u8(msg.size()).bytes(msg.build()).build();
        Label l = udp(b, 40000, 161);
        assertThat(l.protocol()).isEqualTo("snmp");
        assertThat(l.text()).isEqualTo("SNMPv2c GetRequest, community \"public\", request 1234, 1.3.6.1.2.1.1.3.0");
    }

    @Test
    void snmpWithoutCommunityIsMalformed() {
        byte[] b = new ByteWriter().hex("30 05 02 01 00 05 00").build();
        Label l = udp(b, 40000, 161);
        assertThat(l.text()).isEqualTo("SNMPv1 message, malformed");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.snmp.malformed");
    }

    @Test
    void tftpReadRequestForPhoneConfig() {
        byte[] b = new ByteWriter().u16(1).ascii("SEP001122334455.cnf.xml").u8(0).ascii("octet").u8(0).build();
        Label l = udp(b, 40000, 69);
        assertThat(l.protocol()).isEqualTo("tftp");
        assertThat(l.text()).isEqualTo("TFTP read request \"SEP001122334455.cnf.xml\" (octet)");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void tftpErrorAndUnterminatedRequest() {
        byte[] err = new ByteWriter().u16(5).u16(1).ascii("File not found").u8(0).build();
        assertThat(udp(err, 69, 40000).text()).isEqualTo("TFTP error 1: File not found");
        byte[] bad = new ByteWriter().u16(1).ascii("file").build();
        assertThat(udp(bad, 40000, 69).anomalies()).extracting(Anomaly::id).containsExactly("label.tftp.malformed");
    }

    @Test
    void httpGetWithHost() {
        byte[] b = ByteWriter.text("GET /prov/phone.cfg HTTP/1.1\r\nHost: prov.example.com\r\nAccept: */*\r\n\r\n");
        Label l = tcp(b, 40000, 80);
        assertThat(l.protocol()).isEqualTo("http");
        assertThat(l.text()).isEqualTo("HTTP GET /prov/phone.cfg (host prov.example.com)");
    }

    @Test
    void httpResponseWithBody() {
        byte[] b = ByteWriter.text("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1234\r\n\r\n<x/>");
        assertThat(tcp(b, 80, 40000).text()).isEqualTo("HTTP response 200 OK, text/xml, 1234 bytes");
    }

    @Test
    void sipOverWebSocketUpgrade() {
        byte[] b = ByteWriter.text("GET /ws HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\n",
                "Connection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n");
        assertThat(tcp(b, 40000, 443 + 1).text())
                .isEqualTo("HTTP GET /ws (host sip.example.com), WebSocket upgrade, subprotocol sip");
    }
}
