package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the seed page (shared/seed/000_274dc0d0e2f26a5a.txt) shows must be in the rebuilt capture: its timestamps,
 * the kind of message each numbered line names, every header value on its cards (in the cards' order) and the SDP
 * rows. A value ending in "..." on the page is checked as a prefix; a From/To on the page is the URI inside the
 * header.
 */
class SeedCapturePageTest {
    private static final List<SeedPacket> PACKETS = SeedPacket.read(SeedCapture.bytes());
    private static final String D = "@virtsanity.mtl.broadsoft.com";

    private static SeedPacket frame(int n) {
        return PACKETS.get(n - 1);
    }

    @ParameterizedTest(name = "frame {0} at {1}")
    @CsvSource({
        "5, 2010-06-17T12:59:49.443688Z", "7, 2010-06-17T12:59:49.448129Z", "8, 2010-06-17T12:59:49.448537Z",
        "17, 2010-06-17T12:59:54.062749Z", "19, 2010-06-17T12:59:58.858566Z", "21, 2010-06-17T12:59:58.861725Z",
        "22, 2010-06-17T12:59:58.862775Z", "23, 2010-06-17T12:59:58.863116Z", "28, 2010-06-17T13:00:03.226903Z",
        "29, 2010-06-17T13:00:03.233736Z", "31, 2010-06-17T13:00:03.234874Z", "32, 2010-06-17T13:00:03.235005Z",
        "33, 2010-06-17T13:00:03.260969Z", "35, 2010-06-17T13:00:03.284849Z", "36, 2010-06-17T13:00:03.286454Z",
        "41, 2010-06-17T13:00:04.290179Z", "42, 2010-06-17T13:00:04.290463Z", "44, 2010-06-17T13:00:04.346156Z",
        "45, 2010-06-17T13:00:04.348473Z", "48, 2010-06-17T13:00:05.761219Z", "50, 2010-06-17T13:00:05.764048Z",
        "51, 2010-06-17T13:00:05.764504Z", "56, 2010-06-17T13:00:05.93426Z", "57, 2010-06-17T13:00:05.936907Z",
        "59, 2010-06-17T13:00:07.569148Z", "62, 2010-06-17T13:00:07.572069Z", "63, 2010-06-17T13:00:07.572413Z",
        "69, 2010-06-17T13:00:07.706701Z", "70, 2010-06-17T13:00:07.70861Z", "74, 2010-06-17T13:00:10.615482Z",
        "75, 2010-06-17T13:00:10.615759Z"})
    void frameHasThePagesTimestamp(int number, String time) {
        assertThat(frame(number).time()).isEqualTo(Instant.parse(time));
    }

    @Test
    void captureHasTheSeventyEightFramesThePageNumbers() {
        assertThat(PACKETS).hasSize(78);
    }

    @ParameterizedTest(name = "frame {0} is {1}")
    @CsvSource({"1, REGISTER", "3, REGISTER", "5, SUBSCRIBE", "7, NOTIFY", "8, NOTIFY", "27, INVITE", "29, NOTIFY",
        "30, INVITE", "31, NOTIFY", "47, INVITE", "49, INVITE", "58, INVITE", "60, BYE", "61, INVITE", "69, ACK",
        "70, ACK", "71, BYE", "73, BYE"})
    void requestThePagesLineOrCardNames(int number, String method) {
        assertThat(frame(number).isSip()).isTrue();
        assertThat(frame(number).startLine()).startsWith(method + " sip:").endsWith(" SIP/2.0");
    }

    @Test
    void frame28IsThe100TryingCard() {
        assertThat(frame(28).startLine()).isEqualTo("SIP/2.0 100 Trying");
    }

    private static final Set<Integer> PAGE_200_LINES = Set.of(2, 4, 6, 18, 20, 24, 25, 26, 34, 37, 38, 39, 40, 43,
            46, 52, 53, 54, 55, 64, 65, 66, 67, 68, 72, 76, 77, 78);
    /** Page lines the page also gives to frames without SIP; these carry the ARP reply and RTP (see SeedCapture). */
    private static final Set<Integer> PAGE_200_LINES_ON_NON_SIP = Set.of(18, 43, 46);

    @Test
    void framesThePageCalls200OkAre200OkExceptTheDocumentedNonSipOnes() {
        for (int n : PAGE_200_LINES) {
            if (PAGE_200_LINES_ON_NON_SIP.contains(n)) {
                assertThat(frame(n).isSip()).as("frame %d", n).isFalse();
            } else {
                assertThat(frame(n).startLine()).as("frame %d", n).isEqualTo("SIP/2.0 200 OK");
            }
        }
    }

    static Stream<Arguments> cards() {
        String ls = "sip:4182618006" + D;
        String sca = "sip:6010_SCA1" + D;
        String p500 = "sip:4505656010" + D;
        String bw = "<sip:virtsanity.mtl.broadsoft.com:5060>";
        return Stream.of(
            card(1, "From", uri(ls), "To", uri(ls), "Call-ID", "ef1b738a-6e84666@192.168.9.205",
                "CSeq", "12607 REGISTER", "Contact", "\"qq8006\" <sip:4182618006@192.168.9.205:5060>;expires=3600",
                "User-Agent", "Linksys/SPA941-5.1.5"),
            card(2, "From", uri(ls), "To", uri(ls), "Call-ID", "ef1b738a-6e84666@192.168.9.205",
                "CSeq", "12607 REGISTER", "Contact", "<sip:4182618006@192.168.9.205:5060>;q=0.5;expires=3599"),
            card(3, "From", uri(sca), "To", uri(sca), "CSeq", "1 REGISTER",
                "Call-ID", "86a1892a-addef550-61641e4b@192.168.9.121",
                "Contact", "<sip:6010_SCA1@192.168.9.121>;methods=\"INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, MESSAGE, "
                    + "SUBSCRIBE, NOTIFY, PRACK, ...",
                "User-Agent", "PolycomSoundPointIP-SPIP_600-UA/2.0.3.0127", "Expires", "3600"),
            card(4, "From", uri(sca), "To", uri(sca), "Call-ID", "86a1892a-addef550-61641e4b@192.168.9.121",
                "CSeq", "1 REGISTER", "Contact", "<sip:6010_SCA1@192.168.9.121>;q=0.5;expires=3599"),
            card(5, "From", uri(sca), "To", uri(sca), "CSeq", "1 SUBSCRIBE",
                "Call-ID", "37ac204-dff2e01a-8cb7264d@192.168.9.121", "Event", "call-info", "Expires", "3600"),
            card(6, "From", uri(sca), "To", uri(sca), "Call-ID", "37ac204-dff2e01a-8cb7264d@192.168.9.121",
                "CSeq", "1 SUBSCRIBE", "Expires", "3598", "Contact", bw),
            card(7, "From", uri(sca), "To", uri(sca), "Call-ID", "8a828c02-69a66330-599a7565@192.168.9.121",
                "CSeq", "100560711 NOTIFY", "Event", "call-info", "Subscription-State", "terminated"),
            card(8, "From", uri(sca)),
            card(25, "To", uri(p500), "CSeq", "100570125 NOTIFY",
                "Call-ID", "f82e12f6-676e0334-5d10cee5@192.168.9.212", "Contact", "<sip:4505656010@192.168.9.212>"),
            card(26, "From", uri(p500), "To", uri(p500), "CSeq", "100570126 NOTIFY",
                "Call-ID", "f7492fb-31a67f79-73fc330a@192.168.9.212", "Contact", "<sip:4505656010@192.168.9.212>"),
            card(27, "Via", "SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK38d10a61C7B83830", "From", uri(p500),
                "To", uri(ls + ";user=phone"), "CSeq", "1 INVITE", "Call-ID", "6e656a5f-be5dcbdd-8e03cee@192.168.9.212",
                "Contact", "<sip:4505656010@192.168.9.212>",
                "User-Agent", "PolycomSoundPointIP-SPIP_500-UA/2.0.3.0127", "Max-Forwards", "70"),
            card(28, "From", uri(p500), "To", uri(ls + ";user=phone"),
                "Call-ID", "6e656a5f-be5dcbdd-8e03cee@192.168.9.212", "CSeq", "1 INVITE"),
            card(29, "From", uri(p500), "To", uri(p500), "Call-ID", "f82e12f6-676e0334-5d10cee5@192.168.9.212",
                "CSeq", "100574493 NOTIFY", "Event", "line-seize", "Subscription-State", "terminated"),
            card(30, "Via", "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks.qe24oq-192.168.9.205V5060-0-"
                    + "587158161-...",
                "From", uri("sip:66010@192.168.13.180;user=phone"), "To", uri(ls),
                "Call-ID", "BW090003232170610-93092071@192.168.13.180", "CSeq", "587158161 INVITE",
                "Contact", bw, "Max-Forwards", "5"),
            card(31, "From", uri(p500)),
            card(64, "Contact", "\"qq8006\" <sip:4182618006@192.168.9.205:5060>", "Server", "Linksys/SPA941-5.1.5"),
            card(65, "From", uri(sca), "To", uri(sca), "Call-ID", "86678647-ad658fe5-e60b77bc@192.168.9.121",
                "CSeq", "1 INVITE",
                "Accept", "multipart/mixed,application/dtmf-relay,application/media_control+xml,application/sdp,"
                    + "application/vnd.etsi.aoc+xml,application/vn...",
                "Contact", bw),
            card(66, "From", uri(ls + ";user=phone"), "To", uri(p500), "CSeq", "587158158 BYE",
                "Call-ID", "6e656a5f-be5dcbdd-8e03cee@192.168.9.212", "Contact", "<sip:4505656010@192.168.9.212>"),
            card(67, "From", uri(sca), "To", uri(sca), "CSeq", "100578836 NOTIFY",
                "Call-ID", "37ac204-dff2e01a-8cb7264d@192.168.9.121", "Contact", "<sip:6010_SCA1@192.168.9.121>"),
            card(68, "From", uri(p500), "To", uri(p500), "CSeq", "100578835 NOTIFY",
                "Call-ID", "f7492fb-31a67f79-73fc330a@192.168.9.212", "Contact", "<sip:4505656010@192.168.9.212>"),
            card(69, "From", uri(sca), "To", uri(sca), "CSeq", "1 ACK",
                "Call-ID", "86678647-ad658fe5-e60b77bc@192.168.9.121"),
            card(70, "From", uri("sip:66010@192.168.13.180;user=phone"), "To", uri(ls),
                "Call-ID", "BW090003232170610-93092071@192.168.13.180", "CSeq", "587158163 ACK"),
            card(71, "From", uri(ls), "To", uri("sip:66010@192.168.13.180;user=phone")));
    }

    private static String uri(String uri) {
        return "<" + uri + ">";
    }

    private static Arguments card(int frame, String... pairs) {
        return Arguments.of(frame, List.of(pairs));
    }

    @ParameterizedTest(name = "card of frame {0}")
    @MethodSource("cards")
    void cardHeaderValuesAppearInTheCardsOrder(int number, List<String> pairs) {
        SeedPacket p = frame(number);
        List<String[]> headers = p.headers();
        int last = -1;
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            String expected = pairs.get(i + 1);
            int at = indexOf(headers, name);
            assertThat(at).as("frame %d has %s", number, name).isGreaterThanOrEqualTo(0);
            assertThat(at).as("frame %d lists %s in the page's order", number, name).isGreaterThan(last);
            last = at;
            String actual = headers.get(at)[1];
            if (expected.endsWith("...")) {
                assertThat(actual).startsWith(expected.substring(0, expected.length() - 3));
            } else if ((name.equals("From") || name.equals("To")) && expected.startsWith("<")) {
                assertThat(actual).contains(expected);
                assertThat(actual.substring(actual.indexOf('<'), actual.indexOf('>') + 1)).isEqualTo(expected);
            } else {
                assertThat(actual).as("frame %d %s", number, name).isEqualTo(expected);
            }
        }
    }

    private static int indexOf(List<String[]> headers, String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> attributes(SeedPacket p) {
        List<String> a = new ArrayList<>();
        for (String line : p.sdpLines()) {
            if (line.startsWith("a=")) {
                a.add(line.substring(2));
            }
        }
        return a;
    }

    @Test
    void polycomOfferInFrame27HasThePagesSdpRowsAndTwoMoreAttributes() {
        SeedPacket p = frame(27);
        assertThat(p.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(p.sdpLines()).contains("o=- 1276777554 1276777554 IN IP4 192.168.9.212", "s=Polycom IP Phone",
                "c=IN IP4 192.168.9.212", "m=audio 2222 RTP/AVP 8 0 18 101");
        assertThat(attributes(p)).hasSize(5).startsWith("sendrecv", "rtpmap:8 PCMA/8000", "rtpmap:0 PCMU/8000");
    }

    @Test
    void broadWorksOfferInFrame30CarriesThePolycomsAddressAndOneMoreAttribute() {
        SeedPacket p = frame(30);
        assertThat(p.sdpLines()).contains("o=BroadWorks 10478 1 IN IP4 192.168.9.212", "s=-",
                "c=IN IP4 192.168.9.212", "m=audio 2222 RTP/AVP 8 0 18 101");
        assertThat(attributes(p)).hasSize(5).startsWith("sendrecv", "rtpmap:8 PCMA/8000", "rtpmap:0 PCMU/8000",
                "rtpmap:18 G729/8000");
    }

    @Test
    void linksysAnswerInFrame64IsThePagesPcmuAnswer() {
        SeedPacket p = frame(64);
        assertThat(p.startLine()).isEqualTo("SIP/2.0 200 OK");
        assertThat(p.sdpLines()).contains("o=- 6881 6881 IN IP4 192.168.9.205", "c=IN IP4 192.168.9.205", "t=0 0",
                "m=audio 16468 RTP/AVP 0 101");
        assertThat(attributes(p)).containsExactly("rtpmap:0 PCMU/8000", "rtpmap:101 telephone-event/8000",
                "fmtp:101 0-15", "ptime:30", "sendrecv");
    }

    @Test
    void broadWorksAnswerInFrame65RelaysTheLinksysMedia() {
        SeedPacket p = frame(65);
        assertThat(p.sdpLines()).contains("o=BroadWorks 10479 3 IN IP4 192.168.9.205", "c=IN IP4 192.168.9.205",
                "t=0 0", "m=audio 16468 RTP/AVP 0 101");
        assertThat(attributes(p)).containsExactly("rtpmap:0 PCMU/8000", "rtpmap:101 telephone-event/8000",
                "fmtp:101 0-15", "ptime:30", "sendrecv");
    }

    @Test
    void registrationsAreGrantedWithoutAChallenge() {
        List<String> starts = PACKETS.stream().filter(SeedPacket::isSip).map(SeedPacket::startLine).toList();
        assertThat(starts).noneMatch(s -> s.startsWith("SIP/2.0 401") || s.startsWith("SIP/2.0 407"));
        assertThat(PACKETS.stream().filter(SeedPacket::isSip)
                .filter(p -> p.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("Authorization")))).isEmpty();
    }
}
