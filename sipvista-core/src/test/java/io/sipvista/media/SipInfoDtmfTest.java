package io.sipvista.media;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** DTMF in SIP INFO bodies: the two content types, odd spellings, and bodies that are not DTMF. */
class SipInfoDtmfTest {
    private static SipInfoDtmf.Reading read(String type, String body) {
        return SipInfoDtmf.read(type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static SipInfoDtmf.Dtmf dtmf(SipInfoDtmf.Reading r) {
        assertThat(r).isInstanceOf(SipInfoDtmf.Dtmf.class);
        return (SipInfoDtmf.Dtmf) r;
    }

    private static SipInfoDtmf.NotDtmf notDtmf(SipInfoDtmf.Reading r) {
        assertThat(r).isInstanceOf(SipInfoDtmf.NotDtmf.class);
        return (SipInfoDtmf.NotDtmf) r;
    }

    private static SipMessage info(String contentType, String body) {
        String text = "INFO sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
                + "Call-ID: c1@10.0.0.1\r\nCSeq: 3 INFO\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dtmfRelayGivesTheDigitAndDuration() {
        SipInfoDtmf.Dtmf d = dtmf(read("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        assertThat(d.digit()).isEqualTo('5');
        assertThat(d.durationMs()).isEqualTo(OptionalInt.of(160));
        assertThat(d.contentType()).isEqualTo("application/dtmf-relay");
        assertThat(d.anomalies()).isEmpty();
    }

    @Test
    void dtmfRelayTakesAnyCaseSpacesAndBareNewlines() {
        SipInfoDtmf.Dtmf d = dtmf(read("Application/DTMF-Relay; charset=us-ascii",
                "  SIGNAL =  #  \nduration=   250\n"));
        assertThat(d.digit()).isEqualTo('#');
        assertThat(d.durationMs()).isEqualTo(OptionalInt.of(250));
    }

    @Test
    void dtmfRelayTakesANumericEventCode() {
        assertThat(dtmf(read("application/dtmf-relay", "Signal=10\r\nDuration=100\r\n")).digit()).isEqualTo('*');
    }

    @Test
    void dtmfRelayTakesALowerCaseLetterDigit() {
        assertThat(dtmf(read("application/dtmf-relay", "Signal=c\r\n")).digit()).isEqualTo('C');
    }

    @Test
    void dtmfRelayExclamationMarkIsFlash() {
        assertThat(dtmf(read("application/dtmf-relay", "Signal=!\r\nDuration=500")).event().name())
                .isEqualTo("flash");
    }

    @Test
    void dtmfRelayWithoutDurationHasNone() {
        SipInfoDtmf.Dtmf d = dtmf(read("application/dtmf-relay", "Signal=9"));
        assertThat(d.digit()).isEqualTo('9');
        assertThat(d.durationMs()).isEmpty();
        assertThat(d.anomalies()).isEmpty();
    }

    @Test
    void dtmfRelayWithAnUnreadableDurationKeepsTheDigitAndNamesTheDuration() {
        SipInfoDtmf.Dtmf d = dtmf(read("application/dtmf-relay", "Signal=1\r\nDuration=long\r\n"));
        assertThat(d.digit()).isEqualTo('1');
        assertThat(d.durationMs()).isEmpty();
        assertThat(d.anomalies()).extracting(Anomaly::id).containsExactly("media.info_dtmf.duration");
    }

    @Test
    void dtmfRelayWithoutSignalIsNotDtmfAndNamed() {
        SipInfoDtmf.NotDtmf n = notDtmf(read("application/dtmf-relay", "Duration=160\r\n"));
        assertThat(n.reason()).contains("cannot be read");
        assertThat(n.anomalies()).extracting(Anomaly::id).containsExactly("media.info_dtmf.malformed");
    }

    @Test
    void dtmfRelayWithGarbageSignalIsNotDtmfAndNamed() {
        SipInfoDtmf.NotDtmf n = notDtmf(read("application/dtmf-relay", "Signal=\u0001XYZ\r\n"));
        assertThat(n.anomalies()).extracting(Anomaly::id).containsExactly("media.info_dtmf.malformed");
        assertThat(n.anomalies().get(0).detail()).doesNotContain("\u0001");
    }

    @Test
    void dtmfRelayWithAnEventCodeAbove255IsNotDtmf() {
        notDtmf(read("application/dtmf-relay", "Signal=256\r\n"));
    }

    @Test
    void applicationDtmfIsASingleDigit() {
        SipInfoDtmf.Dtmf d = dtmf(read("application/dtmf", "7"));
        assertThat(d.digit()).isEqualTo('7');
        assertThat(d.durationMs()).isEmpty();
    }

    @Test
    void applicationDtmfTakesTheNumericEventCodeAndSurroundingWhitespace() {
        assertThat(dtmf(read("application/dtmf", " 11\r\n")).digit()).isEqualTo('#');
    }

    @Test
    void applicationDtmfWithGarbageIsNotDtmfAndNamed() {
        SipInfoDtmf.NotDtmf n = notDtmf(read("application/dtmf", "hello"));
        assertThat(n.anomalies()).extracting(Anomaly::id).containsExactly("media.info_dtmf.malformed");
    }

    @Test
    void applicationDtmfWrittenAsSignalLinesIsReadLikeDtmfRelay() {
        SipInfoDtmf.Dtmf d = dtmf(read("application/dtmf", "Signal=4\r\nDuration=120\r\n"));
        assertThat(d.digit()).isEqualTo('4');
        assertThat(d.durationMs()).isEqualTo(OptionalInt.of(120));
    }

    @Test
    void anotherContentTypeIsNotDtmfWithoutAnomaly() {
        SipInfoDtmf.NotDtmf n = notDtmf(read("application/sdp", "v=0\r\n"));
        assertThat(n.reason()).isEqualTo("body is application/sdp, not DTMF");
        assertThat(n.anomalies()).isEmpty();
    }

    @Test
    void noContentTypeIsNotDtmf() {
        assertThat(notDtmf(read(null, "Signal=5")).reason()).isEqualTo("body has no Content-Type");
    }

    @Test
    void anInfoRequestIsRead() {
        SipInfoDtmf.Dtmf d = dtmf(SipInfoDtmf.read(info("application/dtmf-relay", "Signal=3\r\nDuration=200\r\n")));
        assertThat(d.digit()).isEqualTo('3');
        assertThat(d.durationMs()).isEqualTo(OptionalInt.of(200));
    }

    @Test
    void aMultipartInfoIsReadFromItsDtmfPart() {
        String body = "--b1\r\nContent-Type: application/xml\r\n\r\n<x/>\r\n"
                + "--b1\r\nContent-Type: application/dtmf-relay\r\n\r\nSignal=*\r\nDuration=90\r\n"
                + "--b1--\r\n";
        SipInfoDtmf.Dtmf d = dtmf(SipInfoDtmf.read(info("multipart/mixed;boundary=b1", body)));
        assertThat(d.digit()).isEqualTo('*');
        assertThat(d.durationMs()).isEqualTo(OptionalInt.of(90));
    }

    @Test
    void anInfoWithoutBodyIsNotDtmf() {
        assertThat(notDtmf(SipInfoDtmf.read(info("application/dtmf-relay", ""))).reason())
                .isEqualTo("INFO has no body");
    }

    @Test
    void anInfoWithAnotherBodyIsNotDtmf() {
        assertThat(notDtmf(SipInfoDtmf.read(info("application/media_control+xml", "<x/>"))).reason())
                .isEqualTo("INFO body is application/media_control+xml, not DTMF");
    }

    @Test
    void anotherMethodIsNotDtmf() {
        String text = "MESSAGE sip:bob@example.com SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 MESSAGE\r\n"
                + "Content-Type: application/dtmf-relay\r\nContent-Length: 8\r\n\r\nSignal=5";
        SipMessage m = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(notDtmf(SipInfoDtmf.read(m)).reason()).isEqualTo("not an INFO request");
    }
}
