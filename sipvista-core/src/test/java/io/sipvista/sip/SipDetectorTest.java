package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SipDetectorTest {
    private static boolean sip(String s) {
        byte[] b = Wire.bytes(s);
        return SipDetector.looksLikeSip(b, 0, b.length);
    }

    @Test
    void requestLineIsSip() {
        assertThat(sip("INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\n")).isTrue();
    }

    @Test
    void unknownMethodIsSip() {
        assertThat(sip("FROBNICATE sip:bob@example.com SIP/2.0\r\n")).isTrue();
    }

    @Test
    void tokenMethodWithPunctuationIsSip() {
        assertThat(sip("X-CUSTOM.v2! sip:bob@example.com SIP/2.0\r\n")).isTrue();
    }

    @Test
    void statusLineIsSip() {
        assertThat(sip("SIP/2.0 200 OK\r\n")).isTrue();
    }

    @Test
    void statusLineWithoutReasonIsSip() {
        assertThat(sip("SIP/2.0 200\r\n")).isTrue();
    }

    @Test
    void lowerCaseVersionIsSip() {
        assertThat(sip("sip/2.0 180 Ringing\r\n")).isTrue();
    }

    @Test
    void leadingCrlfsAreTolerated() {
        assertThat(sip("\r\n\r\nOPTIONS sip:x@y SIP/2.0\r\n")).isTrue();
    }

    @Test
    void tooManyLeadingLineBreaksAreNot() {
        assertThat(sip("\r\n\r\n\r\n\r\n\r\nOPTIONS sip:x@y SIP/2.0\r\n")).isFalse();
    }

    @Test
    void onlyLineBreaksAreNot() {
        assertThat(sip("\r\n\r\n")).isFalse();
    }

    @Test
    void emptyIsNot() {
        assertThat(SipDetector.looksLikeSip(new byte[0], 0, 0)).isFalse();
    }

    @Test
    void httpRequestIsNot() {
        assertThat(sip("GET / HTTP/1.1\r\nHost: x\r\n")).isFalse();
    }

    @Test
    void httpResponseIsNot() {
        assertThat(sip("HTTP/1.1 200 OK\r\n")).isFalse();
    }

    @Test
    void rtspIsNot() {
        assertThat(sip("OPTIONS rtsp://example.com/media RTSP/1.0\r\n")).isFalse();
    }

    @Test
    void otherSipVersionIsNot() {
        assertThat(sip("INVITE sip:x SIP/3.0\r\n")).isFalse();
    }

    @Test
    void statusWithTwoDigitsIsNot() {
        assertThat(sip("SIP/2.0 20 OK\r\n")).isFalse();
    }

    @Test
    void statusWithFourDigitsIsNot() {
        assertThat(sip("SIP/2.0 2000 OK\r\n")).isFalse();
    }

    @Test
    void requestWithoutUriIsNot() {
        assertThat(sip("INVITE SIP/2.0\r\n")).isFalse();
    }

    @Test
    void requestWithSpaceInUriIsNot() {
        assertThat(sip("INVITE sip:a b@x SIP/2.0\r\n")).isFalse();
    }

    @Test
    void textAfterVersionIsNot() {
        assertThat(sip("INVITE sip:x SIP/2.0 extra\r\n")).isFalse();
    }

    @Test
    void binaryIsNot() {
        assertThat(SipDetector.looksLikeSip(new byte[] {(byte) 0x80, 0, 1, 2, 3}, 0, 5)).isFalse();
    }

    @Test
    void rtpLikeBytesAreNot() {
        byte[] rtp = {(byte) 0x80, 0x00, 0x12, 0x34, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44, 'S', 'I', 'P'};
        assertThat(SipDetector.looksLikeSip(rtp, 0, rtp.length)).isFalse();
    }

    @Test
    void requestLineCompleteAtEndOfDataIsSip() {
        assertThat(sip("BYE sip:x@y SIP/2.0")).isTrue();
    }

    @Test
    void requestLineCutBeforeVersionIsNot() {
        assertThat(sip("BYE sip:x@y SIP/2")).isFalse();
    }

    @Test
    void statusDigitsAtEndOfDataAreSip() {
        assertThat(sip("SIP/2.0 486")).isTrue();
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] b = Wire.bytes("xxxxSIP/2.0 200 OK\r\nyyyy");
        assertThat(SipDetector.looksLikeSip(b, 4, 16)).isTrue();
        assertThat(SipDetector.looksLikeSip(b, 0, 16)).isFalse();
        assertThat(SipDetector.looksLikeSip(b, 4, 9)).isFalse();
    }

    @Test
    void tabsBetweenPartsAreTolerated() {
        assertThat(sip("INVITE\tsip:x@y\tSIP/2.0\r\n")).isTrue();
    }

    @Test
    void bareLfLineEndIsSip() {
        assertThat(sip("ACK sip:x@y SIP/2.0\nVia: a\n")).isTrue();
    }

    @Test
    void methodLongerThan64IsNot() {
        assertThat(sip("A".repeat(65) + " sip:x SIP/2.0\r\n")).isFalse();
    }

    @Test
    void prefixClassification() {
        byte[] b = Wire.bytes("INVITE sip:x SIP/2.0\r\n");
        assertThat(SipDetector.startLine(b, 0, 3)).isEqualTo(SipDetector.PREFIX);
        assertThat(SipDetector.startLine(b, 0, 20)).isEqualTo(SipDetector.AT_END);
        assertThat(SipDetector.startLine(b, 0, b.length)).isEqualTo(SipDetector.YES);
        byte[] g = Wire.bytes("{\"json\": 1}\n");
        assertThat(SipDetector.startLine(g, 0, 1)).isEqualTo(SipDetector.NO);
    }
}
