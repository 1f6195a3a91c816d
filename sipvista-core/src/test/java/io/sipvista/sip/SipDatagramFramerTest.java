package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.SipDatagramFramer.Result;
import io.sipvista.sip.SipDatagramFramer.Slice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SipDatagramFramerTest {
    private static Result frame(byte[] b) {
        return SipDatagramFramer.frame(b, 0, b.length);
    }

    @Test
    void oneMessage() {
        byte[] b = Wire.bytes(Wire.INVITE);
        Result r = frame(b);
        assertThat(r.messages()).containsExactly(new Slice(0, b.length));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void twoMessagesInOneDatagram() {
        byte[] a = Wire.bytes(Wire.INVITE);
        byte[] c = Wire.bytes(Wire.ACK);
        Result r = frame(Wire.concat(a, c));
        assertThat(r.messages()).containsExactly(new Slice(0, a.length), new Slice(a.length, c.length));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void lineBreaksBetweenMessagesAreSkipped() {
        byte[] a = Wire.bytes(Wire.ACK);
        byte[] c = Wire.bytes(Wire.OK_200);
        Result r = frame(Wire.concat(a, Wire.bytes("\r\n\r\n"), c));
        assertThat(r.messages()).containsExactly(new Slice(0, a.length), new Slice(a.length + 4, c.length));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void leadingAndTrailingLineBreaksAreSkipped() {
        byte[] a = Wire.bytes(Wire.ACK);
        Result r = frame(Wire.concat(Wire.bytes("\r\n"), a, Wire.bytes("\r\n")));
        assertThat(r.messages()).containsExactly(new Slice(2, a.length));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void keepAliveDatagramHasNoMessage() {
        Result r = frame(Wire.bytes("\r\n\r\n"));
        assertThat(r.messages()).isEmpty();
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void emptyDatagram() {
        assertThat(frame(new byte[0]).messages()).isEmpty();
    }

    @Test
    void missingContentLengthTakesTheRest() {
        byte[] b = Wire.bytes(Wire.crlf("MESSAGE sip:b@h SIP/2.0", "Call-ID: x", "Content-Type: text/plain", "",
                "body with\r\nINVITE sip:x SIP/2.0 inside"));
        Result r = frame(b);
        assertThat(r.messages()).containsExactly(new Slice(0, b.length));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void contentLengthLargerThanDatagram() {
        byte[] b = Wire.bytes(Wire.crlf("MESSAGE sip:b@h SIP/2.0", "Call-ID: x", "Content-Type: text/plain",
                "Content-Length: 900", "", "short"));
        Result r = frame(b);
        assertThat(r.messages()).containsExactly(new Slice(0, b.length));
        Anomaly expected = Anomaly.of("sip.content_length.mismatch", "Content-Length 900, 5 body bytes present");
        assertThat(r.anomalies()).containsExactly(expected);
        assertThat(SipParser.parse(b, 0, b.length).anomalies()).contains(expected);
    }

    @Test
    void invalidContentLengthTakesTheRest() {
        byte[] b = Wire.bytes(Wire.crlf("MESSAGE sip:b@h SIP/2.0", "Content-Length: x", "", "rest"));
        Result r = frame(b);
        assertThat(r.messages()).containsExactly(new Slice(0, b.length));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void trailingGarbage() {
        byte[] a = Wire.bytes(Wire.ACK);
        Result r = frame(Wire.concat(a, Wire.bytes("\u0000\u0000garbage")));
        assertThat(r.messages()).containsExactly(new Slice(0, a.length));
        assertThat(r.anomalies()).containsExactly(
                Anomaly.of("sip.datagram.trailing_bytes",
                        "9 bytes after the 0-byte body its Content-Length declares do not begin a SIP message"));
    }

    @Test
    void headersWithoutEndAreOneSlice() {
        byte[] b = Wire.bytes("OPTIONS sip:b@h SIP/2.0\r\nVia: x\r\nContent-Length: 0\r\n");
        Result r = frame(b);
        assertThat(r.messages()).containsExactly(new Slice(0, b.length));
    }

    @Test
    void compactContentLength() {
        byte[] a = Wire.bytes(Wire.crlf("MESSAGE sip:b@h SIP/2.0", "c: text/plain", "l: 2", "", "hi"));
        byte[] c = Wire.bytes(Wire.ACK);
        Result r = frame(Wire.concat(a, c));
        assertThat(r.messages()).containsExactly(new Slice(0, a.length), new Slice(a.length, c.length));
    }

    @Test
    void nonSipFirstMessageIsStillSliced() {
        byte[] b = Wire.bytes("hello world");
        assertThat(frame(b).messages()).containsExactly(new Slice(0, b.length));
    }

    @Test
    void slicesAreAbsoluteOffsets() {
        byte[] a = Wire.bytes(Wire.ACK);
        byte[] b = Wire.concat(Wire.bytes("PREFIX"), a, Wire.bytes("SUFFIX"));
        Result r = SipDatagramFramer.frame(b, 6, a.length);
        assertThat(r.messages()).containsExactly(new Slice(6, a.length));
        Slice s = r.messages().get(0);
        assertThat(SipParser.parse(b, s.offset(), s.length()).method()).isEqualTo("ACK");
    }

    @Test
    void everySliceParsesCleanly() {
        byte[] b = Wire.concat(Wire.bytes(Wire.INVITE), Wire.bytes(Wire.OK_200), Wire.bytes(Wire.ACK));
        Result r = frame(b);
        assertThat(r.messages()).hasSize(3);
        List<SipMessage> msgs = r.messages().stream().map(s -> SipParser.parse(b, s.offset(), s.length())).toList();
        assertThat(msgs).extracting(SipMessage::startLine).containsExactly(
                "INVITE sip:bob@biloxi.example.com SIP/2.0", "SIP/2.0 200 OK", "ACK sip:bob@192.0.2.4 SIP/2.0");
        assertThat(msgs).allSatisfy(m -> assertThat(m.anomalies()).isEmpty());
    }
}
