package io.sipvista.sip.sdp;

/** Session descriptions used by several tests, written as they appear on the wire (CRLF line ends). */
final class Samples {
    private Samples() {
    }

    /** Joins lines with CRLF and ends the last one with CRLF too, as a Content-Length-delimited body does. */
    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The offer in the Polycom SoundPoint IP 500 INVITE of the BroadWorks lab capture (2010). */
    static final String POLYCOM = sdp(
            "v=0",
            "o=- 1276777554 1276777554 IN IP4 192.168.9.212",
            "s=Polycom IP Phone",
            "c=IN IP4 192.168.9.212",
            "t=0 0",
            "m=audio 2222 RTP/AVP 8 0 18 101",
            "a=sendrecv",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:18 G729/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15");

    /** The same offer as the BroadWorks B2BUA re-offers it on the second leg, second version. */
    static final String BROADWORKS_REOFFER = sdp(
            "v=0",
            "o=BroadWorks 10478 2 IN IP4 192.168.9.212",
            "s=-",
            "c=IN IP4 192.168.9.212",
            "t=0 0",
            "m=audio 2222 RTP/AVP 8 0 18 101",
            "a=sendrecv",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:18 G729/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15");

    /** A browser's audio offer: BUNDLE, ICE candidates, DTLS-SRTP, rtcp-mux, the RFC 8840 dummy address. */
    static final String WEBRTC = sdp(
            "v=0",
            "o=- 5857782044904022261 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic: WMS stream1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 126",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:3826373926 1 udp 2122260223 10.10.24.139 55695 typ host generation 0 network-id 1",
            "a=candidate:302099698 1 udp 1686052607 69.17.142.250 55695 typ srflx raddr 10.10.24.139 rport 55695"
                    + " generation 0",
            "a=candidate:2861705686 1 tcp 1518280447 10.10.24.139 9 typ host tcptype active generation 0",
            "a=ice-ufrag:BwhA",
            "a=ice-pwd:rVbL92yga1wmglK0q5scQV9A",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 21:B5:56:5A:47:9A:0C:A4:A4:AC:04:40:61:7A:AA:41:FE:6A:DE:84:15:9F:ED:A8:8D:4A:23:DB",
            "a=setup:actpass",
            "a=mid:0",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:497994907 cname:NbPw3SvI4Q1EPGPU");

    /** An SRTP (SDES) offer with RFC 3605 rtcp and a lifetime and MKI on the key. */
    static final String SDES = sdp(
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 198.51.100.7",
            "s=-",
            "c=IN IP4 198.51.100.7",
            "t=0 0",
            "m=audio 49170 RTP/SAVP 0 101",
            "a=rtcp:53020 IN IP4 198.51.100.8",
            "a=rtpmap:101 telephone-event/8000",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
            "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32"
                    + " UNENCRYPTED_SRTCP");

    /** A re-INVITE that switches a call to T.38 fax. */
    static final String T38 = sdp(
            "v=0",
            "o=gw 1 2 IN IP4 10.23.1.52",
            "s=-",
            "c=IN IP4 10.23.1.52",
            "t=0 0",
            "m=image 16756 udptl t38",
            "a=T38FaxVersion:0",
            "a=T38MaxBitRate:14400",
            "a=T38FaxRateManagement:transferredTCF",
            "a=T38FaxMaxDatagram:176",
            "a=T38FaxUdpEC:t38UDPRedundancy");
}
