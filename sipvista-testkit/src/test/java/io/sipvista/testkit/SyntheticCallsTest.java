package io.sipvista.testkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthetic call generator: deterministic, in time order, the messages and RTP it promises. */
class SyntheticCallsTest {
    private static byte[] write(SyntheticCalls.Options o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        return bytes.toByteArray();
    }

    private static long micros(PcapFile.Record r) {
        return r.seconds() * 1_000_000L + r.fraction();
    }

    private static String text(PcapFile.Record r) {
        return new String(r.data(), 42, r.data().length - 42, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        SyntheticCalls.Options o = new SyntheticCalls.Options(50, 5, 3, 0.1, 0.1, true, 42, true);
        assertThat(write(o)).isEqualTo(write(o));
        assertThat(write(o)).isNotEqualTo(write(new SyntheticCalls.Options(50, 5, 3, 0.1, 0.1, true, 43, true)));
    }

    @Test
    void framesComeInTimeOrder() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(60, 20, 2, 0.1, 0.1, true, 1, true)));
        for (int i = 1; i < f.records().size(); i++) {
            assertThat(micros(f.records().get(i))).as("frame %d", i + 1)
                    .isGreaterThanOrEqualTo(micros(f.records().get(i - 1)));
        }
    }

    @Test
    void anAnsweredDirectCallIsSevenMessages() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 5, 0, 0, false, 1, false)));
        assertThat(f.records()).extracting(r -> text(r).lines().findFirst().orElse("")).satisfiesExactly(
                l -> assertThat(l).startsWith("INVITE sip:2120000000@10.0.0.10:5060"),
                l -> assertThat(l).isEqualTo("SIP/2.0 100 Trying"),
                l -> assertThat(l).isEqualTo("SIP/2.0 180 Ringing"),
                l -> assertThat(l).isEqualTo("SIP/2.0 200 OK"),
                l -> assertThat(l).startsWith("ACK "),
                l -> assertThat(l).startsWith("BYE "),
                l -> assertThat(l).isEqualTo("SIP/2.0 200 OK"));
    }

    @Test
    void mediaIsFiftyPacketsASecondEachWayDuringTheCall() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 4, 0, 0, false, 1, true)));
        long rtp = f.records().stream().filter(r -> (r.data()[42] & 0xC0) == 0x80).count();
        // 4 s of talk minus the 10 ms before the first packet (and 7 ms more one way): 200 one way, 200 the other
        assertThat(rtp).isEqualTo(400);
        assertThat(f.records()).hasSize(7 + 400);
    }

    @Test
    void failuresAreBusyOrCancelled() throws IOException {
        PcapFile busy = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 1, 1, 0, false, 1, true)));
        assertThat(busy.records()).extracting(r -> text(r).lines().findFirst().orElse(""))
                .contains("SIP/2.0 486 Busy Here").noneMatch(l -> l.startsWith("BYE"));
        assertThat(busy.records()).hasSize(5);
        PcapFile cancelled = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 1, 0, 1, false, 1, true)));
        assertThat(cancelled.records()).extracting(r -> text(r).lines().findFirst().orElse(""))
                .contains("SIP/2.0 487 Request Terminated").anyMatch(l -> l.startsWith("CANCEL "));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String firstLine(PcapFile.Record r) {
        return text(r).lines().findFirst().orElse("");
    }

    private static boolean isSip(PcapFile.Record r) {
        return udpPort(r) == 5060;
    }

    private static int udpPort(PcapFile.Record r) {
        return (r.data()[36] & 0xFF) << 8 | r.data()[37] & 0xFF;
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("^" + name + ": (.*)$", Pattern.MULTILINE).matcher(message.replace("\r", ""));
        return m.find() ? m.group(1) : null;
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"?([^\",]*)\"?").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theOptionsThatExistedBeforeKeepTheirBytes() throws Exception {
        // digests of the generator's output before registrations, RTCP, 404s and pcapng were added
        assertThat(sha256(write(new SyntheticCalls.Options(40, 20, 2, 0.1, 0.1, true, 7, true))))
                .isEqualTo("da15b7ab1af984bd589ebf0a8e0c9a69549cc95a00a183273fdfeb3be371f754");
        assertThat(sha256(write(new SyntheticCalls.Options(300, 50, 2, 0.05, 0.05, false, 1))))
                .isEqualTo("01f2f11aae96ce5ae42b9ac6d6211663edaf48a055d24acef9c1045d86fceed2");
    }

    @Test
    void aCallerRegistersThroughADigestChallengeBeforeItsCall() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 2, 0, 0, false, 1, false)
                .withRegistrations(3600)));
        assertThat(f.records()).extracting(SyntheticCallsTest::firstLine).startsWith(
                "REGISTER sip:10.0.0.10 SIP/2.0", "SIP/2.0 401 Unauthorized", "REGISTER sip:10.0.0.10 SIP/2.0",
                "SIP/2.0 200 OK", "INVITE sip:2120000000@10.0.0.10:5060 SIP/2.0");
        assertThat(header(text(f.records().get(0)), "Authorization")).isNull();
        assertThat(header(text(f.records().get(1)), "WWW-Authenticate")).startsWith("Digest realm=\"sipvista.test\"");
        assertThat(header(text(f.records().get(2)), "CSeq")).isEqualTo("2 REGISTER");
        assertThat(header(text(f.records().get(3)), "Contact")).endsWith(";expires=3600");
        // the INVITE comes a second after the first REGISTER
        assertThat(micros(f.records().get(4)) - micros(f.records().get(0))).isEqualTo(1_000_000);
    }

    @Test
    void theAuthorizationAnswersTheChallengeByRfc2617() throws Exception {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(3, 1, 2, 0, 0, false, 5, false)
                .withRegistrations(600)));
        String challenge = header(text(f.records().get(1)), "WWW-Authenticate");
        String auth = header(text(f.records().get(2)), "Authorization");
        assertThat(param(auth, "nonce")).isEqualTo(param(challenge, "nonce")).isNotBlank();
        String user = param(auth, "username");
        String ha1 = md5(user + ":sipvista.test:secret" + user);
        String ha2 = md5("REGISTER:" + param(auth, "uri"));
        String expected = md5(ha1 + ":" + param(auth, "nonce") + ":" + param(auth, "nc") + ":"
                + param(auth, "cnonce") + ":auth:" + ha2);
        assertThat(param(auth, "response")).isEqualTo(expected);
        assertThat(param(auth, "nc")).isEqualTo("00000001");
    }

    @Test
    void registrationsAreRefreshedEveryHalfExpiryUntilTheCaptureEnds() throws IOException {
        // one call at 1 s, 20 s of talk: refreshes at 5, 10, 15 and 20 s, none at 25 s (the capture's end)
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 20, 0, 0, false, 1, false)
                .withRegistrations(10)));
        List<PcapFile.Record> registers = f.records().stream()
                .filter(r -> firstLine(r).startsWith("REGISTER ")).toList();
        assertThat(registers).extracting(r -> header(text(r), "CSeq"))
                .containsExactly("1 REGISTER", "2 REGISTER", "3 REGISTER", "4 REGISTER", "5 REGISTER", "6 REGISTER");
        long first = micros(registers.get(0));
        assertThat(registers.subList(2, 6)).extracting(r -> micros(r) - first)
                .containsExactly(5_000_000L, 10_000_000L, 15_000_000L, 20_000_000L);
        assertThat(param(header(text(registers.get(5)), "Authorization"), "nc")).isEqualTo("00000005");
        assertThat(f.records()).filteredOn(r -> firstLine(r).equals("SIP/2.0 200 OK")
                && header(text(r), "CSeq").endsWith("REGISTER")).hasSize(5);
    }

    @Test
    void registrationsStayInTimeOrderWhenCallsComeFasterThanTheLead() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(80, 40, 1, 0.1, 0.1, true, 3, true)
                .withRegistrations(3600).withRtcp(true)));
        for (int i = 1; i < f.records().size(); i++) {
            assertThat(micros(f.records().get(i))).as("frame %d", i + 1)
                    .isGreaterThanOrEqualTo(micros(f.records().get(i - 1)));
        }
        assertThat(f.records()).filteredOn(r -> firstLine(r).startsWith("REGISTER ")).hasSize(160);
    }

    @Test
    void rtcpSendsASenderReportEveryFiveSecondsPerDirectionOnPortPlusOne() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 16, 0, 0, false, 1, true)
                .withRtcp(true)));
        List<PcapFile.Record> rtcp = f.records().stream().filter(r -> udpPort(r) == 20_001).toList();
        assertThat(rtcp).hasSize(6); // at 5, 10 and 15 s of each direction's 16 s
        int rtpSeen = 0;
        long[] rtpBySsrc = new long[2];
        List<Long> ssrcs = new ArrayList<>();
        for (PcapFile.Record r : f.records()) {
            if (udpPort(r) == 20_000) {
                ByteBuffer b = ByteBuffer.wrap(r.data(), 42, 12);
                long ssrc = b.getInt(50) & 0xFFFF_FFFFL;
                rtpBySsrc[ssrc == 0x10000000L ? 0 : 1]++;
                rtpSeen++;
            } else if (udpPort(r) == 20_001) {
                ByteBuffer b = ByteBuffer.wrap(r.data()).order(ByteOrder.BIG_ENDIAN);
                assertThat(b.get(43) & 0xFF).as("packet type").isEqualTo(200);
                long ssrc = b.getInt(46) & 0xFFFF_FFFFL;
                ssrcs.add(ssrc);
                long packets = b.getInt(62) & 0xFFFF_FFFFL;
                assertThat(packets).isEqualTo(rtpBySsrc[ssrc == 0x10000000L ? 0 : 1]);
                assertThat(b.getInt(66)).as("octets").isEqualTo(packets * 160);
                assertThat(b.get(42) & 0x1F).as("one reception report").isEqualTo(1);
                int sdes = 42 + 52;
                assertThat(b.get(sdes + 1) & 0xFF).as("SDES follows").isEqualTo(202);
            }
        }
        assertThat(rtpSeen).isEqualTo(2 * 800); // 16 s less 10 ms (and 17 ms) at 50/s each way
        assertThat(ssrcs).containsExactly(0x10000000L, 0x20000000L, 0x10000000L, 0x20000000L, 0x10000000L,
                0x20000000L);
        assertThat(micros(rtcp.get(2)) - micros(rtcp.get(0))).isEqualTo(5_000_000);
    }

    @Test
    void rtcpWithoutMediaSendsNothing() throws IOException {
        assertThat(write(new SyntheticCalls.Options(3, 1, 12, 0, 0, false, 1, false).withRtcp(true)))
                .isEqualTo(write(new SyntheticCalls.Options(3, 1, 12, 0, 0, false, 1, false)));
    }

    @Test
    void notFoundIsInviteTryingNotFoundAckWithoutRinging() throws IOException {
        PcapFile f = PcapFile.parse(write(new SyntheticCalls.Options(1, 1, 1, 0, 0, false, 1, true)
                .withNotFoundShare(1)));
        assertThat(f.records()).extracting(SyntheticCallsTest::firstLine).satisfiesExactly(
                l -> assertThat(l).startsWith("INVITE "),
                l -> assertThat(l).isEqualTo("SIP/2.0 100 Trying"),
                l -> assertThat(l).isEqualTo("SIP/2.0 404 Not Found"),
                l -> assertThat(l).startsWith("ACK "));
    }

    @Test
    void sharesAddingUpToMoreThanOneAreRefused() {
        assertThatThrownBy(() -> new SyntheticCalls.Options(1, 1, 1, 0.5, 0.4, false, 1).withNotFoundShare(0.2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRateForAConcurrencyCountsTheSetupTime() {
        assertThat(SyntheticCalls.Options.ratePerSecond(300, 30)).isCloseTo(300 / 32.12, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theTallyCountsWhatWasWritten() throws IOException {
        SyntheticCalls.Options o = new SyntheticCalls.Options(8, 4, 6, 0.1, 0.1, true, 9, true)
                .withRegistrations(3600).withRtcp(true);
        List<byte[]> frames = new ArrayList<>();
        SyntheticCalls.Tally t = SyntheticCalls.write(o, (s, n, frame) -> frames.add(frame));
        PcapFile f = PcapFile.parse(write(o));
        assertThat(t.frames()).isEqualTo(frames.size()).isEqualTo(f.records().size());
        assertThat(t.sip()).isEqualTo(f.records().stream().filter(SyntheticCallsTest::isSip).count());
        assertThat(t.rtcp()).isEqualTo(f.records().stream().filter(r -> udpPort(r) % 2 == 1).count()).isPositive();
        assertThat(t.rtp()).isEqualTo(t.frames() - t.sip() - t.rtcp()).isPositive();
    }

    @Test
    void pcapngCarriesTheSameFramesAtTheSameTimes() throws IOException {
        SyntheticCalls.Options o = new SyntheticCalls.Options(10, 5, 6, 0.1, 0.1, false, 2, true)
                .withRegistrations(3600).withRtcp(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bytes, false)) {
            SyntheticCalls.write(o, w);
        }
        PcapFile pcap = PcapFile.parse(write(o));
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> times = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        int interfaces = 0;
        while (b.remaining() > 0) {
            int start = b.position();
            int type = b.getInt(start);
            int length = b.getInt(start + 4);
            if (type == PcapngWriter.BLOCK_IDB) {
                interfaces++;
                assertThat(b.getShort(start + 8)).as("link type").isEqualTo((short) PcapWriter.LINKTYPE_ETHERNET);
            } else if (type == PcapngWriter.BLOCK_EPB) {
                times.add((b.getInt(start + 12) & 0xFFFF_FFFFL) << 32 | b.getInt(start + 16) & 0xFFFF_FFFFL);
                byte[] frame = new byte[b.getInt(start + 20)];
                b.get(start + 28, frame);
                data.add(frame);
            }
            b.position(start + length);
        }
        assertThat(interfaces).isEqualTo(1);
        assertThat(times).isEqualTo(pcap.records().stream().map(SyntheticCallsTest::micros).toList());
        assertThat(data).hasSameSizeAs(pcap.records());
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i)).as("frame %d", i + 1).isEqualTo(pcap.records().get(i).data());
        }
    }
}
