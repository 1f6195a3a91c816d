package io.sipvista.media;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4733 event sequences as senders produce them, and as networks damage them. */
class TelephoneEventsTest {
    private static final long MS = 1_000_000L;

    /** Feeds packets of one stream, numbering frames and sequence numbers as it goes. */
    private static final class Stream {
        final TelephoneEvents events;
        long frame;
        int seq = 1000;
        long nanos;

        Stream(TelephoneEvents events) {
            this.events = events;
        }

        Stream() {
            this(new TelephoneEvents());
        }

        /** One packet of one event; advances frame, seq and time by 20 ms. */
        void send(long ts, boolean marker, int event, boolean end, int volume, int duration) {
            send(ts, marker, 8000, payload(event, end, volume, duration));
        }

        void send(long ts, boolean marker, int rate, byte[] payload) {
            frame++;
            events.accept(frame, nanos, seq & 0xFFFF, ts, marker, payload, 0, payload.length, rate);
            seq++;
            nanos += 20 * MS;
        }

        /** Skips a packet: lost on the way (frame, seq and time still move). */
        void lose() {
            frame++;
            seq++;
            nanos += 20 * MS;
        }

        /** A whole digit the RFC 4733 way: n reports 160 units apart, the first marked, then 3 end packets. */
        void digit(long ts, int event, int n) {
            for (int i = 1; i <= n; i++) {
                send(ts, i == 1, event, false, 10, 160 * i);
            }
            for (int i = 0; i < 3; i++) {
                send(ts, false, event, true, 10, 160 * (n + 1));
            }
        }
    }

    static byte[] payload(int event, boolean end, int volume, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    @Test
    void tenReportsAndThreeEndPacketsAreOneDigit() {
        Stream s = new Stream();
        s.digit(16000, 5, 10);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).hasSize(1);
        DtmfDigit d = digits.get(0);
        assertThat(d.digit()).isEqualTo('5');
        assertThat(d.startFrame()).isEqualTo(1);
        assertThat(d.endFrame()).isEqualTo(11); // the first end packet, not its retransmissions
        assertThat(d.durationMs()).isEqualTo(220); // 1760 units at 8000 Hz
        assertThat(d.volumeDbm0()).isEqualTo(-10);
        assertThat(d.endSeen()).isTrue();
        assertThat(d.startSeen()).isTrue();
        assertThat(d.rtpTimestamp()).isEqualTo(16000);
        assertThat(d.startNanos()).isZero();
        assertThat(s.events.anomalies()).isEmpty();
    }

    @Test
    void twoDigitsBackToBackAreTwoDigitsInOrder() {
        Stream s = new Stream();
        s.digit(16000, 1, 5);
        s.digit(17600, 2, 6);
        assertThat(s.events.finish()).extracting(DtmfDigit::digit).containsExactly('1', '2');
        assertThat(s.events.digits().get(1).startFrame()).isEqualTo(9);
        assertThat(s.events.digits().get(1).durationMs()).isEqualTo(140);
    }

    @Test
    void theSameDigitPressedTwiceIsTwoDigits() {
        Stream s = new Stream();
        s.digit(16000, 7, 4);
        s.digit(24000, 7, 4);
        assertThat(s.events.finish()).extracting(DtmfDigit::digit).containsExactly('7', '7');
    }

    @Test
    void aLostEndIsClosedByTheNextDigit() {
        Stream s = new Stream();
        for (int i = 1; i <= 5; i++) {
            s.send(16000, i == 1, 3, false, 10, 160 * i);
        }
        s.lose();
        s.lose();
        s.lose();
        s.digit(24000, 4, 5);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('3', '4');
        assertThat(digits.get(0).endSeen()).isFalse();
        assertThat(digits.get(0).endFrame()).isEqualTo(5);
        assertThat(digits.get(0).durationMs()).isEqualTo(100);
        assertThat(digits.get(1).endSeen()).isTrue();
    }

