package io.sipvista.sip.sdp;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.sipvista.sip.sdp.Samples.sdp;
import static org.assertj.core.api.Assertions.assertThat;

/** Each malformed or unusual input gives its named anomaly, and reading goes on. */
class SdpAnomalyTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    private static List<String> ids(Sdp s) {
        return s.anomalies().stream().map(Anomaly::id).toList();
    }

    private static Anomaly only(Sdp s, String id) {
        List<Anomaly> found = s.anomalies().stream().filter(a -> a.id().equals(id)).toList();
        assertThat(found).as("anomalies %s", s.anomalies()).hasSize(1);
        return found.get(0);
    }

    // ------------------------------------------------------------------ lines

    @Test
    void lineWithoutTypeIsKeptAndNamed() {
        Sdp s = SdpParser.parse(HEAD + "hello world\r\nm=audio 4000 RTP/AVP 0\r\n");
        assertThat(s.lines().get(5)).isEqualTo(new Sdp.Line(6, Sdp.Line.NO_TYPE, "hello world"));
        assertThat(s.lines().get(5).typed()).isFalse();
        assertThat(only(s, "sdp.line.no_type").detail()).contains("line 6");
        assertThat(s.media()).hasSize(1);
    }

    @Test
    void spaceBeforeEqualsIsNotATypedLine() {
        Sdp s = SdpParser.parse(HEAD + "a =sendonly\r\n");
        assertThat(s.lines().get(5).type()).isEqualTo(Sdp.Line.NO_TYPE);
        assertThat(s.lines().get(5).value()).isEqualTo("a =sendonly");
        assertThat(ids(s)).containsExactly("sdp.line.no_type");
        assertThat(s.direction()).isNull();
    }

    @Test
    void blankLineInTheMiddleIsKept() {
        Sdp s = SdpParser.parse("v=0\r\n\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n");
        assertThat(s.lines()).hasSize(5);
        assertThat(s.lines().get(1)).isEqualTo(new Sdp.Line(2, Sdp.Line.NO_TYPE, ""));
        assertThat(only(s, "sdp.line.no_type").detail()).isEqualTo("line 2 is blank");
        assertThat(s.origin()).isNotNull();
    }

    @Test
    void trailingBlankLinesAreCountedNotKept() {
        Sdp s = SdpParser.parse(HEAD + "\r\n\r\n");
        assertThat(s.lines()).hasSize(5);
        Anomaly a = only(s, "sdp.line.trailing_blank");
        assertThat(a.severity()).isEqualTo(Severity.INFO);
        assertThat(a.detail()).startsWith("2 blank lines");
        assertThat(ids(s)).containsExactly("sdp.line.trailing_blank");
    }

    @Test
    void unknownLineTypeIsInfoAndKept() {
        Sdp s = SdpParser.parse(HEAD + "x=vendor thing\r\n");
        assertThat(s.lines().get(5)).isEqualTo(new Sdp.Line(6, 'x', "vendor thing"));
        Anomaly a = only(s, "sdp.line.unknown_type");
        assertThat(a.severity()).isEqualTo(Severity.INFO);
        assertThat(ids(s)).containsExactly("sdp.line.unknown_type");
    }

    @Test
    void bareLfLineEndingsAreInfo() {
        Sdp s = SdpParser.parse(HEAD.replace("\r\n", "\n"));
        assertThat(s.lines()).hasSize(5);
        assertThat(s.lines().get(1).value()).isEqualTo("- 1 2 IN IP4 10.0.0.1");
        Anomaly a = only(s, "sdp.line.bare_lf");
        assertThat(a.severity()).isEqualTo(Severity.INFO);
        assertThat(a.detail()).startsWith("5 lines");
        assertThat(ids(s)).containsExactly("sdp.line.bare_lf");
    }

    @Test
    void mixedLineEndingsNameTheFirstBareLf() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\nt=0 0\r\n");
        assertThat(only(s, "sdp.line.bare_lf").detail()).isEqualTo("1 line end in LF alone, first line 3");
    }

    @Test
    void bareCrLineEndingsStillSplitLines() {
        Sdp s = SdpParser.parse(HEAD.replace("\r\n", "\r"));
        assertThat(s.lines()).hasSize(5);
        assertThat(s.sessionName()).isEqualTo("-");
        assertThat(ids(s)).containsExactly("sdp.line.bare_cr");
    }

    @Test
    void linesOutOfOrderGiveOneInfo() {
        Sdp s = SdpParser.parse("v=0\r\ns=-\r\no=- 1 2 IN IP4 10.0.0.1\r\nt=0 0\r\nc=IN IP4 10.0.0.1\r\n");
        Anomaly a = only(s, "sdp.line.order");
        assertThat(a.severity()).isEqualTo(Severity.INFO);
        assertThat(a.detail()).isEqualTo("line 3: o= after s= (1 more line out of place)");
        assertThat(s.origin()).isNotNull();
        assertThat(s.connection()).isNotNull();
    }

    @Test
    void sessionLineInsideAMediaSectionIsOutOfOrder() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
                + "m=audio 4000 RTP/AVP 0\r\nt=0 0\r\n");
        assertThat(only(s, "sdp.line.order").detail()).isEqualTo("line 6: t= inside a media section");
        assertThat(ids(s)).doesNotContain("sdp.timing.missing");
    }

    @Test
    void attributeBeforeConnectionInMediaIsOutOfOrder() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=sendrecv\r\nc=IN IP4 10.0.0.2\r\n");
        assertThat(only(s, "sdp.line.order").detail()).isEqualTo("line 8: c= after a=");
        assertThat(s.media().get(0).connection().address()).isEqualTo("10.0.0.2");
    }

    @Test
    void repeatTimeMustFollowTiming() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nr=7d 1h 0 25h\r\nt=0 0\r\n");
        assertThat(only(s, "sdp.line.order").detail()).startsWith("line 4: r= not right after t=");
    }

    @Test
    void timingRepeatTimingIsInOrder() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nt=3034423619 3042462419\r\n"
                + "r=604800 3600 0 90000\r\nt=3042462419 3044462419\r\nz=2882844526 -1h\r\n");
        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void duplicateSessionLinesAreNamedAndTheFirstApplies() {
        Sdp s = SdpParser.parse(HEAD + "o=other 9 9 IN IP4 10.9.9.9\r\ns=second\r\n");
        assertThat(s.origin().username()).isEqualTo("-");
        assertThat(s.sessionName()).isEqualTo("-");
        assertThat(ids(s)).filteredOn("sdp.line.duplicate"::equals).hasSize(2);
    }

    @Test
    void emptyTextIsOneAnomaly() {
        Sdp s = SdpParser.parse("");
        assertThat(s.lines()).isEmpty();
        assertThat(ids(s)).containsExactly("sdp.empty");
    }

    @Test
    void nullTextReadsAsEmpty() {
        assertThat(ids(SdpParser.parse((String) null))).containsExactly("sdp.empty");
    }

    // ------------------------------------------------------------------ required lines

    @Test
    void missingVersion() {
        Sdp s = SdpParser.parse("o=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n");
        assertThat(ids(s)).containsExactly("sdp.version.missing");
        assertThat(s.anomalies().get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void missingOrigin() {
        Sdp s = SdpParser.parse("v=0\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n");
        assertThat(ids(s)).containsExactly("sdp.origin.missing");
        assertThat(s.origin()).isNull();
    }

    @Test
    void missingSessionName() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n");
        assertThat(ids(s)).containsExactly("sdp.session_name.missing");
        assertThat(s.sessionName()).isNull();
    }

    @Test
    void missingTiming() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n");
        assertThat(ids(s)).containsExactly("sdp.timing.missing");
    }

    @Test
    void versionOtherThanZero() {
        Sdp s = SdpParser.parse(HEAD.replace("v=0", "v=1"));
        assertThat(ids(s)).containsExactly("sdp.version.unsupported");
    }

    @Test
    void timingThatIsNotTwoNumbers() {
        Sdp s = SdpParser.parse(HEAD.replace("t=0 0", "t=now"));
        assertThat(ids(s)).containsExactly("sdp.timing.invalid");
    }

    // ------------------------------------------------------------------ origin and connection

    @Test
    void originWithFiveFieldsIsAbsent() {
        Sdp s = SdpParser.parse(HEAD.replace("o=- 1 2 IN IP4 10.0.0.1", "o=- 1 IN IP4 10.0.0.1"));
        assertThat(s.origin()).isNull();
        assertThat(only(s, "sdp.origin.invalid").detail()).contains("5 fields instead of 6");
        assertThat(ids(s)).doesNotContain("sdp.origin.missing");
    }

    @Test
    void originWithLettersInSessionIdIsKeptAndNamed() {
        Sdp s = SdpParser.parse(HEAD.replace("o=- 1 2", "o=- 24466422 24%s"));
        assertThat(s.origin().sessionVersion()).isEqualTo("24%s");
        assertThat(ids(s)).containsExactly("sdp.origin.invalid");
    }

    @Test
    void originIp4WithIpv6Address() {
        Sdp s = SdpParser.parse(HEAD.replace("o=- 1 2 IN IP4 10.0.0.1", "o=- 1 2 IN IP4 2001:db8::1"));
        assertThat(ids(s)).containsExactly("sdp.connection.address_mismatch");
    }

    @Test
    void connectionIp4WithIpv6Address() {
        Sdp s = SdpParser.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP4 2001:db8::7"));
        assertThat(only(s, "sdp.connection.address_mismatch").detail())
                .isEqualTo("line 4: IP4 with IPv6 address \"2001:db8::7\"");
        assertThat(s.connection().address()).isEqualTo("2001:db8::7");
    }

    @Test
    void connectionIp6WithIpv4Address() {
        Sdp s = SdpParser.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP6 10.0.0.1"));
        assertThat(ids(s)).containsExactly("sdp.connection.address_mismatch");
    }

    @Test
    void connectionWithTwoFieldsIsAbsent() {
        Sdp s = SdpParser.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN 10.0.0.1"));
        assertThat(s.connection()).isNull();
        assertThat(ids(s)).containsExactly("sdp.connection.invalid");
    }

    @Test
    void connectionWithImpossibleIpv4() {
        Sdp s = SdpParser.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP4 300.1.2.3"));
        assertThat(only(s, "sdp.connection.invalid").detail()).contains("\"300.1.2.3\" is not an IPv4 address");
    }

    @Test
    void connectionWithBadTtl() {
        Sdp s = SdpParser.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP4 224.2.1.1/999"));
        assertThat(ids(s)).containsExactly("sdp.connection.invalid");
        assertThat(s.connection().ttl()).isNull();
        assertThat(s.connection().address()).isEqualTo("224.2.1.1");
    }

    @Test
    void mediaWithoutAnyConnection() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
        assertThat(ids(s)).containsExactly("sdp.connection.missing");
        assertThat(s.media().get(0).effectiveConnection()).isNull();
    }

    @Test
    void bandwidthWithoutValue() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nb=AS\r\n");
        assertThat(ids(s)).containsExactly("sdp.bandwidth.invalid");
        assertThat(s.media().get(0).bandwidths()).isEmpty();
    }

    // ------------------------------------------------------------------ media line

    @Test
    void mediaPortNotANumber() {
        Sdp s = SdpParser.parse(HEAD + "m=image $ udptl t38\r\n");
        assertThat(ids(s)).containsExactly("sdp.media.bad_port");
        assertThat(s.media().get(0).port()).isEqualTo(-1);
        assertThat(s.media().get(0).rejected()).isFalse();
        assertThat(s.media().get(0).formats()).containsExactly("t38");
    }

    @Test
    void mediaPortTooLarge() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 70000 RTP/AVP 0\r\n");
        assertThat(ids(s)).containsExactly("sdp.media.bad_port");
    }

    @Test
    void mediaPortCountZero() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000/0 RTP/AVP 0\r\n");
        assertThat(ids(s)).containsExactly("sdp.media.bad_port");
        assertThat(s.media().get(0).portCount()).isEqualTo(1);
    }

    @Test
    void mediaWithoutFormats() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP\r\n");
        assertThat(only(s, "sdp.media.bad_format").detail()).contains("no formats");
    }

    @Test
    void rtpFormatThatIsNotAPayloadType() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0 PCMU 128\r\n");
        assertThat(only(s, "sdp.media.bad_format").detail()).contains("\"PCMU 128\" are not an RTP payload type");
        assertThat(s.media().get(0).formats()).containsExactly("0", "PCMU", "128");
    }

    @Test
    void mediaWithTooFewFieldsStillOpensASection() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000\r\na=sendonly\r\n");
        assertThat(ids(s)).containsExactly("sdp.media.invalid");
        SdpMedia m = s.media().get(0);
        assertThat(m.type()).isEqualTo("audio");
        assertThat(m.protocol()).isEmpty();
        assertThat(m.direction()).isEqualTo("sendonly");
        assertThat(s.direction()).isNull();
    }

    @Test
    void mediaSectionsBeyondTheLimitAreKeptAsLinesOnly() {
        StringBuilder b = new StringBuilder(HEAD);
        int n = SdpParser.MAX_MEDIA + 3;
        for (int i = 0; i < n; i++) {
            b.append("m=audio ").append(10_000 + 2 * i).append(" RTP/AVP 0\r\na=sendonly\r\n");
        }
        Sdp s = SdpParser.parse(b.toString());
        assertThat(ids(s)).containsExactly("sdp.media.too_many");
        assertThat(only(s, "sdp.media.too_many").detail()).contains("more than " + SdpParser.MAX_MEDIA + " m= lines");
        assertThat(s.media()).hasSize(SdpParser.MAX_MEDIA);
        assertThat(s.media().get(SdpParser.MAX_MEDIA - 1).port()).isEqualTo(10_000 + 2 * (SdpParser.MAX_MEDIA - 1));
        assertThat(s.media()).allSatisfy(m -> assertThat(m.direction()).isEqualTo("sendonly"));
        assertThat(s.lines()).as("every line is kept").hasSize(HEAD.split("\r\n").length + 2 * n);
        assertThat(SdpParser.parse(b.substring(0, b.indexOf("m=audio " + (10_000 + 2 * SdpParser.MAX_MEDIA)))).anomalies())
                .as("exactly the limit").isEmpty();
    }

    // ------------------------------------------------------------------ payload types

    @Test
    void rtpmapForPayloadTypeNotOnTheMLine() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:8 PCMA/8000\r\n");
        assertThat(only(s, "sdp.payload_type.unlisted").detail())
                .isEqualTo("line 7: a=rtpmap for payload type 8, which m=audio (line 6) does not list");
        assertThat(s.media().get(0).rtpmaps()).containsKey(8);
    }

    @Test
    void fmtpForPayloadTypeNotOnTheMLine() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=fmtp:101 0-15\r\n");
        assertThat(ids(s)).containsExactly("sdp.payload_type.unlisted");
    }

    @Test
    void rtcpFeedbackForAllPayloadTypesIsNotUnlisted() {
        Sdp s = SdpParser.parse(HEAD + "m=video 4000 RTP/AVPF 31\r\na=rtcp-fb:* nack pli\r\n");
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media().get(0).rtcpFeedback()).containsExactly(new RtcpFeedback("*", "nack", "pli"));
    }

    @Test
    void dynamicPayloadTypeWithoutRtpmap() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0 97\r\n");
        assertThat(only(s, "sdp.payload_type.no_rtpmap").detail())
                .isEqualTo("m=audio (line 6): payload type 97 is dynamic and has no a=rtpmap");
    }

    @Test
    void unassignedStaticPayloadTypeWithoutRtpmap() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 40\r\n");
        assertThat(only(s, "sdp.payload_type.no_rtpmap").detail()).contains("is not assigned by RFC 3551");
    }

    @Test
    void dynamicPayloadTypeWithoutRtpmapOnRejectedStreamIsNotNamed() {
        Sdp s = SdpParser.parse(HEAD + "m=video 0 RTP/AVP 96\r\n");
        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void rtpmapWithoutClockRate() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtpmap.invalid");
        assertThat(s.media().get(0).rtpmaps()).isEmpty();
        assertThat(s.media().get(0).codecNames()).containsExactly("96");
    }

    @Test
    void rtpmapWithPayloadTypeOutOfRange() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:200 X/8000\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtpmap.invalid");
    }

    @Test
    void rtpmapWithDamagedClockFromTheFuzzedCapture() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 pcmu/800|\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtpmap.invalid");
        assertThat(s.media().get(0).codecNames()).containsExactly("PCMU/8000");
    }

    @Test
    void samePayloadTypeMappedTwice() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=rtpmap:96 AMR/8000\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtpmap.duplicate");
        assertThat(s.media().get(0).codecNames()).containsExactly("opus/48000/2");
    }

    @Test
    void fmtpWithoutParameters() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101\r\n");
        assertThat(ids(s)).containsExactly("sdp.fmtp.invalid");
        assertThat(s.media().get(0).fmtps()).containsEntry(101, "");
    }

    @Test
    void ptimeThatIsNotANumber() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=ptime:twenty\r\n");
        assertThat(ids(s)).containsExactly("sdp.ptime.invalid");
        assertThat(s.media().get(0).ptime()).isNull();
    }

    // ------------------------------------------------------------------ attribute level and direction

    @Test
    void mediaAttributeBeforeAnyMediaIsSessionLevel() {
        Sdp s = SdpParser.parse(HEAD + "a=rtpmap:0 PCMU/8000\r\nm=audio 4000 RTP/AVP 0\r\n");
        assertThat(s.attributes()).containsExactly("rtpmap:0 PCMU/8000");
        assertThat(s.media().get(0).attributes()).isEmpty();
        assertThat(s.media().get(0).rtpmaps()).isEmpty();
        Anomaly a = only(s, "sdp.attribute.wrong_level");
        assertThat(a.severity()).isEqualTo(Severity.INFO);
        assertThat(a.detail()).contains("before any m=");
    }

    @Test
    void sessionAttributeInsideMediaIsMediaLevel() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=group:BUNDLE 0\r\n");
        assertThat(s.attributes()).isEmpty();
        assertThat(s.media().get(0).attributes()).containsExactly("group:BUNDLE 0");
        assertThat(only(s, "sdp.attribute.wrong_level").detail()).contains("inside m=audio");
    }

    @Test
    void directionBeforeAndAfterTheFirstMediaIsClassified() {
        Sdp s = SdpParser.parse(HEAD + "a=sendonly\r\nm=audio 4000 RTP/AVP 0\r\na=inactive\r\n");
        assertThat(s.attributes()).containsExactly("sendonly");
        assertThat(s.direction()).isEqualTo("sendonly");
        assertThat(s.media().get(0).attributes()).containsExactly("inactive");
        assertThat(s.media().get(0).direction()).isEqualTo("inactive");
        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void conflictingDirectionsAtOneLevel() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=sendonly\r\na=recvonly\r\n");
        assertThat(ids(s)).containsExactly("sdp.direction.conflict");
        assertThat(s.media().get(0).direction()).isEqualTo("sendonly");
    }

    @Test
    void emptyAttribute() {
        Sdp s = SdpParser.parse(HEAD + "a=\r\n");
        assertThat(ids(s)).containsExactly("sdp.attribute.empty");
        assertThat(s.attributes()).containsExactly("");
    }

    // ------------------------------------------------------------------ rtcp, crypto, candidates

    @Test
    void rtcpWithoutPort() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtcp:abc\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtcp.invalid");
        assertThat(s.media().get(0).rtcp()).isNull();
    }

    @Test
    void rtcpWithHalfAnAddress() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtcp:4001 IN IP4\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtcp.invalid");
    }

    @Test
    void rtcpFeedbackWithoutType() {
        Sdp s = SdpParser.parse(HEAD + "m=video 4000 RTP/AVPF 31\r\na=rtcp-fb:31\r\n");
        assertThat(ids(s)).containsExactly("sdp.rtcp_fb.invalid");
    }

    @Test
    void cryptoWithoutKeyParams() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n");
        assertThat(ids(s)).containsExactly("sdp.crypto.invalid");
        assertThat(s.media().get(0).crypto()).isEmpty();
    }

    @Test
    void cryptoWithBadTagDoesNotShowTheKey() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/SAVP 0\r\n"
                + "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:SECRETSECRETSECRET|2^20\r\n");
        Anomaly a = only(s, "sdp.crypto.invalid");
        assertThat(a.detail()).doesNotContain("SECRET").contains("<redacted>");
        assertThat(s.lines().get(6).value()).contains("SECRETSECRETSECRET");
        assertThat(s.lines().get(6).redactedValue()).doesNotContain("SECRET");
    }

    @Test
    void cryptoKeyParamWithoutMethod() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 KEYONLY\r\n");
        assertThat(ids(s)).containsExactly("sdp.crypto.invalid");
        assertThat(s.anomalies().get(0).detail()).doesNotContain("KEYONLY");
    }

    @Test
    void candidateWithoutTyp() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 10.0.0.1 4000 host\r\n");
        assertThat(ids(s)).containsExactly("sdp.candidate.invalid");
        assertThat(s.media().get(0).candidates()).isEmpty();
    }

    @Test
    void candidateWithPortOutOfRange() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 10.0.0.1 99999 typ host\r\n");
        assertThat(ids(s)).containsExactly("sdp.candidate.invalid");
    }

    @Test
    void candidateWithDanglingExtensionName() {
        Sdp s = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 10.0.0.1 4000 typ host generation\r\n");
        assertThat(ids(s)).containsExactly("sdp.candidate.invalid");
    }

    // ------------------------------------------------------------------ bytes and limits

    @Test
    void invalidUtf8IsReplacedAndNamed() {
        byte[] good = (HEAD + "s=X\r\n").getBytes(StandardCharsets.US_ASCII);
        int at = HEAD.length() + 2;
        good[at] = (byte) 0xC3;
        Sdp s = SdpParser.parse(good, 0, good.length);
        assertThat(only(s, "sdp.encoding.invalid").detail()).startsWith("byte " + at + " ");
        assertThat(s.lines()).hasSize(6);
        assertThat(s.lines().get(5).value()).isEqualTo("\uFFFD");
    }

    @Test
    void manyAnomaliesOfOneIdAreSummed() {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i < 50; i++) {
            sb.append("garbage ").append(i).append("\r\n");
        }
        Sdp s = SdpParser.parse(sb.toString());
        assertThat(s.lines()).hasSize(55);
        List<Anomaly> noType = new ArrayList<>(s.anomalies());
        assertThat(noType).hasSize(SdpParser.MAX_PER_ID + 1);
        assertThat(noType.get(SdpParser.MAX_PER_ID).detail()).isEqualTo("and 42 more like this");
    }

    @Test
    void nonSdpTextKeepsEveryLine() {
        Sdp s = SdpParser.parse("<?xml version=\"1.0\"?>\r\n<presence/>\r\n");
        assertThat(s.lines()).extracting(Sdp.Line::value).containsExactly("<?xml version=\"1.0\"?>", "<presence/>");
        assertThat(ids(s)).contains("sdp.line.no_type", "sdp.version.missing", "sdp.origin.missing",
                "sdp.session_name.missing", "sdp.timing.missing");
    }
}
