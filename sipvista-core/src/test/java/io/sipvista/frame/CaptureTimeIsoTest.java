package io.sipvista.frame;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CaptureTime#iso} writes what {@link Instant#toString()} writes. */
class CaptureTimeIsoTest {
    private static void same(Instant t) {
        assertThat(CaptureTime.iso(t)).isEqualTo(t.toString());
    }

    @Test
    void theFractionComesInGroupsOfThreeAsLongAsNeeded() {
        assertThat(CaptureTime.iso(Instant.parse("2010-06-17T13:00:03.224417Z")))
                .isEqualTo("2010-06-17T13:00:03.224417Z");
        same(Instant.parse("2010-06-17T13:00:03Z"));
        same(Instant.parse("2010-06-17T13:00:03.100Z"));
        same(Instant.parse("2010-06-17T13:00:03.000100Z"));
        same(Instant.parse("2010-06-17T13:00:03.000000001Z"));
        same(Instant.parse("2010-06-17T13:00:03.999999999Z"));
    }

    @Test
    void theEdgesOfFourDigitYearsAndBeyond() {
        same(Instant.EPOCH);
        same(Instant.parse("0000-01-01T00:00:00Z"));
        same(Instant.parse("0000-01-01T00:00:00Z").minusNanos(1));
        same(Instant.parse("9999-12-31T23:59:59.999999999Z"));
        same(Instant.parse("+10000-01-01T00:00:00Z"));
        same(Instant.MIN);
        same(Instant.MAX);
        same(Instant.parse("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void randomInstantsOverTenThousandYearsMatch() {
        SplittableRandom random = new SplittableRandom(11);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long s = random.nextLong(first, last + 1);
            int kind = random.nextInt(4);
            int nanos = kind == 0 ? 0 : kind == 1 ? random.nextInt(1000) * 1_000_000
                    : kind == 2 ? random.nextInt(1_000_000) * 1_000 : random.nextInt(1_000_000_000);
            same(Instant.ofEpochSecond(s, nanos));
        }
    }
}