    @Test
    void aLostEndIsClosedByTheEndOfTheStream() {
        Stream s = new Stream();
        for (int i = 1; i <= 4; i++) {
            s.send(16000, i == 1, 9, false, 10, 160 * i);
        }
        assertThat(s.events.digits()).isEmpty(); // still open
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).hasSize(1);
        assertThat(digits.get(0).endSeen()).isFalse();
        assertThat(digits.get(0).durationMs()).isEqualTo(80);
    }

    @Test
    void aLostFirstPacketStillGivesTheDigitAndItsFullDuration() {
        Stream s = new Stream();
        s.lose();
        for (int i = 2; i <= 6; i++) {
            s.send(16000, false, 11, false, 10, 160 * i);
        }
        s.send(16000, false, 11, true, 10, 1120);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).hasSize(1);
        assertThat(digits.get(0).digit()).isEqualTo('#');
        assertThat(digits.get(0).startSeen()).isFalse();
        assertThat(digits.get(0).startFrame()).isEqualTo(2);
        assertThat(digits.get(0).durationMs()).isEqualTo(140);
    }

    @Test
    void aLongEventInTwoSegmentsIsOneEventWithTheSummedDuration() {
        // RFC 4733 2.5.1.3: the first segment reaches 0xFFFF without E, the next starts at ts + 0xFFFF
        Stream s = new Stream();
        long ts = 100_000;
        s.send(ts, true, 0, false, 10, 160);
        s.send(ts, false, 0, false, 10, 0xFF00);
        s.send(ts, false, 0, false, 10, 0xFFFF);
        long next = ts + 0xFFFF;
        s.send(next, false, 0, false, 10, 160);
        s.send(next, false, 0, false, 10, 4000);
        s.send(next, false, 0, true, 10, 8000);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).hasSize(1);
        assertThat(digits.get(0).digit()).isEqualTo('0');
        assertThat(digits.get(0).rtpTimestamp()).isEqualTo(ts);
        assertThat(digits.get(0).durationMs()).isEqualTo(9192); // (65535 + 8000) / 8 = 9191.9 ms
        assertThat(digits.get(0).endSeen()).isTrue();
    }

    @Test
    void aDurationFieldThatWrapsPast0xFfffKeepsCounting() {
        Stream s = new Stream();
        s.send(5000, true, 1, false, 10, 0xFF00);
        s.send(5000, false, 1, false, 10, 0x0060); // 0x10060 units: the 16-bit field wrapped
        s.send(5000, false, 1, true, 10, 0x0200);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).hasSize(1);
        assertThat(digits.get(0).durationMs()).isEqualTo((0x10200 * 1000L + 4000) / 8000);
    }

    @Test
    void anOlderReportArrivingLateDoesNotShortenOrSplitTheDigit() {
        TelephoneEvents e = new TelephoneEvents();
        byte[] p800 = payload(6, false, 10, 800);
        byte[] p640 = payload(6, false, 10, 640);
        e.accept(1, 0, 10, 3000, true, p800, 0, 4, 8000);
        e.accept(2, 0, 9, 3000, false, p640, 0, 4, 8000); // seq 9 after seq 10: reordered
        List<DtmfDigit> digits = e.finish();
        assertThat(digits).hasSize(1);
        assertThat(digits.get(0).durationMs()).isEqualTo(100);
    }

    @Test
    void anEndPacketArrivingAfterTheNextDigitStartedStillEndsItsDigit() {
        Stream s = new Stream();
        for (int i = 1; i <= 3; i++) {
            s.send(16000, i == 1, 2, false, 10, 160 * i);
        }
        s.send(24000, true, 8, false, 10, 160);
        s.send(16000, false, 2, true, 10, 640); // reordered end of the first digit
        s.send(24000, false, 8, true, 10, 320);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('2', '8');
        assertThat(digits.get(0).endSeen()).isTrue();
        assertThat(digits.get(0).endFrame()).isEqualTo(5);
        assertThat(digits.get(0).durationMs()).isEqualTo(80);
    }

    @Test
    void aPayloadShorterThanOneEventIsNamedAndIgnored() {
        Stream s = new Stream();
        s.send(1000, true, 8000, new byte[] {5, 10, 0});
        assertThat(s.events.finish()).isEmpty();
        assertThat(s.events.anomalies()).extracting(Anomaly::id).containsExactly("media.dtmf.truncated");
    }

    @Test
    void aPayloadWithATrailingPartialEventKeepsItsWholeEvent() {
        Stream s = new Stream();
        byte[] p = {5, (byte) 0x8A, 0x03, 0x20, 0x7};
        s.send(1000, true, 8000, p);
        assertThat(s.events.finish()).extracting(DtmfDigit::digit).containsExactly('5');
        assertThat(s.events.anomalies()).extracting(Anomaly::id).containsExactly("media.dtmf.truncated");
    }

    @Test
    void anUnusableClockRateIsNamedAnd8000IsAssumed() {
        Stream s = new Stream();
        s.send(1000, true, 0, payload(4, true, 10, 800));
        assertThat(s.events.finish().get(0).durationMs()).isEqualTo(100);
        assertThat(s.events.anomalies()).extracting(Anomaly::id).containsExactly("media.dtmf.clock_rate");
    }

    @Test
    void theClockRateScalesTheDuration() {
        Stream s = new Stream();
        s.send(1000, true, 16000, payload(4, true, 10, 3200));
        assertThat(s.events.finish().get(0).durationMs()).isEqualTo(200);
    }

    @Test
    void aFaxToneIsAnEventNamedByRfc4734() {
        Stream s = new Stream();
        s.digit(1000, 36, 3);
        DtmfDigit d = s.events.finish().get(0);
        assertThat(d.event().name()).isEqualTo("CNG");
        assertThat(d.event().isDigit()).isFalse();
        assertThat(d.digit()).isEqualTo('?');
    }

    @Test
    void packedEventsInOnePacketAreEachAnEvent() {
        // RFC 4733 2.5.1.5: '1' lasting 800 units from ts 1000, then '2' starting at 1800
        byte[] two = new byte[8];
        System.arraycopy(payload(1, true, 10, 800), 0, two, 0, 4);
        System.arraycopy(payload(2, false, 10, 320), 0, two, 4, 4);
        Stream s = new Stream();
        s.send(1000, true, 8000, two);
        s.send(1800, false, 2, true, 10, 480);
        List<DtmfDigit> digits = s.events.finish();
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1', '2');
        assertThat(digits.get(1).rtpTimestamp()).isEqualTo(1800);
        assertThat(digits.get(1).durationMs()).isEqualTo(60);
    }

    @Test
    void pastTheEventLimitEventsAreCountedNotKept() {
        Stream s = new Stream(new TelephoneEvents(2));
        s.digit(1000, 1, 2);
        s.digit(3000, 2, 2);
        s.digit(5000, 3, 2);
        assertThat(s.events.finish()).extracting(DtmfDigit::digit).containsExactly('1', '2');
        assertThat(s.events.anomalies()).extracting(Anomaly::id).containsExactly("media.dtmf.limit");
    }

    @Test
    void finishTwiceGivesTheSameDigits() {
        Stream s = new Stream();
        s.digit(1000, 12, 2);
        List<DtmfDigit> first = s.events.finish();
        assertThat(s.events.finish()).isEqualTo(first).extracting(DtmfDigit::digit).containsExactly('A');
    }

    @Test
    void timestampWrapAroundStartsANewEventNormally() {
        Stream s = new Stream();
        s.digit(0xFFFFFF00L, 1, 2);
        s.digit(0x00000200L, 2, 2);
        assertThat(s.events.finish()).extracting(DtmfDigit::digit).containsExactly('1', '2');
    }
}
