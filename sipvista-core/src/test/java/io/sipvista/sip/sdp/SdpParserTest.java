package io.sipvista.sip.sdp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.sipvista.sip.sdp.Samples.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Well-formed descriptions from real equipment read into the model, with no anomalies. */
class SdpParserTest {

    @Test
    void polycomOfferReadsTheAudioStream() {
        Sdp s = SdpParser.parse(Samples.POLYCOM);
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media()).hasSize(1);
        SdpMedia m = s.media().get(0);
        assertThat(m.type()).isEqualTo("audio");
        assertThat(m.port()).isEqualTo(2222);
        assertThat(m.portCount()).isEqualTo(1);
        assertThat(m.protocol()).isEqualTo("RTP/AVP");
        assertThat(m.formats()).containsExactly("8", "0", "18", "101");
        assertThat(m.rtp()).isTrue();
        assertThat(m.lineNumber()).isEqualTo(6);
    }

    @Test
    void polycomOfferMapsPayloadTypesInOrderOfAppearance() {
        SdpMedia m = SdpParser.parse(Samples.POLYCOM).media().get(0);
        assertThat(m.rtpmaps().keySet()).containsExactly(8, 0, 18, 101);
        assertThat(m.rtpmaps().get(101)).isEqualTo(new RtpMap(101, "telephone-event", 8000, null));
        assertThat(m.fmtps()).containsExactly(entry(101, "0-15"));
        assertThat(m.codecNames()).containsExactly("PCMA/8000", "PCMU/8000", "G729/8000", "telephone-event/8000");
    }

    @Test
    void polycomOfferIsSendrecvAtMediaLevel() {
        Sdp s = SdpParser.parse(Samples.POLYCOM);
        assertThat(s.direction()).isNull();
        assertThat(s.attributes()).isEmpty();
        SdpMedia m = s.media().get(0);
        assertThat(m.direction()).isEqualTo("sendrecv");
        assertThat(m.effectiveDirection()).isEqualTo("sendrecv");
        assertThat(m.held()).isFalse();
        assertThat(m.rejected()).isFalse();
        assertThat(m.attributes()).containsExactly("sendrecv", "rtpmap:8 PCMA/8000", "rtpmap:0 PCMU/8000",
                "rtpmap:18 G729/8000", "rtpmap:101 telephone-event/8000", "fmtp:101 0-15");
    }

    @Test
    void polycomOriginSessionAndConnection() {
        Sdp s = SdpParser.parse(Samples.POLYCOM);
        assertThat(s.origin()).isEqualTo(new Origin("-", "1276777554", "1276777554", "IN", "IP4", "192.168.9.212"));
        assertThat(s.sessionName()).isEqualTo("Polycom IP Phone");
        assertThat(s.connection()).isEqualTo(new Connection("IN", "IP4", "192.168.9.212", null, null));
    }

    @Test
    void everyLineIsKeptInOrderWithItsNumberTypeAndValue() {
        List<Sdp.Line> lines = SdpParser.parse(Samples.POLYCOM).lines();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).isEqualTo(new Sdp.Line(1, 'v', "0"));
        assertThat(lines.get(5)).isEqualTo(new Sdp.Line(6, 'm', "audio 2222 RTP/AVP 8 0 18 101"));
        assertThat(lines.get(11)).isEqualTo(new Sdp.Line(12, 'a', "fmtp:101 0-15"));
    }

    @Test
    void toStringWritesTheDescriptionBackLineByLine() {
        assertThat(SdpParser.parse(Samples.POLYCOM).toString()).isEqualTo(Samples.POLYCOM);
        assertThat(SdpParser.parse(Samples.WEBRTC).toString())
                .isEqualTo(Samples.WEBRTC.replace("ice-pwd:rVbL92yga1wmglK0q5scQV9A", "ice-pwd:<redacted>"));
    }

    @Test
    void broadWorksReOfferKeepsOriginVersionAndDashSessionName() {
        Sdp s = SdpParser.parse(Samples.BROADWORKS_REOFFER);
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.origin().username()).isEqualTo("BroadWorks");
        assertThat(s.origin().sessionId()).isEqualTo("10478");
        assertThat(s.origin().sessionVersion()).isEqualTo("2");
        assertThat(s.sessionName()).isEqualTo("-");
        assertThat(s.media().get(0).codecNames()).containsExactly("PCMA/8000", "PCMU/8000", "G729/8000",
                "telephone-event/8000");
    }

    @Test
    void originIdsBeyondSixtyFourBitsAreKeptAsWritten() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 391234567890123456789012 391234567890123456789013 IN IP4 10.0.0.1",
                "s=-", "c=IN IP4 10.0.0.1", "t=0 0"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.origin().sessionId()).isEqualTo("391234567890123456789012");
        assertThat(s.origin().sessionVersion()).isEqualTo("391234567890123456789013");
    }

    @Test
    void sessionLevelConnectionIsInheritedByMedia() {
        SdpMedia m = SdpParser.parse(Samples.POLYCOM).media().get(0);
        assertThat(m.connection()).isNull();
        assertThat(m.effectiveConnection()).isEqualTo(new Connection("IN", "IP4", "192.168.9.212", null, null));
    }

    @Test
    void mediaLevelConnectionOverridesSessionLevel() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "c=IN IP4 10.0.0.2", "m=video 4002 RTP/AVP 31"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media().get(0).effectiveConnection().address()).isEqualTo("10.0.0.2");
        assertThat(s.media().get(1).effectiveConnection().address()).isEqualTo("10.0.0.1");
    }

    @Test
    void holdBySendonly() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=BroadWorks 10478 3 IN IP4 192.168.9.212", "s=-",
                "c=IN IP4 192.168.9.212", "t=0 0", "m=audio 2222 RTP/AVP 0", "a=sendonly"));
        SdpMedia m = s.media().get(0);
        assertThat(m.direction()).isEqualTo("sendonly");
        assertThat(m.held()).isTrue();
        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void holdByInactiveAtSessionLevelAppliesToMedia() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "a=inactive", "m=audio 4000 RTP/AVP 0"));
        assertThat(s.direction()).isEqualTo("inactive");
        assertThat(s.attributes()).containsExactly("inactive");
        SdpMedia m = s.media().get(0);
        assertThat(m.direction()).isNull();
        assertThat(m.effectiveDirection()).isEqualTo("inactive");
        assertThat(m.held()).isTrue();
    }

    @Test
    void holdByZeroAddressTheRfc2543Way() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 0.0.0.0", "t=0 0",
                "m=audio 4000 RTP/AVP 0"));
        SdpMedia m = s.media().get(0);
        assertThat(m.effectiveDirection()).isEqualTo("sendrecv");
        assertThat(m.effectiveConnection().unspecified()).isTrue();
        assertThat(m.held()).isTrue();
        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void mediaDirectionOverridesSessionDirection() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "a=sendonly", "m=audio 4000 RTP/AVP 0", "a=recvonly"));
        SdpMedia m = s.media().get(0);
        assertThat(m.effectiveDirection()).isEqualTo("recvonly");
        assertThat(m.held()).isFalse();
    }

    @Test
    void directionDefaultsToSendrecv() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0"));
        assertThat(s.media().get(0).direction()).isNull();
        assertThat(s.media().get(0).effectiveDirection()).isEqualTo("sendrecv");
    }

    @Test
    void portZeroIsRejectedAndNotHeld() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "m=video 0 RTP/AVP 96"));
        assertThat(s.anomalies()).isEmpty();
        SdpMedia video = s.media().get(1);
        assertThat(video.rejected()).isTrue();
        assertThat(video.held()).isFalse();
        assertThat(s.media().get(0).rejected()).isFalse();
    }

    @Test
    void t38FaxOnImageUdptl() {
        Sdp s = SdpParser.parse(Samples.T38);
        assertThat(s.anomalies()).isEmpty();
        SdpMedia m = s.media().get(0);
        assertThat(m.type()).isEqualTo("image");
        assertThat(m.protocol()).isEqualTo("udptl");
        assertThat(m.rtp()).isFalse();
        assertThat(m.formats()).containsExactly("t38");
        assertThat(m.codecNames()).containsExactly("t38");
        assertThat(m.rtpmaps()).isEmpty();
        assertThat(m.attribute("T38FaxMaxDatagram")).isEqualTo("176");
    }

    @Test
    void t38ReInviteWithRejectedAudio() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=gw 1 3 IN IP4 10.23.1.52", "s=-", "c=IN IP4 10.23.1.52", "t=0 0",
                "m=audio 0 RTP/AVP 8", "m=image 16756 udptl t38", "a=T38FaxVersion:0"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media()).extracting(SdpMedia::rejected).containsExactly(true, false);
    }

    @Test
    void webrtcOfferReadsIceCandidates() {
        SdpMedia m = SdpParser.parse(Samples.WEBRTC).media().get(0);
        assertThat(m.candidates()).hasSize(3);
        Candidate host = m.candidates().get(0);
        assertThat(host.foundation()).isEqualTo("3826373926");
        assertThat(host.component()).isEqualTo(1);
        assertThat(host.transport()).isEqualTo("udp");
        assertThat(host.priority()).isEqualTo(2122260223L);
        assertThat(host.address()).isEqualTo("10.10.24.139");
        assertThat(host.port()).isEqualTo(55695);
        assertThat(host.type()).isEqualTo("host");
        assertThat(host.relatedAddress()).isNull();
        assertThat(host.relatedPort()).isNull();
        assertThat(host.extensions()).containsExactly(entry("generation", "0"), entry("network-id", "1"));
    }

    @Test
    void webrtcServerReflexiveCandidateHasRelatedAddress() {
        Candidate srflx = SdpParser.parse(Samples.WEBRTC).media().get(0).candidates().get(1);
        assertThat(srflx.type()).isEqualTo("srflx");
        assertThat(srflx.relatedAddress()).isEqualTo("10.10.24.139");
        assertThat(srflx.relatedPort()).isEqualTo(55695);
    }

    @Test
    void webrtcTcpCandidateKeepsTcptype() {
        Candidate tcp = SdpParser.parse(Samples.WEBRTC).media().get(0).candidates().get(2);
        assertThat(tcp.transport()).isEqualTo("tcp");
        assertThat(tcp.extensions()).containsEntry("tcptype", "active");
    }

    @Test
    void webrtcOfferIsCleanAndNotTakenForHold() {
        Sdp s = SdpParser.parse(Samples.WEBRTC);
        assertThat(s.anomalies()).isEmpty();
        SdpMedia m = s.media().get(0);
        assertThat(m.effectiveConnection().unspecified()).isTrue();
        assertThat(m.ice()).isTrue();
        assertThat(m.held()).isFalse();
    }

    @Test
    void webrtcOfferRtcpMuxRtcpAndFeedback() {
        SdpMedia m = SdpParser.parse(Samples.WEBRTC).media().get(0);
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.rtcp()).isEqualTo(new Rtcp(9, "IN", "IP4", "0.0.0.0"));
        assertThat(m.rtcpFeedback()).containsExactly(new RtcpFeedback("111", "transport-cc", ""));
        assertThat(m.mid()).isEqualTo("0");
        assertThat(m.codecNames()).containsExactly("opus/48000/2", "PCMU/8000", "telephone-event/8000");
        assertThat(m.rtpmaps().get(111).channels()).isEqualTo("2");
    }

    @Test
    void webrtcSessionAttributesAreLookedUpByName() {
        Sdp s = SdpParser.parse(Samples.WEBRTC);
        assertThat(s.attribute("group")).isEqualTo("BUNDLE 0");
        assertThat(s.attribute("GROUP")).isEqualTo("BUNDLE 0");
        assertThat(s.hasAttribute("ice-lite")).isFalse();
        assertThat(s.media().get(0).attribute("rtcp-mux")).isEmpty();
    }

    @Test
    void rtcpWithPortOnly() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "a=rtcp:4005"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media().get(0).rtcp()).isEqualTo(new Rtcp(4005, null, null, null));
        assertThat(s.media().get(0).rtcpMux()).isFalse();
    }

    @Test
    void sdesCryptoIsReadWithKeyParamsKept() {
        Sdp s = SdpParser.parse(Samples.SDES);
        assertThat(s.anomalies()).isEmpty();
        List<Crypto> c = s.media().get(0).crypto();
        assertThat(c).hasSize(2);
        assertThat(c.get(0).tag()).isEqualTo(1);
        assertThat(c.get(0).suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(c.get(0).keyParams()).isEqualTo("inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32");
        assertThat(c.get(0).sessionParams()).isEmpty();
        assertThat(c.get(1).sessionParams()).containsExactly("UNENCRYPTED_SRTCP");
    }

    @Test
    void sdesCryptoRedactedKeepsLifetimeAndMki() {
        Crypto c = SdpParser.parse(Samples.SDES).media().get(0).crypto().get(0);
        assertThat(c.redacted()).isEqualTo("1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>|2^20|1:32");
        assertThat(c.toString()).doesNotContain("PS1uQCVe").contains("<redacted>");
    }

    @Test
    void keyMaterialAppearsInNoStringForm() {
        Sdp s = SdpParser.parse(Samples.SDES);
        assertThat(s.toString()).doesNotContain("PS1uQCVe").doesNotContain("NzB4d1BI").contains("<redacted>");
        assertThat(s.media().get(0).toString()).doesNotContain("PS1uQCVe").doesNotContain("NzB4d1BI");
        Sdp.Line line = s.lines().get(8);
        assertThat(line.value()).contains("PS1uQCVe");
        assertThat(line.redactedValue()).isEqualTo("crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>|2^20|1:32");
        assertThat(line.toString()).doesNotContain("PS1uQCVe");
    }

    @Test
    void fecKeySessionParameterIsRedacted() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/SAVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAAAAAAAAAAAAAA|2^20 FEC_KEY=inline:BBBBBBBBBBBBBBBB|2^20 KDR=1"));
        Crypto c = s.media().get(0).crypto().get(0);
        assertThat(c.sessionParams()).containsExactly("FEC_KEY=inline:BBBBBBBBBBBBBBBB|2^20", "KDR=1");
        assertThat(c.redacted()).isEqualTo(
                "1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>|2^20 FEC_KEY=inline:<redacted>|2^20 KDR=1");
        assertThat(s.lines().get(6).redactedValue()).doesNotContain("BBBB").doesNotContain("AAAA");
    }

    @Test
    void icePasswordAndKeyLineAreRedacted() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "k=clear:hunter2", "a=ice-pwd:rVbL92yga1wmglK0q5scQV9A"));
        assertThat(s.lines().get(5).redactedValue()).isEqualTo("clear:<redacted>");
        assertThat(s.lines().get(6).redactedValue()).isEqualTo("ice-pwd:<redacted>");
        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("rVbL92");
    }

    @Test
    void sdesRtcpAttributeWithAddress() {
        SdpMedia m = SdpParser.parse(Samples.SDES).media().get(0);
        assertThat(m.rtcp()).isEqualTo(new Rtcp(53020, "IN", "IP4", "198.51.100.8"));
        assertThat(m.protocol()).isEqualTo("RTP/SAVP");
        assertThat(m.codecNames()).containsExactly("PCMU/8000", "telephone-event/8000");
    }

    @Test
    void staticPayloadTypesWithoutRtpmapAreNamedFromRfc3551() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0 3 4 8 9 18 13"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media().get(0).codecNames()).containsExactly("PCMU/8000", "GSM/8000", "G723/8000",
                "PCMA/8000", "G722/8000", "G729/8000", "CN/8000");
    }

    @Test
    void rtpmapOverridesTheStaticName() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "a=rtpmap:0 pcmu/8000/1"));
        assertThat(s.media().get(0).codecNames()).containsExactly("pcmu/8000/1");
    }

    @Test
    void unknownPayloadTypeIsNamedByItsNumber() {
        SdpMedia m = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 97 0")).media().get(0);
        assertThat(m.codecNames()).containsExactly("97", "PCMU/8000");
    }

    @Test
    void multicastConnectionSplitsTtlAndCount() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 224.2.1.1/127/3", "t=0 0"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.connection()).isEqualTo(new Connection("IN", "IP4", "224.2.1.1", 127, 3));
    }

    @Test
    void ipv6ConnectionWithCount() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP6 2001:db8::1", "s=-", "c=IN IP6 FF15::101/3", "t=0 0"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.connection()).isEqualTo(new Connection("IN", "IP6", "FF15::101", null, 3));
    }

    @Test
    void hostNameIsAValidConnectionAddress() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 host.example.com", "s=-", "c=IN IP4 media.example.com",
                "t=0 0"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.connection().address()).isEqualTo("media.example.com");
    }

    @Test
    void portWithCount() {
        SdpMedia m = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=video 49170/2 RTP/AVP 31")).media().get(0);
        assertThat(m.port()).isEqualTo(49170);
        assertThat(m.portCount()).isEqualTo(2);
        assertThat(m.codecNames()).containsExactly("H261/90000");
    }

    @Test
    void ptimeAndMaxptime() {
        SdpMedia m = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 16468 RTP/AVP 0 101", "a=ptime:30", "a=maxptime:40")).media().get(0);
        assertThat(m.ptime()).isEqualTo(30);
        assertThat(m.maxptime()).isEqualTo(40);
    }

    @Test
    void fractionalPtimeKeepsWholeMilliseconds() {
        SdpMedia m = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 16468 RTP/AVP 0", "a=ptime:20.0")).media().get(0);
        assertThat(m.ptime()).isEqualTo(20);
    }

    @Test
    void bandwidthsAtBothLevelsIncludingRfc3556() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "b=CT:256",
                "t=0 0", "m=audio 4000 RTP/AVP 0", "b=AS:64", "b=RS:0", "b=RR:0"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.bandwidths()).containsExactly(entry("CT", 256L));
        assertThat(s.media().get(0).bandwidths()).containsExactly(entry("AS", 64L), entry("RS", 0L), entry("RR", 0L));
    }

    @Test
    void valuesAreKeptAsWrittenButForTrailingWhiteSpace() {
        Sdp s = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns= Two  Spaces \t \r\nt=0 0\r\n");
        assertThat(s.sessionName()).isEqualTo(" Two  Spaces");
        assertThat(s.lines().get(2).value()).isEqualTo(" Two  Spaces");
    }

    @Test
    void bytesAreReadAsUtf8FromTheGivenRange() {
        byte[] body = sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=Café ☎", "t=0 0").getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[body.length + 7];
        System.arraycopy(body, 0, framed, 5, body.length);
        framed[0] = 'X';
        framed[framed.length - 1] = 'Y';
        Sdp s = SdpParser.parse(framed, 5, body.length);
        assertThat(s.sessionName()).isEqualTo("Café ☎");
        assertThat(s.lines()).hasSize(4);
        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void multipleMediaSectionsKeepTheirOwnAttributes() {
        Sdp s = SdpParser.parse(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 96", "a=rtpmap:96 AMR-WB/16000", "a=fmtp:96 octet-align=1",
                "m=video 4002 RTP/AVP 96", "a=rtpmap:96 H264/90000", "a=fmtp:96 profile-level-id=42801E"));
        assertThat(s.anomalies()).isEmpty();
        assertThat(s.media().get(0).codecNames()).containsExactly("AMR-WB/16000");
        assertThat(s.media().get(1).codecNames()).containsExactly("H264/90000");
        assertThat(s.media().get(1).fmtps()).isEqualTo(Map.of(96, "profile-level-id=42801E"));
    }
}
