package io.sipvista.analysis;

import io.sipvista.correlate.KeyOrder;
import io.sipvista.correlate.SipEvent;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link KeyOrder}: the held events of a settling, by frame number, stable. */
class EventOrderTest {
    private static final SipMessage OPTIONS = SipParser.parse(("OPTIONS sip:a@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
            + "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));

    private static SipEvent event(long frame, String src) {
        return new SipEvent(frame, 1_700_000_000L, 0, src, "10.0.0.2:5060", "udp", OPTIONS);
    }

    private static List<SipEvent> sorted(SipEvent[] events) {
        long[] frames = new long[events.length];
        for (int i = 0; i < events.length; i++) {
            frames[i] = events[i].frame();
        }
        return KeyOrder.stable(events.clone(), frames);
    }

    @Test
    void equalFramesKeepTheirOrderAndTheRestIsSorted() {
        // lists of several Call-IDs one after another: two messages of one TCP segment share frame 5
        SipEvent[] events = {event(3, "a"), event(5, "b"), event(9, "c"), event(1, "d"), event(5, "e"), event(4, "f")};
        assertThat(sorted(events)).extracting(SipEvent::src).containsExactly("d", "a", "f", "b", "e", "c");
    }

    @Test
    void agreesWithAStableSortOnManyEvents() {
        Random random = new Random(7);
        SipEvent[] events = new SipEvent[5_000];
        for (int i = 0; i < events.length; i++) {
            events[i] = event(1 + random.nextInt(800), "10.0.0." + i);
        }
        List<SipEvent> expected = new ArrayList<>(List.of(events));
        expected.sort(Comparator.comparingLong(SipEvent::frame));
        assertThat(sorted(events)).containsExactlyElementsOf(expected);
    }

    @Test
    void frameNumbersTooLargeToPairWithAPositionAreStillSortedStably() {
        long huge = Long.MAX_VALUE / 2;
        SipEvent[] events = {event(huge, "a"), event(2, "b"), event(huge, "c"), event(1, "d")};
        assertThat(sorted(events)).extracting(SipEvent::src).containsExactly("d", "b", "a", "c");
    }

    @Test
    void noEventsGiveNoEvents() {
        assertThat(sorted(new SipEvent[0])).isEmpty();
    }
}
