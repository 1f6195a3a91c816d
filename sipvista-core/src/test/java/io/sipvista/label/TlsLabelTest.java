package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TlsLabelTest {
    static byte[] clientHelloBody(String sni, boolean dtls, boolean tls13, boolean useSrtp) {
        ByteWriter ext = new ByteWriter();
        if (sni != null) {
            ext.u16(0).u16(sni.length() + 5).u16(sni.length() + 3).u8(0).u16(sni.length()).ascii(sni);
        }
        if (tls13) {
            ext.u16(43).u16(5).u8(4).u16(0x0304).u16(0x0303);
        }
        if (useSrtp) {
            ext.u16(14).u16(5).u16(2).u16(0x0001).u8(0);
        }
        ByteWriter body = new ByteWriter().u16(dtls ? 0xfefd : 0x0303).zeros(32).u8(0);
        if (dtls) {
            body.u8(0); // empty cookie
        }
        body.u16(4).u16(0xc02f).u16(0x1301).u8(1).u8(0).u16(ext.size()).bytes(ext.build());
        return body.build();
    }

    static byte[] tlsRecord(int type, byte[] body) {
        return new ByteWriter().u8(type).u16(0x0301).u16(body.length).bytes(body).build();
    }

    static byte[] handshake(int type, byte[] body) {
        return new ByteWriter().u8(type).u24(body.length).bytes(body).build();
    }

    static byte[] clientHello(String sni) {
        return tlsRecord(22, handshake(1, clientHelloBody(sni, false, true, false)));
    }

    private static Label tcp(byte[] b, int src, int dst) {
        return TcpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    @Test
    void clientHelloNamesTheServer() {
        Label l = tcp(clientHello("sip.example.com"), 40000, 443);
        assertThat(l.protocol()).isEqualTo("tls");
        assertThat(l.text()).isEqualTo("TLS handshake ClientHello (SNI sip.example.com, offers TLS 1.3)");
    }

    @Test
    void onPort5061ItIsSipOverTls() {
        Label l = tcp(clientHello("sip.example.com"), 40000, 5061);
        assertThat(l.protocol()).isEqualTo("tls");
        assertThat(l.text()).isEqualTo("SIP over TLS: encrypted, not decodable — TLS handshake ClientHello "
                + "(SNI sip.example.com, offers TLS 1.3)");
    }

    @Test
    void applicationDataRecordsAreCounted() {
        byte[] one = tlsRecord(23, new byte[512]);
        Label l = tcp(one, 5061, 40000);
        assertThat(l.text()).isEqualTo("SIP over TLS: encrypted, not decodable — TLS application data, 512 bytes");
        byte[] two = new ByteWriter().bytes(one).bytes(tlsRecord(23, new byte[100])).build();
        assertThat(tcp(two, 443, 40000).text()).isEqualTo("TLS application data, 2 records, 612 bytes");
    }

    @Test
    void segmentInTheMiddleOfARecordOn5061() {
        byte[] b = {0x12, 0x7f, (byte) 0x99, 0x01, 0x02, 0x03};
        assertThat(tcp(b, 5061, 40000).text())
                .isEqualTo("SIP over TLS: encrypted, not decodable — TLS record data, 6 bytes, continued from an earlier segment");
        assertThat(tcp(b, 443, 40000)).isNull();
    }

    @Test
    void recordContinuingInALaterSegment() {
        byte[] b = Arrays.copyOf(tlsRecord(23, new byte[16384]), 1400);
        assertThat(tcp(b, 443, 40000).text())
                .isEqualTo("TLS application data, 16384 bytes (continues in a later segment)");
    }

    @Test
    void fatalAlertNamesTheReason() {
        byte[] b = tlsRecord(21, new byte[] {2, 48});
        assertThat(tcp(b, 443, 40000).text())
                .isEqualTo("TLS alert fatal: unknown_ca (certificate authority not trusted)");
    }

    @Test
    void encryptedAlertIsNotGuessed() {
        assertThat(tcp(tlsRecord(21, new byte[26]), 443, 40000).text()).isEqualTo("TLS encrypted alert");
    }

    @Test
    void serverHelloWithCertificateAndDoneInOneRecord() {
        ByteWriter sh = new ByteWriter().u16(0x0303).zeros(32).u8(0).u16(0xc02f).u8(0).u16(0);
        byte[] msgs = new ByteWriter().bytes(handshake(2, sh.build())).bytes(handshake(11, new byte[10]))
                .bytes(handshake(14, new byte[0])).build();
        byte[] b = new ByteWriter().bytes(tlsRecord(22, msgs)).bytes(tlsRecord(20, new byte[] {1})).build();
        assertThat(tcp(b, 443, 40000).text()).isEqualTo("TLS handshake ServerHello (TLS 1.2, cipher 0xc02f), "
                + "Certificate, ServerHelloDone; change cipher spec");
    }

    @Test
    void handshakeAfterChangeCipherSpecIsEncrypted() {
        byte[] b = new ByteWriter().bytes(tlsRecord(20, new byte[] {1})).bytes(tlsRecord(22, new byte[40])).build();
        assertThat(tcp(b, 443, 40000).text())
                .isEqualTo("TLS change cipher spec; encrypted handshake message, 40 bytes");
    }

    @Test
    void serverHelloSelectingTls13() {
        ByteWriter sh = new ByteWriter().u16(0x0303).zeros(32).u8(0).u16(0x1301).u8(0).u16(6).u16(43).u16(2).u16(0x0304);
        assertThat(tcp(tlsRecord(22, handshake(2, sh.build())), 443, 40000).text())
                .isEqualTo("TLS handshake ServerHello (TLS 1.3, cipher 0x1301)");
    }

    @Test
    void dtlsClientHelloOfferingSrtp() {
        byte[] body = clientHelloBody(null, true, false, true);
        byte[] hs = new ByteWriter().u8(1).u24(body.length).u16(0).u24(0).u24(body.length).bytes(body).build();
        byte[] b = new ByteWriter().u8(22).u16(0xfeff).u16(0).hex("000000000000").u16(hs.length).bytes(hs).build();
        Label l = UdpPayloadClassifier.classify(b, 0, b.length, 40000, 40002);
        assertThat(l.protocol()).isEqualTo("dtls");
        assertThat(l.text()).isEqualTo("DTLS handshake ClientHello (offers DTLS-SRTP)");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void dtlsRecordLongerThanDatagram() {
        byte[] b = new ByteWriter().u8(23).u16(0xfefd).u16(1).hex("000000000001").u16(200).zeros(50).build();
        Label l = UdpPayloadClassifier.classify(b, 0, b.length, 40000, 40002);
        assertThat(l.text()).isEqualTo("DTLS application data, 200 bytes");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dtls.truncated");
    }
}
