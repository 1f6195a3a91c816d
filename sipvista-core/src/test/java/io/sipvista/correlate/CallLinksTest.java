package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What may tie one Call-ID's leg to another's: every tie the assembler can make is a link, and Call-IDs with
 * nothing in common, or far apart in time, stay apart.
 */
class CallLinksTest {
    private static final long T0 = 1_700_000_000L;
    private long frame;

    /** An initial INVITE of {@code callId} from {@code from} to {@code to} (numbers), at second {@code at}. */
    private SipEvent invite(String callId, String from, String to, double at, String... headers) {
        Msg m = Msg.request("INVITE").callId(callId).requestUri("sip:" + to + "@b.example")
                .set("From", "<sip:" + from + "@a.example>;tag=f" + callId).set("To", "<sip:" + to + "@b.example>");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            m = m.add(headers[i], headers[i + 1]);
        }
        return event(m, at);
    }

    private SipEvent event(Msg m, double at) {
        long nanos = Math.round(at * 1e9);
        return new SipEvent(++frame, T0 + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), "10.0.0.1:5060",
                "10.0.0.2:5060", "udp", m.parse());
    }

    private static CallLinks links(SipEvent... events) {
        return links(new CallLinks(), events);
    }

    private static CallLinks links(CallLinks l, SipEvent... events) {
        for (SipEvent e : events) {
            l.add(e.message().callId(), e);
        }
        return l;
    }

    @Test
    void theTwoLegsOfABridgeWithTheSameNumbersAreLinked() {
        CallLinks l = links(invite("in", "4180001", "2120001", 0), invite("out", "4180001", "2120001", 0.2));
        assertThat(l.closure(Set.of("in"))).containsExactlyInAnyOrder("in", "out");
    }

    @Test
    void theSameNumberCalledAMinuteLaterIsNotLinked() {
        CallLinks l = links(invite("first", "4180001", "2120001", 0), invite("later", "4180009", "2120001", 60));
        assertThat(l.closure(Set.of("first"))).containsExactly("first");
    }

    @Test
    void aNumberThatEndsWithTheOtherOnLongNumbersIsLinked() {
        CallLinks l = links(invite("in", "a", "+4930123456789", 0), invite("out", "b", "030123456789", 1));
        assertThat(l.closure(Set.of("out"))).containsExactlyInAnyOrder("in", "out");
    }

    @Test
    void unrelatedCallsAtTheSameTimeAreNotLinked() {
        CallLinks l = links(invite("a", "4180001", "2120001", 0), invite("b", "4180002", "2120002", 0.1));
        assertThat(l.closure(Set.of("a"))).containsExactly("a");
    }

    @Test
    void aCorrelationHeaderLinksWhateverTheTime() {
        CallLinks l = links(invite("in", "1", "2", 0), invite("out", "3", "4", 500, "X-CID", "in"));
        assertThat(l.closure(Set.of("in"))).containsExactlyInAnyOrder("in", "out");
        CallLinks s = links(invite("x", "1", "2", 0, "Session-ID", "ab30317f1a784dc48ff824d0d3715d86"),
                invite("y", "3", "4", 900, "Session-ID", "AB30317F1A784DC48FF824D0D3715D86;remote=00"));
        assertThat(s.closure(Set.of("y"))).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void replacesAndReferLinkTheTransferLegs() {
        CallLinks l = links(invite("old", "1", "2", 0), invite("new", "5", "6", 300, "Replaces", "old;to-tag=1"));
        assertThat(l.closure(Set.of("old"))).containsExactlyInAnyOrder("old", "new");
        assertThat(l.closure(Set.of("new"))).as("from the leg that names the other").containsExactlyInAnyOrder("old",
                "new");
        SipEvent refer = event(Msg.request("REFER").callId("talk").toTag("t1").add("Refer-To", "<sip:7@c.example>"),
                100);
        CallLinks r = links(invite("talk", "1", "2", 0), refer,
                invite("to7", "2", "7", 101, "Referred-By", "<sip:1@a.example>"));
        assertThat(r.closure(Set.of("talk"))).containsExactlyInAnyOrder("talk", "to7");
    }

    @Test
    void aLegBridgedInByAReInviteLongAfterTheCallStartedIsLinked() {
        String sdp = Msg.audio("10.9.9.9", 40000, "sendrecv");
        SipEvent held = invite("held", "1", "2", 0);
        SipEvent reinvite = event(Msg.request("INVITE").callId("held").toTag("t9").sdp(sdp), 120);
        SipEvent pickup = event(Msg.request("INVITE").callId("pickup").requestUri("sip:99@b.example")
                .set("From", "<sip:55@a.example>;tag=p").set("To", "<sip:99@b.example>").sdp(sdp), 119);
        CallLinks l = links(held, pickup, reinvite);
        assertThat(l.closure(Set.of("held"))).containsExactlyInAnyOrder("held", "pickup");
        SipEvent late = event(Msg.request("INVITE").callId("late").requestUri("sip:98@b.example")
                .set("From", "<sip:56@a.example>;tag=q").set("To", "<sip:98@b.example>").sdp(sdp), 200);
        assertThat(links(held, reinvite, late).closure(Set.of("held"))).containsExactly("held");
    }

    @Test
    void linksAreFollowedFromLegToLeg() {
        CallLinks l = links(invite("a", "4180001", "2120001", 0), invite("b", "4180001", "2120001", 1, "X-CID", "q"),
                invite("c", "9", "8", 400, "X-CID", "q"), invite("d", "7", "6", 400.5));
        assertThat(l.closure(Set.of("a"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(l.closure(Set.of("d"))).containsExactly("d");
    }

    @Test
    void horizonIsTheLatestMessageAndForgottenCallIdsLeave() {
        CallLinks l = links(invite("a", "4180001", "2120001", 0), invite("b", "4180001", "2120001", 2.5));
        assertThat(l.horizon()).isEqualTo(Instant.ofEpochSecond(T0 + 2, 500_000_000));
        l.remove(List.of("b"));
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.closure(Set.of("a", "b"))).containsExactly("a");
        assertThat(l.horizon()).isEqualTo(Instant.ofEpochSecond(T0));
        l.remove(List.of("a"));
        assertThat(l.horizon()).isNull();
    }

    /**
     * Call-IDs forgotten along the way leave nothing behind: after random calls sharing numbers, correlation headers
     * and Replaces targets, some forgotten at random, every closure is the one of links given only the survivors'
     * messages, and each survivor's closure holds the survivors it is tied to through the others too.
     */
    @Test
    void forgottenCallIdsLeaveNoLinkBehind() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(2026);
        for (int round = 0; round < 60; round++) {
            List<SipEvent> events = new java.util.ArrayList<>();
            int calls = 6 + r.nextInt(30);
            for (int c = 0; c < calls; c++) {
                String id = "r" + round + "c" + c;
                String from = "41800" + r.nextInt(4);
                String to = "21200" + r.nextInt(4);
                double at = r.nextInt(3) == 0 ? 100 * r.nextInt(5) : c * 0.5;
                List<String> headers = new java.util.ArrayList<>();
                if (r.nextInt(4) == 0) {
                    headers.addAll(List.of("X-CID", "x" + r.nextInt(3)));
                }
                if (c > 0 && r.nextInt(5) == 0) {
                    headers.addAll(List.of("Replaces", "r" + round + "c" + r.nextInt(c) + ";to-tag=a;from-tag=b"));
                }
                events.add(invite(id, from, to, at, headers.toArray(String[]::new)));
            }
            CallLinks all = links(events.toArray(SipEvent[]::new));
            Set<String> forgotten = new java.util.HashSet<>();
            for (SipEvent e : events) {
                if (r.nextInt(3) == 0) {
                    forgotten.add(e.message().callId());
                }
            }
            all.remove(forgotten);
            CallLinks survivors = links(events.stream().filter(e -> !forgotten.contains(e.message().callId()))
                    .toArray(SipEvent[]::new));
            assertThat(all.size()).isEqualTo(survivors.size());
            for (SipEvent e : events) {
                Set<String> seed = Set.of(e.message().callId());
                assertThat(all.closure(seed)).as("round %d, %s", round, seed).isEqualTo(survivors.closure(seed));
            }
        }
    }

    /**
     * A number or media address many Call-IDs hold is searched by time instead of holder by holder: the closures
     * are the same. Random calls to a few numbers, half of them with SDP to one of two media addresses (and some
     * re-INVITEs with SDP up to a minute later), some with an earlier message before their INVITE (so a leg's
     * start is a range), some at the same instant, far apart or within the window, times out of order, then some
     * forgotten: every Call-ID's closure with the search always on equals the closure with the plain walk.
     */
    @Test
    void aKeyManyHoldSearchedByTimeGivesTheClosuresOfThePlainWalk() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(77);
        java.time.Duration window = CallAssembler.TIE_WINDOW;
        for (int round = 0; round < 40; round++) {
            List<SipEvent> events = new java.util.ArrayList<>();
            int calls = 20 + r.nextInt(120);
            for (int c = 0; c < calls; c++) {
                String id = "n" + round + "c" + c;
                double at = switch (r.nextInt(4)) {
                    case 0 -> 3 * r.nextInt(3); // many at the same instants
                    case 1 -> 40 * r.nextInt(6); // far apart
                    default -> c * (0.1 + r.nextInt(4)); // a run, near each other or not
                };
                if (r.nextInt(5) == 0) { // a message of the Call-ID before its INVITE: the leg starts in a range
                    events.add(event(Msg.request("OPTIONS").callId(id), at - r.nextInt(12)));
                }
                SipEvent invite = invite(id, "4180" + r.nextInt(3), "2120" + r.nextInt(2), at);
                if (r.nextBoolean()) { // the same few media addresses in many SDP bodies
                    Msg m = Msg.request("INVITE").callId(id).requestUri("sip:" + c + "@b.example")
                            .set("From", "<sip:" + c + "@a.example>;tag=f" + id).set("To", "<sip:" + c + "@b.example>")
                            .sdp(Msg.audio("10.9.9." + r.nextInt(2), 40000, "sendrecv"));
                    invite = event(m, at);
                }
                events.add(invite);
                if (r.nextInt(5) == 0) { // a re-INVITE later: the Call-ID's messages span a while
                    events.add(event(Msg.request("INVITE").callId(id).toTag("t" + id)
                            .sdp(Msg.audio("10.9.9." + r.nextInt(2), 40000, "sendrecv")), at + r.nextInt(60)));
                }
            }
            CallLinks walked = links(new CallLinks(window, Integer.MAX_VALUE), events.toArray(SipEvent[]::new));
            CallLinks searched = links(new CallLinks(window, 0), events.toArray(SipEvent[]::new));
            for (int pass = 0; pass < 2; pass++) {
                for (SipEvent e : events) {
                    Set<String> seed = Set.of(e.message().callId());
                    assertThat(searched.closure(seed)).as("round %d pass %d, %s", round, pass, seed)
                            .isEqualTo(walked.closure(seed));
                }
                Set<String> forgotten = new java.util.HashSet<>();
                for (SipEvent e : events) {
                    if (r.nextInt(3) == 0) {
                        forgotten.add(e.message().callId());
                    }
                }
                walked.remove(forgotten);
                searched.remove(forgotten);
            }
            assertThat(searched.nearTests).as("the search tests fewer pairs").isLessThanOrEqualTo(walked.nearTests);
        }
    }

    /** A flood of 20,000 INVITEs to different numbers with the same SDP closes in linear work too. */
    @Test
    void aFloodWithTheSameSdpClosesInLinearWork() {
        int n = 20_000;
        SipEvent[] flood = new SipEvent[n];
        String sdp = Msg.audio("203.0.113.9", 40000, "sendrecv");
        for (int i = 0; i < n; i++) {
            flood[i] = event(Msg.request("INVITE").callId("f-" + i).requestUri("sip:" + (1000 + i) + "@b.example")
                    .set("From", "<sip:scan@a.example>;tag=f" + i).set("To", "<sip:" + (1000 + i) + "@b.example>")
                    .sdp(sdp), i * 0.0003);
        }
        CallLinks l = links(flood);
        assertThat(l.closure(Set.of("f-7"))).hasSize(n);
        assertThat(l.nearTests).isLessThan(3L * n);
    }

    /**
     * A SIP scanner's 20,000 INVITEs to one number within 6 s are all one closure, found testing a few pairs per
     * Call-ID, not every pair (the plain walk tests each holder from each of them: 400 million); and forgetting
     * them all leaves nothing.
     */
    @Test
    void aScannersInvitesToOneNumberCloseInLinearWork() {
        int n = 20_000;
        SipEvent[] scan = new SipEvent[n];
        for (int i = 0; i < n; i++) {
            scan[i] = invite("scan-" + i, "100", "100", i * 0.0003);
        }
        CallLinks l = links(scan);
        Set<String> all = l.closure(Set.of("scan-7"));
        assertThat(all).hasSize(n);
        assertThat(l.nearTests).isLessThan(3L * n);
        l.remove(all);
        assertThat(l.size()).isZero();
        assertThat(links(invite("later", "100", "100", 1)).closure(Set.of("later"))).containsExactly("later");
    }

    /** An SDP with one audio m= line per port, all at {@code address}. */
    private static String manyLines(String address, int... ports) {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address
                + "\r\nt=0 0\r\n");
        for (int p : ports) {
            b.append("m=audio ").append(p).append(" RTP/AVP 0\r\n");
        }
        return b.toString();
    }

    /**
     * A Call-ID whose SDP has many m= lines (more than are looked through one by one), offered again with one line
     * more: the new address links it to the Call-ID that uses it, an address already known is not held twice, and
     * forgetting the Call-ID leaves none of them behind.
     */
    @Test
    void manyMediaAddressesOfOneCallIdLinkAndLeave() {
        int[] ports = new int[3 * CallLinks.SCAN_LIMIT];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = 10_000 + 2 * i;
        }
        int[] more = java.util.Arrays.copyOf(ports, ports.length + 1);
        more[ports.length] = 20_000;
        SipEvent offer = event(Msg.request("INVITE").callId("big").requestUri("sip:1@b.example")
                .set("From", "<sip:2@a.example>;tag=f").set("To", "<sip:1@b.example>")
                .sdp(manyLines("10.1.0.1", ports)), 0);
        SipEvent again = event(Msg.request("INVITE").callId("big").toTag("t").sdp(manyLines("10.1.0.1", more)), 1);
        SipEvent other = event(Msg.request("INVITE").callId("other").requestUri("sip:7@b.example")
                .set("From", "<sip:8@a.example>;tag=o").set("To", "<sip:7@b.example>")
                .sdp(Msg.audio("10.1.0.1", 20_000, "sendrecv")), 2);
        SipEvent stranger = event(Msg.request("INVITE").callId("stranger").requestUri("sip:5@b.example")
                .set("From", "<sip:6@a.example>;tag=s").set("To", "<sip:5@b.example>")
                .sdp(Msg.audio("10.9.0.1", 30_000, "sendrecv")), 2);
        CallLinks l = links(offer, again, other, stranger);
        assertThat(l.closure(Set.of("other"))).containsExactlyInAnyOrder("big", "other");
        assertThat(l.closure(Set.of("big"))).containsExactlyInAnyOrder("big", "other");
        assertThat(l.closure(Set.of("stranger"))).containsExactly("stranger");
        l.remove(List.of("big"));
        assertThat(l.closure(Set.of("other"))).containsExactly("other");
        CallLinks fresh = links(other, stranger);
        assertThat(l.closure(Set.of("stranger"))).isEqualTo(fresh.closure(Set.of("stranger")));
    }
}
